package se.naravard.platform.consumer;

/**
 * Thrown by an {@link EventHandler} for an event that can never be applied, however often it is
 * retried: an unreadable payload, a reference to something that does not exist. The consumer
 * dead-letters it at once with this message as the reason, instead of retrying it first.
 */
public class PoisonEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
