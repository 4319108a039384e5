<%@ page session="false" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%-- One page for every error: a plain explanation, never a stack trace or a server version. --%>
<c:set var="status" value="${requestScope['jakarta.servlet.error.status_code']}"/>
<c:choose>
  <c:when test="${status == 400}"><c:set var="heading" value="That request could not be understood"/>
    <c:set var="message" value="Something in it was malformed or too large. Go back and try again."/></c:when>
  <c:when test="${status == 403 and requestScope['signin.errorReason'] == 'second-factor'}"><c:set var="heading" value="Set up a second factor first"/>
    <c:set var="message" value="This site asks every account for a second factor: an authenticator app or a passkey. Set one up in your account, at Two-step verification, then try again."/></c:when>
  <c:when test="${status == 403}"><c:set var="heading" value="That form has expired"/>
    <c:set var="message" value="For your safety, forms only work for a while and only from this site. Go back, reload the page and send it again."/></c:when>
  <c:when test="${status == 404}"><c:set var="heading" value="Page not found"/>
    <c:set var="message" value="There is nothing at this address."/></c:when>
  <c:when test="${status == 405}"><c:set var="heading" value="Not allowed here"/>
    <c:set var="message" value="This address does not accept that kind of request."/></c:when>
  <c:when test="${status == 413}"><c:set var="heading" value="Too much data"/>
    <c:set var="message" value="What you sent is larger than this site accepts."/></c:when>
  <c:when test="${status == 429}"><c:set var="heading" value="Too many attempts"/>
    <c:set var="message" value="Please wait a little and try again."/></c:when>
  <c:when test="${status == 503 and requestScope['signin.errorReason'] == 'database'}"><c:set var="heading" value="Temporarily unavailable"/>
    <c:set var="message" value="We cannot reach our database right now. Your account is safe; please try again in a minute."/></c:when>
  <c:when test="${status == 503 and requestScope['signin.errorReason'] == 'session-ids'}"><c:set var="heading" value="Sign-in is switched off"/>
    <c:set var="message" value="This server is not set up to keep sessions safe, so nobody can sign in for now. The people who run it can see why in its log."/></c:when>
  <c:when test="${status == 503}"><c:set var="heading" value="Busy right now"/>
    <c:set var="message" value="Too many people are signing in at this moment. Please try again in a second."/></c:when>
  <c:when test="${status == 415}"><c:set var="heading" value="Unsupported form"/>
    <c:set var="message" value="This address does not accept data in that format."/></c:when>
  <c:when test="${status >= 400 and status < 500}"><c:set var="heading" value="That request could not be handled"/>
    <c:set var="message" value="Go back and try again."/></c:when>
  <c:otherwise><c:set var="heading" value="Something went wrong on our side"/>
    <c:set var="message" value="The error has been logged. Please try again in a moment."/></c:otherwise>
</c:choose>
<t:layout title="${heading}" account="false">
  <h1><c:out value="${heading}"/></h1>
  <p><c:out value="${message}"/></p>
  <p class="muted">Error <c:out value="${status}"/></p>
  <p><a href="${ctx}/">Go to the start page</a></p>
</t:layout>
