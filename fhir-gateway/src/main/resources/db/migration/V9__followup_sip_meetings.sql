-- The two SIP indicators of the follow-up store (docs/followup.md): "SIP held within target" and
-- "SIP follow-up done", from the SIP versions on sip.events. Pseudonymous like V6: patient keys only.

-- Per SIP: when it was first called (the first version listing a planned meeting) and when its first
-- meeting was held. Both only ever move earlier (LEAST), so versions may arrive in any order; status,
-- unit and kommun are the newest version's.
CREATE TABLE followup_sip_meeting (
    sip_id      text        PRIMARY KEY,
    version     bigint      NOT NULL,
    patient_key char(32)    NOT NULL,
    kommun      text,
    unit        text,
    status      text,
    called_at   timestamptz,
    held_at     timestamptz
);
CREATE INDEX followup_sip_meeting_called ON followup_sip_meeting (called_at);

-- Per SIP and planned follow-up (its position in the newest version's followUps): the date it is due
-- and when its result was recorded. Replaced with every newer version of the SIP.
CREATE TABLE followup_sip_follow_up (
    sip_id      text        NOT NULL,
    position    integer     NOT NULL,
    sip_version bigint      NOT NULL,
    patient_key char(32)    NOT NULL,
    kommun      text,
    unit        text,
    status      text,
    due_date    date        NOT NULL,
    done_at     timestamptz,
    PRIMARY KEY (sip_id, position)
);
CREATE INDEX followup_sip_follow_up_due ON followup_sip_follow_up (due_date);
