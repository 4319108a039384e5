-- The sessions of each user, kept where every node sees them (not in the container): listed on
-- /account/sessions, ended from there, by sign-out, by a password change or when they expire.
CREATE TABLE user_sessions (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id         BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    client_address  VARCHAR(64)  NOT NULL,
    user_agent      VARCHAR(300) NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE,
    end_reason      VARCHAR(32)
);
CREATE INDEX user_sessions_by_user ON user_sessions (user_id);

-- Failed sign-ins per attempted username and per client address, for growing delays.
CREATE TABLE sign_in_failures (
    throttle_key      VARCHAR(100) NOT NULL PRIMARY KEY,
    failures          INTEGER      NOT NULL,
    first_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until     TIMESTAMP WITH TIME ZONE
);

-- The registry ends sessions now; this column (V2) is no longer needed.
ALTER TABLE users DROP COLUMN sessions_valid_after;
