-- A user's e-mail address (optional), as typed, and in lower case for look-ups; verified once its
-- link was followed. Not unique: saying "taken" would tell who has an account.
ALTER TABLE users ADD COLUMN email VARCHAR(254);
ALTER TABLE users ADD COLUMN email_key VARCHAR(254);
ALTER TABLE users ADD COLUMN email_verified BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX users_by_email ON users (email_key);

-- The links mailed to a user: 'reset' (a new password) and 'verify' (an address, in email).
-- Only the SHA-256 of the token is kept; a token is good once (used_at), until expires_at (set
-- to the moment a newer token of the purpose is made), and only while the user's
-- credential_version is the one it was made at (a password change voids it). Rows stay a day,
-- so that the mails of the last hour can be counted.
CREATE TABLE mail_tokens (
    token_hash          VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id             BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose             VARCHAR(16)  NOT NULL,
    email               VARCHAR(254),
    credential_version  INTEGER      NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at             TIMESTAMP WITH TIME ZONE
);
CREATE INDEX mail_tokens_by_user ON mail_tokens (user_id, purpose, created_at);

-- The transactional outbox: a mail is written in the transaction of the change it reports and
-- sent afterwards by any node. A node claims a row (claimed_by, claimed_until) with a conditional
-- UPDATE before it sends it; body is sealed with the app's secret (it may carry a link) and
-- cleared once the mail is sent or given up.
CREATE TABLE mail_outbox (
    id               VARCHAR(43)   NOT NULL PRIMARY KEY,
    kind             VARCHAR(32)   NOT NULL,
    recipient        VARCHAR(254)  NOT NULL,
    subject          VARCHAR(200)  NOT NULL,
    body             VARCHAR(12000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    discard_after    TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INTEGER       NOT NULL,
    claimed_by       VARCHAR(64),
    claimed_until    TIMESTAMP WITH TIME ZONE,
    sent_at          TIMESTAMP WITH TIME ZONE,
    gave_up_at       TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(500)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at);
