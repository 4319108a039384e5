-- Users. username_key is the lower-case username: unique, so names are unique ignoring case.
CREATE SEQUENCE users_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE users (
    id             BIGINT       NOT NULL PRIMARY KEY,
    username       VARCHAR(32)  NOT NULL,
    username_key   VARCHAR(32)  NOT NULL,
    display_name   VARCHAR(100) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    about          VARCHAR(500) NOT NULL DEFAULT '',
    token_version  INTEGER      NOT NULL DEFAULT 0,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_username_key_unique UNIQUE (username_key)
);
