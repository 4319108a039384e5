<%@ tag description="The page layout shared by every view" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ attribute name="title" required="true" %>
<%@ attribute name="account" required="false" type="java.lang.Boolean"
              description="false on pages rendered outside MVC (error pages): no account bar or notices there" %>
<%@ attribute name="passkeyScript" required="false" type="java.lang.Boolean"
              description="true on the pages with passkey buttons: they load /assets/passkeys.js, the app's only script" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<c:set var="ctx" value="${pageContext.request.contextPath}" scope="request"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><c:out value="${title}"/> · signin</title>
  <link rel="stylesheet" href="${ctx}/assets/app.css">
  <c:if test="${passkeyScript == true}"><script src="${ctx}/assets/passkeys.js" defer></script></c:if>
</head>
<body>
<header class="site-header">
  <a class="brand" href="${ctx}/">signin</a>
  <c:if test="${account != false and currentUser.user != null}">
    <nav class="account" aria-label="Account">
      <span class="who"><c:out value="${currentUser.user.displayName}"/></span>
      <a href="${ctx}/account">Account</a>
      <form method="post" action="${ctx}/sign-out">
        <t:csrf/>
        <button type="submit" class="link-button">Sign out</button>
      </form>
    </nav>
  </c:if>
</header>
<main class="content" id="content">
  <c:if test="${account != false}">
    <c:set var="flash" value="${notices.flash}"/>
    <c:if test="${not empty flash}">
      <p class="notice" role="status"><c:out value="${flash}"/></p>
    </c:if>
  </c:if>
  <jsp:doBody/>
</main>
</body>
</html>
