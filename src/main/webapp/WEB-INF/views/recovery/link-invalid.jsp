<%@ page session="false" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="This link does not work">
  <h1>This link does not work</h1>
  <p role="alert">It was already used, is too old, was replaced by a newer one or by a change of the
    password, or was not copied whole. Links work once, for a limited time.</p>
  <c:choose>
    <c:when test="${purpose == 'verify'}"><p><a href="${ctx}/account/email">Send a new verification link</a></p></c:when>
    <c:otherwise><p><a href="${ctx}/password/forgot">Ask for a new link</a></p></c:otherwise>
  </c:choose>
</t:layout>
