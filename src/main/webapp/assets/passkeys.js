/*
 * Passkeys: the app's only script. It shows the passkey forms and buttons (hidden without it) where
 * the browser supports WebAuthn, asks the server for options (a one-time challenge), has the
 * browser's authenticator make or use a passkey, and posts the answer with the form, as base64url
 * fields: to sign in, to add a passkey, and to confirm a change of the account's factors with one.
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
  function fetchOptions(url, form, extra) {
    var body = new URLSearchParams();
    Object.keys(extra).forEach(function (name) {
      body.set(name, extra[name]);
    });
    return fetch(url, {
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

  function failure(error) {
    return cancelled(error) ? 'No passkey was used. Please try again.'
      : (error && error.message) || 'Something went wrong. Please try again.';
  }

  /* The fields of a passkey's answer (navigator.credentials.get), as the server reads them. */
  function answerFields(credential) {
    var response = credential.response;
    return {
      credentialId: toBase64url(credential.rawId),
      userHandle: response.userHandle ? toBase64url(response.userHandle) : '',
      authenticatorData: toBase64url(response.authenticatorData),
      clientDataJSON: toBase64url(response.clientDataJSON),
      signature: toBase64url(response.signature)
    };
  }

  /* A passkey's answer confirming the change the [data-step-up] element names, to a challenge made for it. */
  function confirmWithPasskey(form, box) {
    return fetchOptions(box.getAttribute('data-options'), form, {purpose: box.getAttribute('data-step-up')}).then(function (options) {
      return navigator.credentials.get({
        publicKey: {
          challenge: fromBase64url(options.challenge),
          rpId: options.rpId,
          userVerification: options.userVerification,
          timeout: options.timeout,
          allowCredentials: options.allowCredentials.map(function (c) {
            return {type: c.type, id: fromBase64url(c.id)};
          })
        }
      });
    }).then(answerFields);
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
        showError(form, failure(error));
      });
    });
  }

  var signIn = document.getElementById('passkey-sign-in');
  if (signIn) {
    wire(signIn, function () {
      return fetchOptions(signIn.getAttribute('data-options'), signIn, {}).then(function (options) {
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
        var fields = answerFields(credential);
        Object.keys(fields).forEach(function (name) {
          field(signIn, name).value = fields[name];
        });
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
      var code = field(add, 'code');
      var box = add.querySelector('[data-step-up]');
      // With a second factor on: the app's code if one was typed, or else a passkey's answer made for adding one.
      var confirmed = box && !(code && code.value.trim()) ? confirmWithPasskey(add, box)
        : Promise.resolve(code ? {code: code.value} : {});
      return confirmed.then(function (second) {
        second.current = password.value;
        return fetchOptions(add.getAttribute('data-options'), add, second);
      }).then(function (options) {
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
        if (code) {
          code.value = '';
        }
        field(add, 'clientDataJSON').value = toBase64url(credential.response.clientDataJSON);
        field(add, 'attestationObject').value = toBase64url(credential.response.attestationObject);
      });
    });
  }

  /* "Confirm with a passkey" in the forms that change the account's factors: the answer is posted with the form. */
  Array.prototype.forEach.call(document.querySelectorAll('[data-step-up]'), function (box) {
    var form = box.closest('form');
    var button = box.querySelector('.step-up-button');
    if (!button) {
      return; // the form's own button confirms (adding a passkey)
    }
    var note = box.querySelector('.step-up-needs-script');
    if (note) {
      note.hidden = true;
    }
    var error = box.querySelector('.step-up-error');
    button.hidden = false;
    if (!field(form, 'code')) {
      // A passkey is the only second factor the account has: the form's own button confirms with it too.
      form.addEventListener('submit', function (event) {
        if (!field(form, 'credentialId').value) {
          event.preventDefault();
          button.click();
        }
      });
    }
    button.addEventListener('click', function () {
      button.disabled = true;
      error.hidden = true;
      confirmWithPasskey(form, box).then(function (fields) {
        Object.keys(fields).forEach(function (name) {
          field(form, name).value = fields[name];
        });
        var code = field(form, 'code');
        if (code) {
          code.value = '';
        }
        HTMLFormElement.prototype.submit.call(form);
      }).catch(function (failed) {
        button.disabled = false;
        error.textContent = failure(failed);
        error.hidden = false;
      });
    });
  });
}());
