<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Your profile">
  <h1><c:out value="${user.displayName}"/></h1>
  <dl class="card profile">
    <dt>Username</dt>
    <dd><c:out value="${user.username}"/></dd>
    <dt>Member since</dt>
    <dd><time datetime="<c:out value='${memberSinceIso}'/>"><c:out value="${memberSince}"/></time></dd>
    <dt>About</dt>
    <dd class="about">
      <c:choose>
        <c:when test="${not empty user.about}"><c:out value="${user.about}"/></c:when>
        <c:otherwise><span class="muted">Nothing written yet.</span></c:otherwise>
      </c:choose>
    </dd>
  </dl>
  <p class="aside"><a href="${ctx}/account">Edit your profile or change your password</a></p>
</t:layout>
