-- Spärr (DOMAIN.md §7; PDL 4 kap. 4 § within a care provider, SVOD (2022:913) towards others): the
-- patient has blocked what one care provider (or, inre spärr, one of its units) holds about them from
-- every other care provider and unit. Registered by the holder at the patient's request, lifted only by
-- the holder. A row is never deleted and never changed but to record its lifting, once (the triggers
-- below refuse everything else for every role): who blocked what, and when, stays answerable.
-- No personnummer: the patient is the pseudonymous patient key.
CREATE TABLE care_block (
    id                 uuid        PRIMARY KEY,
    patient_key        char(32)    NOT NULL,
    provider           text        NOT NULL,  -- the care provider whose records are blocked (organisation part of the HSA-id)
    unit               text,                  -- null: all of the provider's records; else only this unit's (inre spärr)
    registered_at      timestamptz NOT NULL,
    registered_by      text        NOT NULL,  -- HSA-id of the person or system that registered it
    registered_by_unit text,
    lifted_at          timestamptz,
    lifted_by          text,
    lifted_by_unit     text,
    CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);

CREATE INDEX care_block_patient ON care_block (patient_key, registered_at);

CREATE FUNCTION care_block_only_lifted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
            AND OLD.lifted_at IS NULL AND NEW.lifted_at IS NOT NULL
            AND NEW.id = OLD.id AND NEW.patient_key = OLD.patient_key AND NEW.provider = OLD.provider
            AND NEW.unit IS NOT DISTINCT FROM OLD.unit AND NEW.registered_at = OLD.registered_at
            AND NEW.registered_by = OLD.registered_by
            AND NEW.registered_by_unit IS NOT DISTINCT FROM OLD.registered_by_unit THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'care_block rows are only ever lifted, once: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER care_block_no_change
    BEFORE UPDATE OR DELETE ON care_block
    FOR EACH ROW EXECUTE FUNCTION care_block_only_lifted();

CREATE TRIGGER care_block_no_truncate
    BEFORE TRUNCATE ON care_block
    FOR EACH STATEMENT EXECUTE FUNCTION care_block_only_lifted();
