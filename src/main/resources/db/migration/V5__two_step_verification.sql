-- Two-step verification with an authenticator app (TOTP). The keys are stored sealed with a key
-- derived from the app's secret (AES-GCM, see SealedValue): totp_secret once confirmed,
-- totp_pending while the user sets it up. totp_last_step is the time step of the last code
-- accepted: a code is good once (UPDATE ... WHERE totp_last_step < ?).
ALTER TABLE users ADD COLUMN totp_secret VARCHAR(200);
ALTER TABLE users ADD COLUMN totp_pending VARCHAR(200);
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- One-time recovery codes, stored as keyed hashes (HMAC-SHA256, see KeyedHash); a used code's row
-- is deleted.
CREATE TABLE recovery_codes (
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);
