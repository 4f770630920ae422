-- Inpatient episodes (slutenvårdstillfällen) with their LUS messages, receipts and deadline tasks.
-- The current version is in episode (the whole aggregate as a jsonb document plus the columns that
-- searches, the deadline clock and the liability reports need); every version ever made, with
-- who/when and what happened, is in episode_version, which the database keeps immutable: it is the
-- legal evidence behind every deadline and every liable day.
create table episode (
    id                uuid        primary key,
    patient_system    text        not null,
    patient_value     text        not null,
    patient_key       text        not null,
    kommun            char(4)     not null,
    admitting_unit    text        not null,
    status            text        not null,
    version           integer     not null,
    -- the earliest due time of an open task; null when nothing is open. The deadline clock reads
    -- only episodes whose next_due_at has passed, so a sweep costs what is due, not what is open.
    next_due_at       timestamptz,
    -- the first standing utskrivningsklar notice and the discharge: the liability report's filter
    ready_since       timestamptz,
    discharged_at     timestamptz,
    -- units that messages of this episode were sent to (a municipal unit sees "messages to me")
    addressee_units   text[]      not null,
    document          jsonb       not null,
    admitted_at       timestamptz not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);

create index episode_patient on episode (patient_value);
create index episode_kommun_status on episode (kommun, status, updated_at desc);
create index episode_addressee_units on episode using gin (addressee_units);
create index episode_next_due on episode (next_due_at) where next_due_at is not null;
create index episode_ready on episode (kommun, ready_since) where ready_since is not null;

create table episode_version (
    seq           bigint      generated always as identity primary key,
    episode_id    uuid        not null references episode (id),
    version       integer     not null,
    status        text        not null,
    -- what happened in this version, e.g. {message-sent,deadline-met}
    event_types   text[]      not null,
    -- the person and unit who made the change; the deadline clock records itself as 'deadline-clock'
    actor_person  text        not null,
    actor_unit    text        not null,
    changed_at    timestamptz not null,
    document      jsonb       not null,
    unique (episode_id, version)
);

create function forbid_episode_version_change() returns trigger language plpgsql as $$
begin
    raise exception 'episode versions are immutable (% on %)', tg_op, tg_table_name;
end $$;

create trigger episode_version_immutable
    before update or delete on episode_version
    for each row execute function forbid_episode_version_change();

-- The deadline tasks of every episode as rows, rewritten with each version: "open tasks of my
-- kommun", "missed receipts of my unit" without opening documents.
create table episode_task (
    id            uuid        primary key,
    episode_id    uuid        not null references episode (id),
    kind          text        not null,
    state         text        not null,
    due_at        timestamptz not null,
    kommun        char(4)     not null,
    addressee     text,
    trigger_id    uuid,
    fulfilled_by  uuid,
    updated_at    timestamptz not null
);

create index episode_task_episode on episode_task (episode_id);
create index episode_task_kommun_state on episode_task (kommun, state, due_at);
