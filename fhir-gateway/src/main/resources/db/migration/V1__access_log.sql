-- The access log (PDL 4 kap. 3 §, loggutdrag PDL 8 kap. 5 §; DOMAIN.md §7): one row per request and
-- patient whose data the gateway disclosed, changed, or refused to. Append-only: the triggers below
-- refuse UPDATE, DELETE and TRUNCATE for every role, the owner included. No personnummer: the patient
-- is the pseudonymous patient key, and search values are not stored (only the parameter names).
CREATE TABLE access_log (
    id                uuid        PRIMARY KEY,
    recorded_at       timestamptz NOT NULL,
    actor_kind        text        NOT NULL,  -- citizen, staff, system, analyst, anonymous (no token accepted)
    actor_subject     text,
    actor_hsa_id      text,
    care_unit         text,
    organisation_type text,
    kommun            text,
    purpose_of_use    text,
    patient_key       char(32),              -- null: the request touched no identifiable patient
    action            text        NOT NULL,  -- read, vread, history, search, create, update, transaction, page
    resource_type     text,
    resource_id       text,
    query_parameters  text,                  -- names only, e.g. "patient.identifier,_include"
    outcome           text        NOT NULL,  -- success, denied, failed
    http_status       integer     NOT NULL
);

CREATE INDEX access_log_patient ON access_log (patient_key, recorded_at DESC);
CREATE INDEX access_log_recorded ON access_log (recorded_at);

CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER access_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();

CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
