-- Listings (listning, HSL 7 kap. 3 a §): which primary-care unit each patient is listed with, as the
-- region's listing system tells it (docs/contract-api.md "Listings"). One row per patient with the
-- listings in force at some time (a JSON list, oldest first, never overlapping); every version ever
-- made in listing_version, which the database keeps immutable like contract_version.
create table listing_patient (
    patient_key    text        primary key,
    patient_system text        not null,
    patient_value  text        not null,
    version        integer     not null,
    document       jsonb       not null,
    updated_at     timestamptz not null
);

create index listing_patient_value on listing_patient (patient_value);

create table listing_version (
    patient_key text        not null references listing_patient (patient_key),
    version     integer     not null,
    -- listed (a new listing; what held from its first day on is replaced) or ended
    change      text        not null,
    changed_at  timestamptz not null,
    document    jsonb       not null,
    primary key (patient_key, version)
);

create trigger listing_version_immutable
    before update or delete on listing_version
    for each row execute function forbid_version_change();
