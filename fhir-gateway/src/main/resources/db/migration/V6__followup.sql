-- The follow-up store (issue 9; docs/followup.md): pseudonymous facts read from contract.events,
-- sip.events and transition.events by the consumer group fhir-gateway.followup, never from the
-- services' tables. No personnummer anywhere: patients are the events' patient keys (an HMAC). Each
-- row carries what the indicators are stratified by: a unit's HSA-id (micro) and the patient's
-- kommun (meso; its first two digits are the county, macro).

-- Every version of every patient contract, so that "in force at the end of a month" can be answered
-- for any month, whenever the events arrive. A redelivered version overwrites itself with the same.
CREATE TABLE followup_contract_version (
    contract_id       text        NOT NULL,
    version           bigint      NOT NULL,
    valid_from        timestamptz NOT NULL,
    patient_key       char(32)    NOT NULL,
    kommun            text,
    unit              text,
    status            text,
    planning          boolean     NOT NULL,
    fast_vardkontakt  boolean     NOT NULL,
    fast_lakarkontakt boolean     NOT NULL,
    next_steps        boolean     NOT NULL,
    PRIMARY KEY (contract_id, version)
);
CREATE INDEX followup_contract_version_from ON followup_contract_version (valid_from);

-- Every version of every SIP with its current consent.
CREATE TABLE followup_sip_version (
    sip_id             text        NOT NULL,
    version            bigint      NOT NULL,
    valid_from         timestamptz NOT NULL,
    patient_key        char(32)    NOT NULL,
    kommun             text,
    unit               text,
    status             text,
    consent_from       timestamptz,
    consent_until      timestamptz,
    consent_revoked_at timestamptz,
    PRIMARY KEY (sip_id, version)
);
CREATE INDEX followup_sip_version_from ON followup_sip_version (valid_from);

-- Each inpatient episode as its newest version shows it (a stale version changes nothing).
CREATE TABLE followup_episode (
    episode_id            text        PRIMARY KEY,
    version               bigint      NOT NULL,
    patient_key           char(32)    NOT NULL,
    kommun                text,
    unit                  text,
    admitted_at           timestamptz,
    admission_notice_at   timestamptz,
    needs_both_principals boolean     NOT NULL,
    ready_at              timestamptz,
    discharged_at         timestamptz,
    sip_call_in_state     text
);
CREATE INDEX followup_episode_admitted ON followup_episode (admitted_at);
CREATE INDEX followup_episode_ready ON followup_episode (ready_at);
CREATE INDEX followup_episode_discharged ON followup_episode (discharged_at);

-- Each LUS message to each addressee, and when it was first acknowledged (kvittens ok).
CREATE TABLE followup_acknowledgement (
    message_id      text        NOT NULL,
    addressee       text        NOT NULL,
    episode_id      text        NOT NULL,
    episode_version bigint      NOT NULL,
    patient_key     char(32)    NOT NULL,
    kommun          text,
    sent_at         timestamptz NOT NULL,
    acknowledged_at timestamptz,
    PRIMARY KEY (message_id, addressee)
);
CREATE INDEX followup_acknowledgement_sent ON followup_acknowledgement (sent_at);
