<%@ tag description="The page layout shared by every view" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ attribute name="title" required="true" %>
<%@ attribute name="account" required="false" type="java.lang.Boolean"
              description="false on pages rendered outside MVC (error pages): no account bar there" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="ctx" value="${pageContext.request.contextPath}" scope="request"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><c:out value="${title}"/> · signin</title>
  <link rel="stylesheet" href="${ctx}/assets/app.css">
</head>
<body>
<header class="site-header">
  <a class="brand" href="${ctx}/">signin</a>
  <c:if test="${account != false and currentUser.user != null}">
    <nav class="account" aria-label="Account">
      <span class="who"><c:out value="${currentUser.user.displayName}"/></span>
      <form method="post" action="${ctx}/sign-out">
        <input type="hidden" name="${mvc.csrf.name}" value="${mvc.csrf.token}">
        <button type="submit" class="link-button">Sign out</button>
      </form>
    </nav>
  </c:if>
</header>
<main class="content">
  <jsp:doBody/>
</main>
</body>
</html>
