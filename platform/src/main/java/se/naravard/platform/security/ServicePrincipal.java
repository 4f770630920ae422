package se.naravard.platform.security;

/**
 * A service calling another service's internal API, from a verified service token ({@link
 * ServiceTokenVerifier}): the gateway or a peer service, never a person.
 *
 * @param clientId the calling service's OAuth2 client ({@code client_id}, or {@code azp}), e.g. {@code
 *     fhir-gateway}
 * @param subject the token's {@code sub}
 */
public record ServicePrincipal(String clientId, String subject) {

    @Override
    public String toString() {
        return "Service[" + clientId + "]";
    }
}
