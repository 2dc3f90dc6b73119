-- The watch after promotion under way per app, so that an agent restart resumes it.
CREATE TABLE promotion_watches (
    app               VARCHAR(200) PRIMARY KEY,
    rollout_id        BIGINT       NOT NULL,
    promoted          INTEGER      NOT NULL,
    previous          INTEGER      NOT NULL,
    until_at          BIGINT       NOT NULL,
    reference_requests BIGINT      NOT NULL,
    reference_errors  BIGINT       NOT NULL,
    reference_latency TEXT,
    reference_span_ms BIGINT       NOT NULL
);
