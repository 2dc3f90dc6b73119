-- Where each deploy under way stands, written at every step, so that an agent restart resumes it.
-- A row lives while its rollout runs; the engine deletes it when the rollout ends.
CREATE TABLE rollout_checkpoints (
    rollout_id BIGINT       PRIMARY KEY,
    app        VARCHAR(200) NOT NULL,
    step       INTEGER      NOT NULL,
    weight     INTEGER      NOT NULL,
    phase      VARCHAR(20)  NOT NULL,
    until_at   BIGINT,
    analysis   VARCHAR(200),
    passed     INTEGER      NOT NULL,
    failed     INTEGER      NOT NULL,
    written_at BIGINT       NOT NULL
);
