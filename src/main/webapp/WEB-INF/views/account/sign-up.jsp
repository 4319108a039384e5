<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Create an account">
  <h1>Create an account</h1>
  <t:error-summary errors="${errors}" fields="username,name,email,password,confirm"/>
  <form method="post" action="${ctx}/sign-up" class="card" novalidate>
    <t:csrf/>
    <t:field name="username" label="Username" autocomplete="username" value="${form.username}" minlength="${limits.usernameMin}" maxlength="${limits.usernameMax}"
             hint="${limits.usernameMin} to ${limits.usernameMax} letters, digits, '.', '_' or '-'." error="${errors.username}"/>
    <t:field name="name" label="Display name" autocomplete="name" value="${form.name}" maxlength="100"
             error="${errors.name}"/>
    <c:if test="${features.mail}">
      <t:field name="email" label="E-mail address (optional)" type="email" autocomplete="email" value="${form.email}" maxlength="254"
               optional="true" hint="Only to reset a forgotten password and to tell you about changes to your account; we mail it a link to verify it." error="${errors.email}"/>
    </c:if>
    <t:field name="password" label="Password" type="password" autocomplete="new-password" minlength="${limits.passwordMin}" maxlength="${limits.passwordMax}"
             hint="At least ${limits.passwordMin} characters; 15 or more is better. A few unrelated words make a strong, memorable passphrase." error="${errors.password}"/>
    <t:field name="confirm" label="Repeat the password" type="password" autocomplete="new-password" maxlength="${limits.passwordMax}"
             error="${errors.confirm}"/>
    <button type="submit" class="primary">Create account</button>
  </form>
  <p class="aside">Already have an account? <a href="${ctx}/sign-in">Sign in</a></p>
</t:layout>
