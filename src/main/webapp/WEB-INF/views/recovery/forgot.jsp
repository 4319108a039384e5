<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Forgot your password?">
  <h1>Forgot your password?</h1>
  <t:error-summary errors="${errors}" fields="email"/>
  <p>Enter the e-mail address of your account. If it is the account's verified address, we mail
    it a link to choose a new password.</p>
  <form method="post" action="${ctx}/password/forgot" class="card" novalidate>
    <t:csrf/>
    <t:field name="email" label="E-mail address" type="email" autocomplete="email" value="${email}" maxlength="254"
             error="${errors.email}"/>
    <button type="submit" class="primary">Send me a link</button>
  </form>
  <p class="aside"><a href="${ctx}/sign-in">Back to sign in</a></p>
</t:layout>
