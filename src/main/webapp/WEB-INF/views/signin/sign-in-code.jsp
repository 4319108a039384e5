<%@ page session="false" %><%-- the waiting sign-in has its session already; JSP must not make one for anybody else --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Two-step verification">
  <h1>Two-step verification</h1>
  <c:if test="${not empty error}">
    <p class="error-summary" role="alert" id="code-error" tabindex="-1" autofocus><c:out value="${error}"/></p>
  </c:if>
  <form method="post" action="${ctx}/sign-in/code" class="card">
    <t:csrf/>
    <input type="hidden" name="next" value="<c:out value='${next}'/>">
    <div class="field">
      <label for="code">Code from your authenticator app</label>
      <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="none"
             spellcheck="false" required maxlength="80" aria-describedby="code-hint<c:if test='${not empty error}'> code-error</c:if>"
             <c:if test="${not empty error}">aria-invalid="true"</c:if> <c:if test="${empty error}">autofocus</c:if>>
      <p class="hint" id="code-hint">The 6-digit code your app shows now. Lost your phone? Enter one of your recovery codes instead.</p>
    </div>
    <button type="submit" class="primary">Continue</button>
  </form>
  <p class="aside">Not you, or want to start again? <a href="${ctx}/sign-in">Back to sign-in</a></p>
</t:layout>
