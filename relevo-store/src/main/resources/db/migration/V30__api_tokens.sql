-- Named API tokens. Only the SHA-256 of each secret is kept: the secret is 256 random bits, so a
-- fast hash is enough (no password to guess). A revoked token's row is deleted.
CREATE TABLE api_tokens (
    name          VARCHAR(40)  PRIMARY KEY,
    role          VARCHAR(20)  NOT NULL,
    sha256        VARCHAR(64)  NOT NULL UNIQUE,
    created_by    TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT,
    last_used_at  BIGINT
);
