<%@ tag description="A labelled form field with its hint and its error, tied together for screen readers" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ attribute name="name" required="true" %>
<%@ attribute name="label" required="true" %>
<%@ attribute name="id" description="defaults to the name" %>
<%@ attribute name="type" description="text (default), password or textarea" %>
<%@ attribute name="value" %>
<%@ attribute name="autocomplete" %>
<%@ attribute name="hint" %>
<%@ attribute name="error" %>
<%@ attribute name="minlength" %>
<%@ attribute name="maxlength" %>
<%@ attribute name="optional" description="true for a field that may stay empty (no required attribute)" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="fieldId" value="${empty id ? name : id}"/>
<c:set var="describedBy" value="${not empty hint ? fieldId += '-hint' : ''}"/>
<c:if test="${not empty error}">
  <c:set var="describedBy" value="${empty describedBy ? '' : describedBy += ' '}${fieldId}-error"/>
</c:if>
<div class="field">
  <label for="${fieldId}"><c:out value="${label}"/></label>
  <c:choose>
    <c:when test="${type == 'textarea'}">
      <textarea id="${fieldId}" name="${name}" rows="5"<c:if test="${not empty maxlength}"> maxlength="${maxlength}"</c:if><c:if test="${not empty describedBy}"> aria-describedby="${describedBy}"</c:if><c:if test="${not empty error}"> aria-invalid="true"</c:if>><c:out value="${value}"/></textarea>
    </c:when>
    <c:otherwise>
      <input id="${fieldId}" name="${name}" type="${empty type ? 'text' : type}"<c:if test="${optional != 'true'}"> required</c:if><c:if test="${not empty autocomplete}"> autocomplete="${autocomplete}"</c:if><c:if test="${autocomplete == 'username'}"> autocapitalize="none" spellcheck="false"</c:if><c:if test="${not empty minlength}"> minlength="${minlength}"</c:if><c:if test="${not empty maxlength}"> maxlength="${maxlength}"</c:if><c:if test="${type != 'password'}"> value="<c:out value='${value}'/>"</c:if><c:if test="${not empty describedBy}"> aria-describedby="${describedBy}"</c:if><c:if test="${not empty error}"> aria-invalid="true"</c:if>>
    </c:otherwise>
  </c:choose>
  <c:if test="${not empty hint}"><p class="hint" id="${fieldId}-hint"><c:out value="${hint}"/></p></c:if>
  <c:if test="${not empty error}"><p class="field-error" id="${fieldId}-error"><c:out value="${error}"/></p></c:if>
</div>
