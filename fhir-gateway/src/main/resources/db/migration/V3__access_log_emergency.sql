-- Declared emergency access (nödåtkomst) on the access log, and what the AuditEvent view of the log
-- (docs/fhir.md "AuditEvent") needs to show it and to find a unit's or a kommun's records.
--
-- emergency:         the request was allowed only because the caller declared emergency access (region
--                    staff without a care relationship, DOMAIN.md §7, SVOD); such rows are flagged for
--                    review. Set from the request by the access policy (AccessLogging.EMERGENCY_REASON).
-- access_reason:     the reason the caller declared, as given (free text from staff, at most 500
--                    characters: the access policy limits it, the access log cuts anything longer). It is
--                    not checked for content: staff are told never to put a personnummer in it.
-- actor_patient_key: for a citizen actor, the pseudonymous key of the citizen themselves, so that the
--                    log extract can tell "you looked" from "another person tried" without naming them.
--
-- Adding columns with a constant default rewrites no row, so the append-only triggers of V1 stay as they
-- are: no UPDATE happens.
ALTER TABLE access_log ADD COLUMN emergency boolean NOT NULL DEFAULT false;
ALTER TABLE access_log ADD COLUMN access_reason text;
ALTER TABLE access_log ADD COLUMN actor_patient_key char(32);

-- Reviewers read their own unit's or kommun's records, newest first, and the emergency ones to review.
CREATE INDEX access_log_care_unit ON access_log (care_unit, recorded_at DESC);
CREATE INDEX access_log_kommun ON access_log (kommun, recorded_at DESC);
CREATE INDEX access_log_emergency ON access_log (recorded_at DESC) WHERE emergency;
