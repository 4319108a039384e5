<%@ tag description="The CSRF field every form POST needs (Jakarta MVC checks it)" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<input type="hidden" name="${mvc.csrf.name}" value="${mvc.csrf.token}">
