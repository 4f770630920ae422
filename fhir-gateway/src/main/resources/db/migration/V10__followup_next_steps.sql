-- "Next step on time" of the follow-up store (docs/followup.md), from the contract versions on
-- contract.events. Pseudonymous like V6: patient keys only.

-- Per contract and next step (its id in the newest version's nasta-steg): the day it is due (the end of
-- its window, else its date), its status and when it was done (completedAt; null: not done, or done
-- before the time was recorded). Replaced with every newer version of the contract; whether the
-- contract was in force when the step was due is read from followup_contract_version.
CREATE TABLE followup_next_step (
    contract_id      text        NOT NULL,
    step_id          text        NOT NULL,
    contract_version bigint      NOT NULL,
    patient_key      char(32)    NOT NULL,
    kommun           text,
    unit             text,
    status           text,
    due_date         date        NOT NULL,
    completed_at     timestamptz,
    PRIMARY KEY (contract_id, step_id)
);
CREATE INDEX followup_next_step_due ON followup_next_step (due_date);
