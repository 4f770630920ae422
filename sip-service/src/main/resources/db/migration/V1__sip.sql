-- SIPs (samordnad individuell plan). The current version is in sip; every version ever made, with
-- who/when/why, is in sip_version, which the database keeps immutable.
create table sip (
    id             uuid        primary key,
    patient_system text        not null,
    patient_value  text        not null,
    patient_key    text        not null,
    kommun         char(4)     not null,
    status         text        not null,
    version        integer     not null,
    document       jsonb       not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create index sip_patient on sip (patient_value);
create index sip_status on sip (status, updated_at desc);
create index sip_kommun on sip (kommun, status, updated_at desc);

create table sip_version (
    seq          bigint      generated always as identity primary key,
    sip_id       uuid        not null references sip (id),
    version      integer     not null,
    status       text        not null,
    event_type   text        not null,
    actor_person text        not null,
    actor_unit   text        not null,
    reason       text,
    changed_at   timestamptz not null,
    document     jsonb       not null,
    -- a second writer of the same version loses here even if it slipped past the version check
    unique (sip_id, version)
);

create function forbid_sip_version_change() returns trigger language plpgsql as $$
begin
    raise exception 'SIP versions are immutable (% on %)', tg_op, tg_table_name;
end $$;

create trigger sip_version_immutable
    before update or delete on sip_version
    for each row execute function forbid_sip_version_change();
