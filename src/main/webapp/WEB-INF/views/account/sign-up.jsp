<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Create an account">
  <h1>Create an account</h1>
  <c:if test="${not empty errors}">
    <div class="error-summary" role="alert" id="error-summary">
      <p>Please correct the marked fields.</p>
    </div>
  </c:if>
  <form method="post" action="${ctx}/sign-up" class="card" novalidate>
    <input type="hidden" name="${mvc.csrf.name}" value="${mvc.csrf.token}">
    <div class="field">
      <label for="username">Username</label>
      <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
             spellcheck="false" required minlength="3" maxlength="32" value="<c:out value='${form.username}'/>"
             aria-describedby="username-hint<c:if test='${not empty errors.username}'> username-error</c:if>"
             <c:if test="${not empty errors.username}">aria-invalid="true"</c:if>>
      <p class="hint" id="username-hint">3 to 32 letters, digits, '.', '_' or '-'.</p>
      <c:if test="${not empty errors.username}"><p class="field-error" id="username-error"><c:out value="${errors.username}"/></p></c:if>
    </div>
    <div class="field">
      <label for="name">Display name</label>
      <input id="name" name="name" type="text" autocomplete="name" required maxlength="100"
             value="<c:out value='${form.name}'/>"
             <c:if test="${not empty errors.name}">aria-describedby="name-error" aria-invalid="true"</c:if>>
      <c:if test="${not empty errors.name}"><p class="field-error" id="name-error"><c:out value="${errors.name}"/></p></c:if>
    </div>
    <div class="field">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="128"
             aria-describedby="password-hint<c:if test='${not empty errors.password}'> password-error</c:if>"
             <c:if test="${not empty errors.password}">aria-invalid="true"</c:if>>
      <p class="hint" id="password-hint">At least 8 characters; a long passphrase is best.</p>
      <c:if test="${not empty errors.password}"><p class="field-error" id="password-error"><c:out value="${errors.password}"/></p></c:if>
    </div>
    <div class="field">
      <label for="confirm">Repeat the password</label>
      <input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="128"
             <c:if test="${not empty errors.confirm}">aria-describedby="confirm-error" aria-invalid="true"</c:if>>
      <c:if test="${not empty errors.confirm}"><p class="field-error" id="confirm-error"><c:out value="${errors.confirm}"/></p></c:if>
    </div>
    <button type="submit" class="primary">Create account</button>
  </form>
  <p class="aside">Already have an account? <a href="${ctx}/sign-in">Sign in</a></p>
</t:layout>
