package se.naravard.local;

/** A start-up failure whose message says what to do; printed without a stack trace. */
final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
