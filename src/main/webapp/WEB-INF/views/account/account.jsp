<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Account settings">
  <h1>Account settings</h1>

  <section class="card section" aria-labelledby="profile-heading">
    <h2 id="profile-heading">Profile</h2>
    <c:if test="${section == 'profile'}"><t:error-summary errors="${errors}" fields="name,about"/></c:if>
    <form method="post" action="${ctx}/account/profile" novalidate>
      <t:csrf/>
      <t:field name="name" label="Display name" autocomplete="name" value="${profile.name}" maxlength="100"
               error="${section == 'profile' ? errors.name : ''}"/>
      <t:field name="about" label="About you" type="textarea" value="${profile.about}" maxlength="${maxAbout}"
               hint="Up to ${maxAbout} characters, shown on your profile." error="${section == 'profile' ? errors.about : ''}"/>
      <button type="submit" class="primary">Save profile</button>
    </form>
  </section>

  <section class="card section" aria-labelledby="password-heading">
    <h2 id="password-heading">Password</h2>
    <c:if test="${section == 'password'}"><t:error-summary errors="${errors}" fields="current,password,confirm"/></c:if>
    <form method="post" action="${ctx}/account/password" novalidate>
      <t:csrf/>
      <%-- A hidden username lets password managers file the new password under the right account. --%>
      <input type="text" name="username" autocomplete="username" value="<c:out value='${user.username}'/>" hidden>
      <t:field name="current" label="Current password" type="password" autocomplete="current-password" maxlength="${limits.passwordMax}"
               error="${section == 'password' ? errors.current : ''}"/>
      <t:field name="password" label="New password" type="password" autocomplete="new-password" minlength="${limits.passwordMin}" maxlength="${limits.passwordMax}"
               hint="At least ${limits.passwordMin} characters; 15 or more is better. Changing it signs you out everywhere else." error="${section == 'password' ? errors.password : ''}"/>
      <t:field name="confirm" label="Repeat the new password" type="password" autocomplete="new-password" maxlength="${limits.passwordMax}"
               error="${section == 'password' ? errors.confirm : ''}"/>
      <button type="submit" class="primary">Change password</button>
    </form>
  </section>

  <c:if test="${features.mail}">
  <section class="card section" aria-labelledby="email-heading">
    <h2 id="email-heading">E-mail address</h2>
    <p><c:choose><c:when test="${empty user.email}">None: if you forget your password, there is no way back.</c:when>
      <c:when test="${user.emailVerified}"><c:out value="${user.email}"/> (verified): password reset links go there.</c:when>
      <c:otherwise><c:out value="${user.email}"/>, not verified yet.</c:otherwise></c:choose>
      <a href="${ctx}/account/email">${empty user.email ? 'Add an address' : 'Change the address'}</a></p>
  </section>
  </c:if>

  <section class="card section" aria-labelledby="two-step-heading">
    <h2 id="two-step-heading">Two-step verification</h2>
    <p>${user.twoStep ? 'On: signing in asks for a code from your authenticator app.' : 'Off: your password alone signs you in.'}
      <a href="${ctx}/account/two-step">${user.twoStep ? 'Manage two-step verification' : 'Set up two-step verification'}</a></p>
  </section>

  <section class="card section" aria-labelledby="passkeys-heading">
    <h2 id="passkeys-heading">Passkeys</h2>
    <p>Sign in with your phone, computer or security key instead of your password.
      <a href="${ctx}/account/passkeys">Manage passkeys</a></p>
  </section>

  <section class="card section danger" aria-labelledby="delete-heading">
    <h2 id="delete-heading">Delete account</h2>
    <p>This removes your account and everything in it, at once and for good.</p>
    <c:if test="${section == 'delete'}"><t:error-summary errors="${errors}" fields="current" idPrefix="delete-"/></c:if>
    <form method="post" action="${ctx}/account/delete" novalidate>
      <t:csrf/>
      <t:field name="current" id="delete-current" label="Your password, to confirm" type="password"
               autocomplete="current-password" maxlength="${limits.passwordMax}" error="${section == 'delete' ? errors.current : ''}"/>
      <button type="submit" class="danger-button">Delete my account</button>
    </form>
  </section>
</t:layout>
