package se.naravard.platform.security;

/**
 * A bearer token that cannot be accepted, with a stable reason (the 401's {@code error_description}
 * names it; nothing of the token's content is echoed).
 */
public final class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        MISSING("no bearer token"),
        MALFORMED("not a signed JWT"),
        BAD_SIGNATURE("signature not made by a key of the identity provider"),
        EXPIRED("expired"),
        NOT_YET_VALID("not yet valid"),
        WRONG_ISSUER("issued by another identity provider"),
        WRONG_AUDIENCE("meant for another audience"),
        BAD_CLAIM("a claim is missing or malformed"),
        KEYS_UNAVAILABLE("the identity provider's keys cannot be read"),
        /** A genuine token, but a person's or a FHIR client's, not a service's (403). */
        NOT_A_SERVICE("not a service credential"),
        /** A service credential of a client this service does not take calls from (403). */
        CLIENT_NOT_ALLOWED("this service does not accept calls from the calling client");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public TokenException(Reason reason, String detail) {
        super(reason.text() + (detail == null ? "" : ": " + detail));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Whether the token itself was good but does not grant this (403 {@code insufficient_scope}), rather
     * than a token that could not be accepted at all (401 {@code invalid_token}).
     */
    public boolean forbidden() {
        return reason == Reason.NOT_A_SERVICE || reason == Reason.CLIENT_NOT_ALLOWED;
    }
}
