<%@ tag description="The second factor a change of the factors asks for beside the password (StepUp): the app's code, a passkey's answer" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ attribute name="idPrefix" required="true" description="prefix of the ids in this form, such as 'disable-'" %>
<%@ attribute name="purpose" required="true" description="the change, as StepUp.Purpose names it: the passkey's challenge is made for it" %>
<%@ attribute name="errors" type="java.util.Map" description="this form's errors (code, passkey), or none" %>
<%@ attribute name="recovery" type="java.lang.Boolean" description="true where a recovery code is taken too" %>
<%@ attribute name="carry" type="java.lang.Boolean"
              description="false where the form's own button runs the passkey (adding a passkey): no fields or button of its own" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%-- Nothing at all for an account without a second factor: its password is enough. --%>
<c:if test="${factors.app}">
  <t:field name="code" id="${idPrefix}code" autocomplete="one-time-code" maxlength="80" error="${errors.code}"
           label="${recovery ? 'A code from your authenticator app (or a recovery code)' : 'A code from your authenticator app'}"/>
</c:if>
<c:if test="${factors.passkey}">
  <%-- /assets/passkeys.js shows the button, asks /account/step-up/options for a challenge made for
       this change, has the browser sign it with one of the user's passkeys, and posts the form with
       the answer in the hidden fields. --%>
  <div class="field step-up" id="${idPrefix}passkey" tabindex="-1" data-step-up="${purpose}"
       data-options="${ctx}/account/step-up/options">
    <c:if test="${carry != false}">
      <input type="hidden" name="credentialId">
      <input type="hidden" name="userHandle">
      <input type="hidden" name="authenticatorData">
      <input type="hidden" name="clientDataJSON">
      <input type="hidden" name="signature">
      <c:if test="${not factors.app}">
        <p class="hint step-up-needs-script">Confirming this needs one of your passkeys: use “Confirm with a passkey”,
          in a browser that supports passkeys with JavaScript on.</p>
      </c:if>
      <button type="button" class="secondary step-up-button" hidden<c:if test="${not empty errors.passkey}"> aria-describedby="${idPrefix}passkey-error"</c:if>>${factors.app ? 'Or confirm with a passkey' : 'Confirm with a passkey'}</button>
    </c:if>
    <p class="field-error step-up-error" id="${idPrefix}passkey-error" role="alert"<c:if test="${empty errors.passkey}"> hidden</c:if>><c:out value="${errors.passkey}"/></p>
  </div>
</c:if>
