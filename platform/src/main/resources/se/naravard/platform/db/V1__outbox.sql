-- The transactional outbox (platform-owned, schema naravard_platform, its own Flyway history).
-- A service appends a row in the same transaction as its state change; the relay publishes it.
create table outbox_event (
    seq               bigint generated always as identity primary key,
    event_id          uuid        not null unique,
    topic             text        not null,
    record_key        text        not null,
    -- lane = hash(record_key) mod lane count: one relay at a time owns a lane (advisory lock),
    -- so one patient's events are published in commit order even with several relay instances.
    lane              smallint    not null,
    event_type        text        not null,
    source            text        not null,
    subject           text        not null,
    event_time        timestamptz not null,
    kommun            text,
    aggregate_version bigint      not null,
    data              bytea       not null,
    created_at        timestamptz not null default clock_timestamp(),
    sent_at           timestamptz,
    attempts          integer     not null default 0,
    last_error        text
);

create index outbox_event_pending on outbox_event (lane, seq) where sent_at is null;
create index outbox_event_sent on outbox_event (sent_at) where sent_at is not null;

-- Wake relays at commit. NOTIFY is transactional (delivered only if the insert commits) and
-- PostgreSQL folds identical notifications of one transaction into one.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('naravard_outbox', '');
    return null;
end $$;

create trigger outbox_event_inserted
    after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Idempotent consumers: one row per (consumer group, event id), written in the same transaction
-- as the consumer's effect.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default clock_timestamp(),
    primary key (consumer, event_id)
);

create index processed_event_age on processed_event (processed_at);
