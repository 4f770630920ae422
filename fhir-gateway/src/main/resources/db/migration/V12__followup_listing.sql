-- Listings (listning) of the follow-up store (docs/followup.md), from contract-service's
-- listing-changed events on contract.events: the denominators of contract-coverage,
-- listed-fast-lakarkontakt and target-group-fast-vardkontakt. Pseudonymous like V6: patient keys only.

-- The newest listing version applied per patient key: an event of a version not above it changes
-- nothing, so replays and any order of arrival leave the newest history.
CREATE TABLE followup_listing_patient (
    patient_key char(32) PRIMARY KEY,
    version     bigint   NOT NULL
);

-- Each listing of that newest version: the unit (a vårdcentral's HSA-id), the patient's kommun and
-- county, the first and last day (Swedish dates, inclusive; to_date null while it lasts) and the target
-- groups. Replaced whole by every newer version of the patient's listings.
CREATE TABLE followup_listing (
    patient_key   char(32) NOT NULL REFERENCES followup_listing_patient (patient_key),
    from_date     date     NOT NULL,
    version       bigint   NOT NULL,
    unit          text,
    kommun        text,
    county        text,
    to_date       date,
    target_groups text[]   NOT NULL,
    PRIMARY KEY (patient_key, from_date)
);
CREATE INDEX followup_listing_days ON followup_listing (from_date, to_date);
