package se.naravard.platform.outbox;

import se.naravard.platform.events.EventEnvelope;

/**
 * Appends an event to the outbox in the caller's current database transaction. There is no other way
 * to publish: the state change and its event commit together or not at all, and a Kafka outage never
 * fails a write.
 */
public interface Outbox {

    /**
     * @throws IllegalStateException when called outside a transaction (that would break the
     *     all-or-nothing promise)
     */
    void append(String topic, EventEnvelope event);
}
