-- Bulk Data export jobs of the follow-up data (FHIR Bulk Data Access, docs/followup.md "Bulk export"):
-- kicked off by an analyst, run by the gateway, polled and downloaded by the same analyst (owner = the
-- token's sub). The files are the ndjson of the aggregate MeasureReports (already suppressed): no fact
-- rows, no patient key, leave the gateway this way.
CREATE TABLE followup_export_job (
    id               uuid        PRIMARY KEY,
    owner            text        NOT NULL,
    request          text        NOT NULL,  -- the kick-off URL, as the manifest repeats it
    first_month      text        NOT NULL,  -- yyyy-MM
    last_month       text        NOT NULL,
    status           text        NOT NULL,  -- accepted, in-progress, completed, failed, cancelled
    progress         text,
    created_at       timestamptz NOT NULL,
    transaction_time timestamptz,
    finished_at      timestamptz,
    error            text
);
CREATE INDEX followup_export_job_unfinished ON followup_export_job (created_at)
    WHERE status IN ('accepted', 'in-progress');

CREATE TABLE followup_export_file (
    job_id        uuid    NOT NULL REFERENCES followup_export_job (id) ON DELETE CASCADE,
    file_no       integer NOT NULL,
    resource_type text    NOT NULL,
    line_count    integer NOT NULL,
    content       bytea   NOT NULL,
    PRIMARY KEY (job_id, file_no)
);
