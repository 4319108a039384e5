<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Your sessions">
  <h1>Your sessions</h1>
  <p>Where you are signed in now. End any session you do not recognise, then change your password.</p>
  <ul class="sessions">
    <c:forEach items="${sessions}" var="s">
      <li class="card session${s.id == current ? ' current' : ''}">
        <p class="session-name"><strong><c:out value="${s.browser}"/></strong>
          <c:if test="${s.id == current}"><span class="badge">This session</span></c:if></p>
        <dl>
          <dt>Started</dt><dd><c:out value="${when.format(s.startedAt)}"/></dd>
          <dt>Last active</dt><dd><c:out value="${when.format(s.lastSeenAt)}"/></dd>
          <dt>From</dt><dd><c:out value="${s.clientAddress}"/></dd>
        </dl>
        <form method="post" action="${ctx}/account/sessions/end">
          <t:csrf/>
          <input type="hidden" name="session" value="<c:out value='${s.id}'/>">
          <button type="submit" class="link-button">${s.id == current ? 'Sign out here' : 'End this session'}</button>
        </form>
      </li>
    </c:forEach>
  </ul>
  <c:if test="${sessions.size() > 1}">
    <form method="post" action="${ctx}/account/sessions/end-others">
      <t:csrf/>
      <button type="submit" class="danger-button">End all other sessions</button>
    </form>
  </c:if>
  <p class="aside"><a href="${ctx}/account">Back to account settings</a></p>
</t:layout>
