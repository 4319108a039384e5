<%@ page session="false" %><%-- JSP would otherwise start a session for every visitor: a session is for a signed-in user only --%>
<%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<t:layout title="Two-step verification" passkeyScript="${factors.passkey}">
  <h1>Two-step verification</h1>
  <c:choose>
    <c:when test="${setUpRequired}">
      <p class="notice" id="second-factor-required">This site asks every account for a second factor. Set up an authenticator
        app below, or <a href="${ctx}/account/passkeys">add a passkey</a>, to go on.</p>
    </c:when>
    <c:otherwise><p><a href="${ctx}/account">Back to account settings</a></p></c:otherwise>
  </c:choose>

  <c:choose>
    <c:when test="${state == 'on'}">
      <section class="card section" aria-labelledby="status-heading">
        <h2 id="status-heading">On</h2>
        <p id="two-step-status">Signing in asks for a code from your authenticator app after your password.
          You have <strong id="recovery-codes-left">${recoveryCodesLeft}</strong> unused recovery codes.</p>
      </section>

      <section class="card section" aria-labelledby="regenerate-heading">
        <h2 id="regenerate-heading">New recovery codes</h2>
        <p>Makes 10 new recovery codes; the old ones stop working.</p>
        <c:if test="${section == 'regenerate'}"><t:error-summary errors="${errors}" fields="current,code,passkey" idPrefix="regenerate-"/></c:if>
        <form method="post" action="${ctx}/account/two-step/recovery-codes" novalidate>
          <t:csrf/>
          <t:field name="current" id="regenerate-current" label="Your password" type="password" autocomplete="current-password"
                   maxlength="${limits.passwordMax}" error="${section == 'regenerate' ? errors.current : ''}"/>
          <t:second-factor idPrefix="regenerate-" purpose="new-recovery-codes" errors="${section == 'regenerate' ? errors : null}"/>
          <button type="submit" class="primary">Make new recovery codes</button>
        </form>
      </section>

      <section class="card section danger" aria-labelledby="disable-heading">
        <h2 id="disable-heading">Turn off two-step verification</h2>
        <c:if test="${section == 'disable'}"><t:error-summary errors="${errors}" fields="current,code,passkey" idPrefix="disable-"/></c:if>
        <form method="post" action="${ctx}/account/two-step/disable" novalidate>
          <t:csrf/>
          <t:field name="current" id="disable-current" label="Your password" type="password" autocomplete="current-password"
                   maxlength="${limits.passwordMax}" error="${section == 'disable' ? errors.current : ''}"/>
          <t:second-factor idPrefix="disable-" purpose="turn-off-two-step" recovery="true" errors="${section == 'disable' ? errors : null}"/>
          <button type="submit" class="danger-button">Turn off</button>
        </form>
      </section>
    </c:when>

    <c:when test="${state == 'setting-up'}">
      <section class="card section" aria-labelledby="setup-heading">
        <h2 id="setup-heading">Add this account to your authenticator app</h2>
        <p>Scan the QR code with your authenticator app, or type the key in.</p>
        <div class="qr">${qrCode}</div>
        <p>Key: <code id="totp-key">${key}</code></p>
        <c:if test="${section == 'confirm'}"><t:error-summary errors="${errors}" fields="code"/></c:if>
        <form method="post" action="${ctx}/account/two-step/confirm" novalidate>
          <t:csrf/>
          <t:field name="code" label="The 6-digit code your app shows now" autocomplete="one-time-code" maxlength="80"
                   error="${section == 'confirm' ? errors.code : ''}"/>
          <button type="submit" class="primary">Turn on</button>
        </form>
      </section>
    </c:when>

    <c:otherwise>
      <section class="card section" aria-labelledby="start-heading">
        <h2 id="start-heading">Off</h2>
        <p id="two-step-status">With two-step verification on, signing in asks for your password and then a code from an
          authenticator app on your phone, so your password alone is not enough to get in.</p>
        <c:if test="${section == 'start'}"><t:error-summary errors="${errors}" fields="current,code,passkey" idPrefix="start-"/></c:if>
        <form method="post" action="${ctx}/account/two-step/start" novalidate>
          <t:csrf/>
          <t:field name="current" id="start-current" label="Your password, to begin" type="password" autocomplete="current-password"
                   maxlength="${limits.passwordMax}" error="${section == 'start' ? errors.current : ''}"/>
          <t:second-factor idPrefix="start-" purpose="set-up-app" errors="${section == 'start' ? errors : null}"/>
          <button type="submit" class="primary">Set up two-step verification</button>
        </form>
      </section>
    </c:otherwise>
  </c:choose>
</t:layout>
