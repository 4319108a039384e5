/*
 * Passkeys: the app's only script. It shows the passkey forms (hidden without it) where the
 * browser supports WebAuthn, asks the server for options (a one-time challenge), has the browser's
 * authenticator make or use a passkey, and posts the answer with the form, as base64url fields.
 * The server checks everything; this only carries bytes. No inline code: the CSP allows
 * script-src 'self' only.
 */
(function () {
  'use strict';

  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function field(form, name) {
    return form.querySelector('[name="' + name + '"]');
  }

  function showError(form, message) {
    var error = form.querySelector('#passkey-error');
    error.textContent = message;
    error.hidden = false;
  }

  /* POST to the options URL, with the form's CSRF token in the X-CSRF-TOKEN header (and any extra fields); the JSON answer. */
  function fetchOptions(form, extra) {
    var body = new URLSearchParams();
    Object.keys(extra).forEach(function (name) {
      body.set(name, extra[name]);
    });
    return fetch(form.getAttribute('data-options'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'X-CSRF-TOKEN': field(form, '_csrf').value}
    }).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (json) {
        if (!response.ok || !json.challenge) {
          throw new Error(json.error || 'Something went wrong. Please reload the page and try again.');
        }
        return json;
      });
    });
  }

  function cancelled(error) {
    return error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
  }

  function wire(form, run) {
    form.hidden = false;
    var button = form.querySelector('#passkey-button');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      button.disabled = true;
      form.querySelector('#passkey-error').hidden = true;
      run().then(function () {
        HTMLFormElement.prototype.submit.call(form);
      }).catch(function (error) {
        button.disabled = false;
        showError(form, cancelled(error) ? 'No passkey was used. Please try again.'
          : (error && error.message) || 'Something went wrong. Please try again.');
      });
    });
  }

  var signIn = document.getElementById('passkey-sign-in');
  if (signIn) {
    wire(signIn, function () {
      return fetchOptions(signIn, {}).then(function (options) {
        return navigator.credentials.get({
          publicKey: {
            challenge: fromBase64url(options.challenge),
            rpId: options.rpId,
            userVerification: options.userVerification,
            timeout: options.timeout,
            allowCredentials: []
          }
        });
      }).then(function (credential) {
        var response = credential.response;
        field(signIn, 'credentialId').value = toBase64url(credential.rawId);
        field(signIn, 'userHandle').value = response.userHandle ? toBase64url(response.userHandle) : '';
        field(signIn, 'authenticatorData').value = toBase64url(response.authenticatorData);
        field(signIn, 'clientDataJSON').value = toBase64url(response.clientDataJSON);
        field(signIn, 'signature').value = toBase64url(response.signature);
      });
    });
  }

  var add = document.getElementById('passkey-add');
  if (add) {
    var note = document.getElementById('passkey-needs-script');
    if (note) {
      note.hidden = true;
    }
    wire(add, function () {
      var password = field(add, 'current');
      return fetchOptions(add, {current: password.value}).then(function (options) {
        field(add, 'userHandle').value = options.user.id;
        return navigator.credentials.create({
          publicKey: {
            challenge: fromBase64url(options.challenge),
            rp: options.rp,
            user: {id: fromBase64url(options.user.id), name: options.user.name, displayName: options.user.displayName},
            pubKeyCredParams: options.pubKeyCredParams,
            authenticatorSelection: options.authenticatorSelection,
            excludeCredentials: options.excludeCredentials.map(function (c) {
              return {type: c.type, id: fromBase64url(c.id)};
            }),
            attestation: options.attestation,
            timeout: options.timeout
          }
        });
      }).then(function (credential) {
        password.value = ''; // checked already, with the options: not sent again
        field(add, 'clientDataJSON').value = toBase64url(credential.response.clientDataJSON);
        field(add, 'attestationObject').value = toBase64url(credential.response.attestationObject);
      });
    });
  }
}());
