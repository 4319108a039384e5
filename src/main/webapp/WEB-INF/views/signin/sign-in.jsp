<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Sign in" passkeyScript="true">
  <h1>Sign in</h1>
  <c:if test="${not empty error}">
    <p class="error-summary" role="alert" id="sign-in-error" tabindex="-1" autofocus><c:out value="${error}"/></p>
  </c:if>
  <form method="post" action="${ctx}/sign-in" class="card">
    <t:csrf/>
    <input type="hidden" name="next" value="<c:out value='${next}'/>">
    <div class="field">
      <label for="username">Username</label>
      <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
             spellcheck="false" required maxlength="${limits.usernameMax}" value="<c:out value='${username}'/>"
             <c:if test="${not empty error}">aria-describedby="sign-in-error" aria-invalid="true"</c:if>>
    </div>
    <div class="field">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
    </div>
    <div class="field checkbox">
      <input id="remember" name="remember" type="checkbox" value="on">
      <label for="remember">Keep me signed in on this browser</label>
    </div>
    <button type="submit" class="primary">Sign in</button>
    <c:if test="${features.mail}"><p class="aside"><a href="${ctx}/password/forgot">Forgot your password?</a></p></c:if>
  </form>
  <%-- Shown by /assets/passkeys.js where the browser has WebAuthn; without the script it stays hidden. --%>
  <form method="post" action="${ctx}/sign-in/passkey" class="card passkey-sign-in" id="passkey-sign-in" hidden
        data-options="${ctx}/sign-in/passkey/options">
    <t:csrf/>
    <input type="hidden" name="next" value="<c:out value='${next}'/>">
    <input type="hidden" name="credentialId">
    <input type="hidden" name="userHandle">
    <input type="hidden" name="authenticatorData">
    <input type="hidden" name="clientDataJSON">
    <input type="hidden" name="signature">
    <p class="field-error" id="passkey-error" role="alert" hidden></p>
    <button type="submit" class="secondary" id="passkey-button">Sign in with a passkey</button>
  </form>
  <p class="aside">New here? <a href="${ctx}/sign-up">Create an account</a></p>
</t:layout>
