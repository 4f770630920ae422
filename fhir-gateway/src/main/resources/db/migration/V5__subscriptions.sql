-- FHIR Subscriptions for municipal systems (docs/fhir.md "Subscription", docs/operations.md "The
-- subscription backlog"): the subscriptions, their notifications (the backlog and what was delivered,
-- for $events), and the delivery state the workers lock.
--
-- subscription: one row per Subscription. owner_*: the claims of the municipal system token that created
-- it; only that system reads or changes it, and every delivery is decided by the access rules as if it
-- asked itself. events_since_start: the number of the last notification (the Backport IG's
-- events-since-subscription-start), raised by the consumer of the *.events topics in the transaction
-- that stores the notification.
CREATE TABLE subscription (
    id                 uuid        PRIMARY KEY,
    version            integer     NOT NULL,
    status             text        NOT NULL CHECK (status IN ('requested', 'active', 'error', 'off')),
    status_reason      text,                  -- Subscription.error: why the handshake failed
    topic              text        NOT NULL,  -- a topic's canonical URL (SubscriptionTopics)
    kommun             char(4)     NOT NULL,  -- filter: the kommun whose events are sent
    addressee_unit     text,                  -- filter: the addressee unit (HSA-id); null: every unit
    endpoint           text        NOT NULL,
    headers            text[]      NOT NULL DEFAULT '{}',
    content            text        NOT NULL CHECK (content IN ('empty', 'id-only', 'full-resource')),
    heartbeat_seconds  integer,
    reason             text,
    fhir_base          text        NOT NULL,  -- the FHIR base the owner created it at: the notifications' fullUrls
    owner_subject      text,
    owner_hsa_id       text        NOT NULL,
    owner_care_unit    text,
    owner_kommun       char(4)     NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    activated_at       timestamptz,           -- events before this are not sent
    events_since_start bigint      NOT NULL DEFAULT 0
);

CREATE INDEX subscription_owner ON subscription (owner_kommun, owner_hsa_id);
CREATE INDEX subscription_matching ON subscription (topic, kommun) WHERE status = 'active';

-- One row per event and matching subscription, numbered per subscription. Kept after delivery (for
-- $events) until the subscription is deleted. resource_json: the focus resource as the event left it,
-- for full-resource subscriptions only.
CREATE TABLE subscription_notification (
    subscription_id uuid        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    event_number    bigint      NOT NULL,
    event_id        uuid        NOT NULL,     -- the CloudEvent id (ce_id): the receiver's idempotency key
    event_type      text        NOT NULL,
    event_time      timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    patient_key     char(32)    NOT NULL,
    focus           text        NOT NULL,     -- e.g. Communication/<id>
    resource_json   text,
    delivered_at    timestamptz,
    dropped_at      timestamptz,              -- the subscription was turned off before delivery
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    PRIMARY KEY (subscription_id, event_number),
    UNIQUE (subscription_id, event_id)
);

CREATE INDEX subscription_notification_backlog ON subscription_notification (subscription_id, event_number)
    WHERE delivered_at IS NULL AND dropped_at IS NULL;

-- The delivery state, apart from the subscription row so that a worker holding it (FOR UPDATE SKIP
-- LOCKED, for the length of one delivery round) never blocks the consumer that numbers new events.
CREATE TABLE subscription_delivery (
    subscription_id uuid        PRIMARY KEY REFERENCES subscription (id) ON DELETE CASCADE,
    next_attempt_at timestamptz NOT NULL,
    failures        integer     NOT NULL DEFAULT 0,
    last_error      text,
    last_sent_at    timestamptz
);
