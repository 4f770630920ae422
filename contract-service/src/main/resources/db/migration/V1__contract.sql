-- Patient contracts (patientkontrakt). The current version is in contract; every version ever made,
-- with who/when/why, is in contract_version, which the database keeps immutable.
create table contract (
    id             uuid        primary key,
    patient_system text        not null,
    patient_value  text        not null,
    patient_key    text        not null,
    kommun         char(4)     not null,
    status         text        not null,
    version        integer     not null,
    -- the owning units of the parts, for "contracts whose parts my unit owns"
    owner_units    text[]      not null,
    document       jsonb       not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create index contract_patient on contract (patient_value);
create index contract_owner_units on contract using gin (owner_units);
create index contract_status on contract (status, updated_at desc);

create table contract_version (
    seq          bigint      generated always as identity primary key,
    contract_id  uuid        not null references contract (id),
    version      integer     not null,
    status       text        not null,
    event_type   text        not null,
    actor_person text        not null,
    actor_unit   text        not null,
    reason       text,
    changed_at   timestamptz not null,
    document     jsonb       not null,
    -- a second writer of the same version loses here even if it slipped past the version check
    unique (contract_id, version)
);

create function forbid_version_change() returns trigger language plpgsql as $$
begin
    raise exception 'contract versions are immutable (% on %)', tg_op, tg_table_name;
end $$;

create trigger contract_version_immutable
    before update or delete on contract_version
    for each row execute function forbid_version_change();

-- Granskning (review) results, each against one version.
create table contract_review (
    id               uuid        primary key,
    contract_id      uuid        not null,
    contract_version integer     not null,
    reviewer_person  text        not null,
    reviewer_unit    text        not null,
    reviewed_at      timestamptz not null,
    passed           boolean     not null,
    document         jsonb       not null,
    foreign key (contract_id, contract_version) references contract_version (contract_id, version)
);

create index contract_review_contract on contract_review (contract_id, contract_version);
