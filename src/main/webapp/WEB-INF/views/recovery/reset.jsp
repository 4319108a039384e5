<%@ page session="false" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Choose a new password">
  <h1>Choose a new password</h1>
  <t:error-summary errors="${errors}" fields="password,confirm,code"/>
  <form method="post" action="${ctx}/password/reset" class="card" novalidate>
    <t:csrf/>
    <input type="hidden" name="token" value="<c:out value='${token}'/>">
    <%-- For password managers: the account the new password belongs to. --%>
    <input type="text" name="username" value="<c:out value='${username}'/>" autocomplete="username" hidden>
    <t:field name="password" label="New password" type="password" autocomplete="new-password" minlength="${limits.passwordMin}" maxlength="${limits.passwordMax}"
             hint="At least ${limits.passwordMin} characters; 15 or more is better." error="${errors.password}"/>
    <t:field name="confirm" label="Repeat the new password" type="password" autocomplete="new-password" maxlength="${limits.passwordMax}"
             error="${errors.confirm}"/>
    <c:if test="${codeNeeded}">
      <t:field name="code" label="Code from your authenticator app, or a recovery code" autocomplete="one-time-code"
               maxlength="20" hint="This account has two-step verification: a link by mail alone does not reset its password."
               error="${errors.code}"/>
    </c:if>
    <button type="submit" class="primary">Set the new password</button>
  </form>
  <p class="aside">Setting it signs this account out everywhere.</p>
</t:layout>
