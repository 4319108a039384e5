<%@ page session="false" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%-- The same page whether or not the address belongs to an account: it must not tell. --%>
<t:layout title="Check your mail">
  <h1>Check your mail</h1>
  <p role="status">If <strong><c:out value="${email}"/></strong> is the verified address of an account, a link to
    choose a new password is on its way. It works once, for <c:out value="${minutes}"/> minutes.</p>
  <p>No mail after a few minutes? Look in your spam folder, or check the address and
    <a href="${ctx}/password/forgot">ask again</a>.</p>
  <p class="aside"><a href="${ctx}/sign-in">Back to sign in</a></p>
</t:layout>
