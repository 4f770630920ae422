-- "Readmission ≤ 30 days" of the follow-up store (docs/followup.md), from the episodes on
-- transition.events. Pseudonymous like V6: patient keys only.

-- Whether the episode's admission was unplanned (akut) or planned, as transition-service records it
-- (episode.admissionKind: 'unplanned', 'planned'); null when unknown (episodes recorded before it was
-- asked, callers that did not say), which never counts as unplanned. Kept once seen.
ALTER TABLE followup_episode ADD COLUMN admission_kind text;

-- A discharge's later admissions of the same patient key.
CREATE INDEX followup_episode_patient_admitted ON followup_episode (patient_key, admitted_at);
