-- The environment values each revision was deployed with, sealed (AES-GCM with the key in the
-- state dir): never clear text. Lets an agent restarted from another shell restart the revision.
CREATE TABLE revision_env (
    app      VARCHAR(200) NOT NULL,
    number   INTEGER      NOT NULL,
    sealed   TEXT         NOT NULL,
    PRIMARY KEY (app, number)
);
