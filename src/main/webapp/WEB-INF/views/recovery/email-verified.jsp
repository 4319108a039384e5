<%@ page session="false" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Address verified">
  <h1>Address verified</h1>
  <p role="status"><strong><c:out value="${email}"/></strong> is now the verified address of your account:
    if you forget your password, a link to choose a new one can be sent there.</p>
  <p><a href="${ctx}/account">Account settings</a></p>
</t:layout>
