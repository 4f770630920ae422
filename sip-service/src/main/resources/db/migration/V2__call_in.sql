-- SIP call-in tasks (kallelse till SIP, DOMAIN.md §5 step 5), one per sip-call-in deadline task of
-- transition-service, kept in line with the episode state carried by transition.events.
create table call_in (
    id                  uuid        primary key,
    -- one call-in task per transition task, whatever the order or number of deliveries
    transition_task_id  uuid        not null unique,
    episode_id          uuid        not null,
    notice_message_id   uuid,
    patient_system      text        not null,
    patient_value       text        not null,
    patient_key         text        not null,
    kommun              char(4)     not null,
    due_at              timestamptz not null,
    status              text        not null check (status in ('open', 'completed', 'cancelled')),
    sip_id              uuid,
    completed_at        timestamptz,
    completed_by_person text,
    completed_by_unit   text,
    cancelled_at        timestamptz,
    cancel_reason       text,
    episode_version     bigint      not null,
    version             integer     not null,
    -- the whole task as the API returns it, assigned units and invitees included
    document            jsonb       not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create index call_in_episode on call_in (episode_id);
create index call_in_status on call_in (status, due_at);
create index call_in_kommun on call_in (kommun, status, due_at);
create index call_in_units on call_in using gin ((document -> 'assignedUnits'));

-- The newest episode version applied per episode: an event carrying an older (or the same) version
-- is stale and changes nothing, so delivery order does not matter.
create table episode_seen (
    episode_id uuid        primary key,
    version    bigint      not null,
    seen_at    timestamptz not null
);
