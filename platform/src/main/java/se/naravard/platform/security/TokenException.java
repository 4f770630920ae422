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
        KEYS_UNAVAILABLE("the identity provider's keys cannot be read");

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
}
