package se.naravard.gateway.subscription;

import java.time.Instant;

/**
 * Where the automatic kvittens a delivery makes is recorded: transition-service, through the command
 * the FHIR Communication kvittens uses (wired in the server package, so that this package does not
 * depend on the Communication writes). A receiver's 2xx to a notification of an LUS message, for a
 * subscription that asks for it, is the addressee's receipt of the message.
 */
@FunctionalInterface
public interface DeliveryReceipts {

    /** What transition-service made of it. */
    enum Result {
        /** Recorded now. */
        RECORDED,
        /** The message already had a kvittens of that addressee: nothing recorded, nothing wrong. */
        ALREADY_RECORDED,
        /** Refused for good (the message was cancelled, or is unknown): kept with the reason, not retried. */
        REFUSED
    }

    record Answer(Result result, String reason) {}

    /**
     * Records the kvittens of {@code addressee} for the LUS message {@code messageId}, received at
     * {@code at}.
     *
     * @throws RuntimeException when transition-service cannot answer now: tried again later
     */
    Answer record(String messageId, String addressee, Instant at);

    /** Without transition-service: every kvittens waits. */
    DeliveryReceipts UNAVAILABLE = (m, a, at) -> {
        throw new IllegalStateException("no transition-service to record the kvittens in");
    };
}
