package se.naravard.platform.consumer;

import java.sql.Connection;
import se.naravard.platform.events.EventEnvelope;

/**
 * Applies one event. Runs inside the consumer's database transaction, the same one that records the
 * event id as processed; throwing rolls both back and the event is retried, then dead-lettered.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope event, Connection transaction) throws Exception;
}
