package se.naravard.platform.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies the service credentials the services' internal APIs accept (ARCHITECTURE.md "Security and
 * privacy"): an OAuth2 access token that the identity provider issued to a service (client credentials
 * grant) for the services' audience ({@code naravard-services} by default, never the FHIR API's).
 * Signature, issuer, audience and validity are {@link TokenVerifier}'s checks, the same as for the FHIR
 * API; then the token must be a service's:
 *
 * <ul>
 *   <li>it names the calling service in {@code client_id} (RFC 9068), or {@code azp} where the identity
 *       provider writes that instead (both present: they must agree) — else 401 {@code BAD_CLAIM};
 *   <li>its {@code scope} includes {@value #SCOPE};
 *   <li>it carries nothing of a person or a FHIR client: no {@code personnummer}, {@code hsa_id},
 *       {@code care_unit}, {@code org_type}, {@code kommun} or {@code purpose_of_use}, and no SMART
 *       resource scope ({@code patient/}, {@code user/}, {@code system/}) — a citizen's, staff member's,
 *       system's or analyst's token is refused even if it were issued for this audience ({@code
 *       NOT_A_SERVICE}, 403);
 *   <li>its client is one this service accepts calls from ({@code CLIENT_NOT_ALLOWED}, 403), unless the
 *       allow-list is {@code *}.
 * </ul>
 *
 * Refusals name the rule, never the token's content.
 */
public final class ServiceTokenVerifier {

    /** The scope every service token carries. */
    public static final String SCOPE = "service";

    /** The allow-list entry that accepts every service client of the identity provider. */
    public static final String ANY_CLIENT = "*";

    /** Claims only a person's or a FHIR client's token has. */
    static final List<String> PERSON_CLAIMS =
            List.of("personnummer", "hsa_id", "care_unit", "org_type", "kommun", "purpose_of_use");

    private static final List<String> SMART_CONTEXTS = List.of("patient/", "user/", "system/");

    private final TokenVerifier tokens;
    private final Set<String> allowedClients;

    /**
     * @param tokens the signature, issuer, audience and validity checks, for the services' audience
     * @param allowedClients the clients (calling services) accepted; {@code *} alone accepts every one
     */
    public ServiceTokenVerifier(TokenVerifier tokens, Collection<String> allowedClients) {
        this.tokens = tokens;
        this.allowedClients = allowList(allowedClients);
    }

    /** @param jwks {@code file:<path>} or an {@code http(s)} URL of the identity provider's JWK set */
    public static ServiceTokenVerifier of(
            String jwks, String issuer, String audience, Collection<String> allowedClients, Clock clock) {
        return new ServiceTokenVerifier(TokenVerifier.of(jwks, issuer, audience, clock), allowedClients);
    }

    /** Verifies the value of an {@code Authorization} header ({@code Bearer <jwt>}). */
    public ServicePrincipal verifyHeader(String authorization) {
        return verify(TokenVerifier.bearer(authorization));
    }

    public ServicePrincipal verify(String token) {
        JWTClaimsSet claims = tokens.verifiedClaims(token);
        String clientId = clientId(claims);
        for (String claim : PERSON_CLAIMS) {
            if (claims.getClaim(claim) != null) {
                throw new TokenException(TokenException.Reason.NOT_A_SERVICE, "a person's or FHIR client's claims");
            }
        }
        String scope = TokenVerifier.string(claims, "scope");
        List<String> scopes = scope == null ? List.of() : List.of(scope.trim().split("\\s+"));
        if (scopes.stream().anyMatch(s -> SMART_CONTEXTS.stream().anyMatch(s::startsWith))) {
            throw new TokenException(TokenException.Reason.NOT_A_SERVICE, "SMART resource scopes");
        }
        if (!scopes.contains(SCOPE)) {
            throw new TokenException(TokenException.Reason.NOT_A_SERVICE, "no scope " + SCOPE);
        }
        if (!allowedClients.contains(ANY_CLIENT) && !allowedClients.contains(clientId)) {
            throw new TokenException(TokenException.Reason.CLIENT_NOT_ALLOWED, null);
        }
        return new ServicePrincipal(clientId, claims.getSubject());
    }

    /** The audience service tokens must include. */
    public String audience() {
        return tokens.audience();
    }

    public Set<String> allowedClients() {
        return allowedClients;
    }

    private static String clientId(JWTClaimsSet claims) {
        String clientId = TokenVerifier.string(claims, "client_id");
        String azp = TokenVerifier.string(claims, "azp");
        if (clientId != null && azp != null && !clientId.equals(azp)) {
            throw new TokenException(TokenException.Reason.BAD_CLAIM, "client_id and azp disagree");
        }
        String client = clientId != null ? clientId : azp;
        if (client == null) {
            throw new TokenException(TokenException.Reason.BAD_CLAIM, "client_id");
        }
        return client;
    }

    private static Set<String> allowList(Collection<String> clients) {
        Set<String> set = new LinkedHashSet<>();
        if (clients != null) {
            for (String c : clients) {
                if (c != null && !c.isBlank()) {
                    set.add(c.trim());
                }
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException(
                    "the service token verifier needs the clients it accepts (or " + ANY_CLIENT + " for any)");
        }
        if (set.contains(ANY_CLIENT) && set.size() > 1) {
            throw new IllegalArgumentException(ANY_CLIENT + " accepts every client: list no others beside it");
        }
        return Set.copyOf(set);
    }
}
