<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Passkeys" passkeyScript="true">
  <h1>Passkeys</h1>
  <c:choose>
    <c:when test="${setUpRequired}">
      <p class="notice" id="second-factor-required">This site asks every account for a second factor. Add a passkey below,
        or <a href="${ctx}/account/two-step">set up an authenticator app</a>, to go on.</p>
    </c:when>
    <c:otherwise><p><a href="${ctx}/account">Back to account settings</a></p></c:otherwise>
  </c:choose>

  <section class="card section" aria-labelledby="list-heading">
    <h2 id="list-heading">Your passkeys</h2>
    <c:choose>
      <c:when test="${empty passkeys}">
        <p id="no-passkeys">You have no passkeys yet.</p>
      </c:when>
      <c:otherwise>
        <p>A passkey signs you in without your password or a code: your device checks it is you (a PIN, fingerprint or face).</p>
        <ul class="passkeys" id="passkey-list">
          <c:forEach var="passkey" items="${passkeys}">
            <li class="passkey">
              <h3 class="passkey-name"><c:out value="${passkey.name}"/></h3>
              <p class="meta">Added <c:out value="${when.format(passkey.createdAt)}"/>;
                <c:choose>
                  <c:when test="${passkey.lastUsedAt != null}">last used <c:out value="${when.format(passkey.lastUsedAt)}"/></c:when>
                  <c:otherwise>not used yet</c:otherwise>
                </c:choose></p>
              <c:set var="thisOne" value="${section == 'remove' and removing == passkey.id}"/>
              <c:if test="${thisOne}"><t:error-summary errors="${errors}" fields="current,code,passkey" idPrefix="remove-"/></c:if>
              <form method="post" action="${ctx}/account/passkeys/remove" novalidate>
                <t:csrf/>
                <input type="hidden" name="passkey" value="<c:out value='${passkey.id}'/>">
                <t:field name="current" id="${thisOne ? 'remove-current' : 'remove-current-' += passkey.id}" label="Your password, to remove it" type="password"
                         autocomplete="current-password" maxlength="${limits.passwordMax}" error="${thisOne ? errors.current : ''}"/>
                <t:second-factor idPrefix="${thisOne ? 'remove-' : 'remove-' += passkey.id += '-'}" purpose="remove-passkey"
                                 errors="${thisOne ? errors : null}"/>
                <button type="submit" class="danger-button">Remove</button>
              </form>
            </li>
          </c:forEach>
        </ul>
      </c:otherwise>
    </c:choose>
  </section>

  <section class="card section" aria-labelledby="add-heading">
    <h2 id="add-heading">Add a passkey</h2>
    <c:if test="${section == 'add'}"><t:error-summary errors="${errors}" fields="name" idPrefix="add-"/></c:if>
    <p id="passkey-needs-script">Adding a passkey needs a browser that supports passkeys, with JavaScript on.</p>
    <%-- Shown by /assets/passkeys.js where the browser has WebAuthn; it asks the server for options
         (with the password), the browser for a new passkey, and then posts this form. --%>
    <form method="post" action="${ctx}/account/passkeys/add" id="passkey-add" hidden novalidate
          data-options="${ctx}/account/passkeys/options">
      <t:csrf/>
      <input type="hidden" name="userHandle">
      <input type="hidden" name="clientDataJSON">
      <input type="hidden" name="attestationObject">
      <t:field name="name" id="add-name" label="A name for it" hint="Such as the device it is on: “Work laptop”."
               maxlength="${nameMax}" error="${section == 'add' ? errors.name : ''}"/>
      <t:field name="current" id="add-current" label="Your password, to add it" type="password" autocomplete="current-password"
               maxlength="${limits.passwordMax}"/>
      <%-- The code, or (with an empty code) one of the passkeys: the script confirms with it before making the new one. --%>
      <t:second-factor idPrefix="add-" purpose="add-passkey" carry="false"/>
      <p class="field-error" id="passkey-error" role="alert" hidden></p>
      <button type="submit" class="primary" id="passkey-button">Add a passkey</button>
    </form>
  </section>
</t:layout>
