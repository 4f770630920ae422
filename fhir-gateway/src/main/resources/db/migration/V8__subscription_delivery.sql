-- Subscriptions, what issue 8 left (docs/fhir.md "Subscription", docs/operations.md "The subscription
-- backlog"): the Backport IG's end, backport-timeout and backport-max-count; the opt-in that makes a
-- receiver's 2xx the LUS message's automatic kvittens; the retention of delivered notifications.
ALTER TABLE subscription
    ADD COLUMN end_at           timestamptz,                    -- Subscription.end: turned off at this time
    ADD COLUMN timeout_seconds  integer,                        -- backport-timeout; null: the gateway's
    ADD COLUMN max_count        integer,                        -- backport-max-count; null: one event per Bundle
    ADD COLUMN delivery_receipt boolean NOT NULL DEFAULT false;  -- a 2xx records the message's kvittens

CREATE INDEX subscription_ending ON subscription (end_at) WHERE end_at IS NOT NULL AND status <> 'off';

-- receipt_units: for an LUS message, its municipal addressee units the subscription stands for (its
-- kommun's, or its addressee filter's): whose kvittens a delivery makes, when the subscription asks.
ALTER TABLE subscription_notification ADD COLUMN receipt_units text[];

-- The retention purge: delivered (or dropped) notifications older than gateway.subscriptions.retention.
CREATE INDEX subscription_notification_delivered ON subscription_notification (delivered_at)
    WHERE delivered_at IS NOT NULL;
CREATE INDEX subscription_notification_dropped ON subscription_notification (dropped_at)
    WHERE dropped_at IS NOT NULL;

-- The kvittens a delivery makes, written in the delivery's transaction and sent to transition-service
-- after it (retried until it answers; a refusal, e.g. a makulerad message, is kept with its reason).
-- One per message and addressee, however many subscriptions or deliveries told the addressee.
CREATE TABLE subscription_receipt (
    message_id      uuid        NOT NULL,
    addressee       text        NOT NULL,
    subscription_id uuid        NOT NULL,
    event_number    bigint      NOT NULL,
    answered_at     timestamptz NOT NULL,  -- the receiver's 2xx: the kvittens' time
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    recorded_at     timestamptz,           -- transition-service holds it (or already held one)
    refused         text,                  -- transition-service refused it: why
    last_error      text,
    PRIMARY KEY (message_id, addressee)
);

CREATE INDEX subscription_receipt_due ON subscription_receipt (next_attempt_at)
    WHERE recorded_at IS NULL AND refused IS NULL;
