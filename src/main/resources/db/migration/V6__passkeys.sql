-- Passkeys (WebAuthn discoverable credentials). credential_id is the authenticator's id of the
-- credential (base64url); public_key is its attested credential data (base64url: AAGUID,
-- credential id and the COSE public key) from which signatures are checked; sign_count is the
-- authenticator's counter at the last sign-in (a lower or equal one later is refused);
-- user_handle is the random id the authenticator keeps for the user (base64url, the same for all
-- of a user's passkeys), which it gives back at a sign-in without a username.
CREATE TABLE passkeys (
    id             VARCHAR(43)   NOT NULL PRIMARY KEY,
    user_id        BIGINT        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id  VARCHAR(1400) NOT NULL,
    user_handle    VARCHAR(100)  NOT NULL,
    public_key     VARCHAR(4000) NOT NULL,
    sign_count     BIGINT        NOT NULL,
    name           VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX passkeys_by_credential ON passkeys (credential_id);
CREATE INDEX passkeys_by_user ON passkeys (user_id);

-- The challenges handed out for a passkey registration (user_id: the signed-in user) or sign-in
-- (user_id NULL), each good once and for a few minutes. The browser holds the row's id in a
-- signed cookie: a challenge is taken (deleted) by the browser it was given to, or by nobody.
CREATE TABLE passkey_challenges (
    id          VARCHAR(43) NOT NULL PRIMARY KEY,
    challenge   VARCHAR(43) NOT NULL,
    user_id     BIGINT      REFERENCES users (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (expires_at);
