<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Recovery codes">
  <h1>Your recovery codes</h1>
  <c:if test="${justEnabled}"><p class="notice" role="status">Two-step verification is on.</p></c:if>
  <section class="card section" aria-labelledby="codes-heading">
    <h2 id="codes-heading">Keep these somewhere safe</h2>
    <p>If you lose your phone, each of these codes signs you in once in place of a code from your app.
      They are shown only now: write them down or print this page.</p>
    <ul class="recovery-codes" id="recovery-codes">
      <c:forEach items="${codes}" var="code"><li><code><c:out value="${code}"/></code></li></c:forEach>
    </ul>
    <p><a href="${ctx}/account/two-step">Done</a></p>
  </section>
</t:layout>
