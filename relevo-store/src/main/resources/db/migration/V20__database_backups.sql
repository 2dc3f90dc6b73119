-- Verified database backups (pg_dump -Fc) taken before migrations or on demand.
-- rollout_id is 0 for a backup on demand; revision 0 when the app had none.
CREATE TABLE database_backups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    app         VARCHAR(200)  NOT NULL,
    revision    INTEGER       NOT NULL,
    rollout_id  BIGINT        NOT NULL,
    file        TEXT          NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    sha256      VARCHAR(64)   NOT NULL,
    tables      INTEGER       NOT NULL,
    taken_at    BIGINT        NOT NULL,
    trigger     TEXT          NOT NULL
);

CREATE INDEX database_backups_by_app ON database_backups (app, taken_at);
