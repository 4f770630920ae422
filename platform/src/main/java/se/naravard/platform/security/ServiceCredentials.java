package se.naravard.platform.security;

/**
 * What a service (the gateway, or a peer service) sends to another service's internal API: the value
 * of the {@code Authorization} header, {@code Bearer <service token>} ({@link ServiceTokenVerifier}
 * says what that token must be). Asked on every call, so a renewed token is used as soon as it is
 * there. Production reads the token the platform keeps renewed in a file ({@link ServiceTokenFile}).
 */
@FunctionalInterface
public interface ServiceCredentials {

    /**
     * {@code Bearer <token>}.
     *
     * @throws Unavailable when there is no token to send (the caller answers 503, never calls without)
     */
    String authorization();

    /** No service token can be had: the call must not be made. Names no token content. */
    final class Unavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
