<%@ page session="false" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="E-mail address" passkeyScript="${factors.passkey}">
  <h1>E-mail address</h1>
  <c:choose>
    <c:when test="${empty current}"><p>Your account has no e-mail address: if you forget your password, there is no way back.</p></c:when>
    <c:when test="${verified}"><p>Your address: <strong><c:out value="${current}"/></strong> (verified). Password reset links go there.</p></c:when>
    <c:otherwise><p>Your address: <strong><c:out value="${current}"/></strong>, <strong>not verified yet</strong>: follow the
      link we mailed to it. Until then no password reset link goes there. To get a new link, give the address again.</p></c:otherwise>
  </c:choose>
  <t:error-summary errors="${errors}" fields="email,current,code,passkey"/>
  <form method="post" action="${ctx}/account/email" class="card" novalidate>
    <t:csrf/>
    <t:field name="email" label="${empty current ? 'E-mail address' : 'New e-mail address'}" type="email" autocomplete="email"
             value="${email}" maxlength="254" error="${errors.email}"/>
    <t:field name="current" label="Current password" type="password" autocomplete="current-password" error="${errors.current}"/>
    <t:second-factor idPrefix="" purpose="change-email" errors="${errors}"/>
    <button type="submit" class="primary">${empty current ? 'Add the address' : 'Change the address'}</button>
  </form>
  <p class="aside"><a href="${ctx}/account">Back to the account settings</a></p>
</t:layout>
