<%@ tag description="The errors of a form, listed at its top, announced and focused when the page loads" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ attribute name="errors" required="true" type="java.util.Map" %>
<%@ attribute name="fields" required="true" description="the form's field names in page order, comma-separated" %>
<%@ attribute name="idPrefix" description="prefix of the field ids, when they differ from the names" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:if test="${not empty errors}">
  <%-- autofocus on a focusable (tabindex -1) element moves focus here without any script. --%>
  <div class="error-summary" role="alert" id="error-summary" tabindex="-1" autofocus>
    <h2>Please correct the following</h2>
    <ul>
      <c:forTokens items="${fields}" delims="," var="field">
        <c:if test="${not empty errors[field]}">
          <li><a href="#${idPrefix}${field}"><c:out value="${errors[field]}"/></a></li>
        </c:if>
      </c:forTokens>
    </ul>
  </div>
</c:if>
