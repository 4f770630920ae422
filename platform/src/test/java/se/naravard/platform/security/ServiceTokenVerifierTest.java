package se.naravard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.naravard.infra.TokenMint;

/**
 * Service credentials: what the services' internal APIs accept (a service's token for their audience)
 * and everything they refuse, each with its reason and without echoing the token.
 */
class ServiceTokenVerifierTest {

    static final String AUDIENCE = TokenMint.SERVICE_AUDIENCE;
    static final TokenMint MINT = TokenMint.generate();
    static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    ServiceTokenVerifier verifier(String... allowed) {
        return ServiceTokenVerifier.of(
                MINT.writeJwks(dir.resolve("jwks.json")),
                MINT.issuer(),
                AUDIENCE,
                allowed.length == 0 ? List.of("fhir-gateway", "sip-service") : List.of(allowed),
                Clock.systemUTC());
    }

    static Map<String, Object> service(String client) {
        return new HashMap<>(TokenMint.serviceClaims(client));
    }

    static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> c = new HashMap<>(claims);
        if (value == null) {
            c.remove(name);
        } else {
            c.put(name, value);
        }
        return c;
    }

    @Test
    void a_service_token_of_an_allowed_client_is_a_service_principal() {
        ServicePrincipal gateway = verifier().verifyHeader("Bearer " + MINT.mintService("fhir-gateway", TTL));
        ServicePrincipal peer = verifier()
                .verify(MINT.mint(
                        AUDIENCE,
                        TTL,
                        Map.of("sub", "b0a3-service-account", "azp", "sip-service", "scope", "openid service")));

        assertThat(gateway).isEqualTo(new ServicePrincipal("fhir-gateway", "fhir-gateway"));
        assertThat(peer.clientId()).isEqualTo("sip-service");
        assertThat(peer.subject()).isEqualTo("b0a3-service-account");
        assertThat(peer).hasToString("Service[sip-service]");
    }

    @Test
    void every_client_is_accepted_with_a_star_only() {
        assertThat(verifier("*").verify(MINT.mintService("any-service", TTL)).clientId())
                .isEqualTo("any-service");
        assertReason(
                verifier("fhir-gateway"),
                MINT.mintService("any-service", TTL),
                TokenException.Reason.CLIENT_NOT_ALLOWED);
        assertThatThrownBy(() -> verifier("*", "fhir-gateway")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokens_of_the_fhir_api_are_refused_for_their_audience() {
        ServiceTokenVerifier v = verifier();
        String citizen = MINT.mint(
                TokenMint.FHIR_AUDIENCE,
                TTL,
                Map.of("sub", "tolvan", "scope", "patient/*.rs", "personnummer", "191212121212"));
        String staff = MINT.mint(TokenMint.FHIR_AUDIENCE, TTL, TokenVerifierTest.nurse());
        String gatewayForFhir = MINT.mint(TokenMint.FHIR_AUDIENCE, TTL, service("fhir-gateway"));

        assertReason(v, citizen, TokenException.Reason.WRONG_AUDIENCE);
        assertReason(v, staff, TokenException.Reason.WRONG_AUDIENCE);
        assertReason(v, gatewayForFhir, TokenException.Reason.WRONG_AUDIENCE);
    }

    @Test
    void a_person_is_never_a_service_even_with_the_services_audience() {
        ServiceTokenVerifier v = verifier();
        Map<String, Object> gateway = service("fhir-gateway");

        for (String claim : ServiceTokenVerifier.PERSON_CLAIMS) {
            assertReason(
                    v,
                    MINT.mint(AUDIENCE, TTL, with(gateway, claim, "191212121212")),
                    TokenException.Reason.NOT_A_SERVICE);
        }
        assertReason(
                v,
                MINT.mint(
                        AUDIENCE,
                        TTL,
                        with(with(TokenVerifierTest.nurse(), "client_id", "fhir-gateway"), "scope", "service")),
                TokenException.Reason.NOT_A_SERVICE);
        for (String smart : List.of("patient/*.rs", "user/CarePlan.r", "system/*.cruds")) {
            assertReason(
                    v,
                    MINT.mint(AUDIENCE, TTL, with(gateway, "scope", "service " + smart)),
                    TokenException.Reason.NOT_A_SERVICE);
        }
        assertReason(
                v, MINT.mint(AUDIENCE, TTL, with(gateway, "scope", "openid")), TokenException.Reason.NOT_A_SERVICE);
        assertReason(v, MINT.mint(AUDIENCE, TTL, with(gateway, "scope", null)), TokenException.Reason.NOT_A_SERVICE);
    }

    @Test
    void token_faults_have_their_reasons_and_the_401s_and_403s_are_told_apart() {
        ServiceTokenVerifier v = verifier();
        Instant now = Instant.now();
        Map<String, Object> gateway = service("fhir-gateway");

        assertThatThrownBy(() -> v.verifyHeader(null)).isInstanceOfSatisfying(TokenException.class, e -> {
            assertThat(e.reason()).isEqualTo(TokenException.Reason.MISSING);
            assertThat(e.forbidden()).isFalse();
        });
        assertReason(v, "not.a.jwt", TokenException.Reason.MALFORMED);
        assertReason(v, TokenVerifierTest.unsigned(), TokenException.Reason.MALFORMED);
        assertReason(v, MINT.forge(AUDIENCE, TTL, gateway), TokenException.Reason.BAD_SIGNATURE);
        assertReason(
                v,
                MINT.mint(AUDIENCE, now.minusSeconds(3600), now.minusSeconds(120), gateway),
                TokenException.Reason.EXPIRED);
        assertReason(
                v,
                MINT.mint(AUDIENCE, now.plusSeconds(600), now.plusSeconds(1200), gateway),
                TokenException.Reason.NOT_YET_VALID);
        assertReason(
                v, MINT.mintAs("https://evil.example", AUDIENCE, TTL, gateway), TokenException.Reason.WRONG_ISSUER);
        assertReason(v, MINT.mint(AUDIENCE, TTL, with(gateway, "client_id", null)), TokenException.Reason.BAD_CLAIM);
        assertReason(v, MINT.mint(AUDIENCE, TTL, with(gateway, "azp", "sip-service")), TokenException.Reason.BAD_CLAIM);
        assertThat(new TokenException(TokenException.Reason.NOT_A_SERVICE, null).forbidden())
                .isTrue();
        assertThat(new TokenException(TokenException.Reason.CLIENT_NOT_ALLOWED, null).forbidden())
                .isTrue();
        assertThat(new TokenException(TokenException.Reason.EXPIRED, null).forbidden())
                .isFalse();
    }

    @Test
    void a_refusal_never_echoes_the_token() {
        String citizen = MINT.mint(AUDIENCE, TTL, with(service("fhir-gateway"), "personnummer", "191212121212"));
        assertThatThrownBy(() -> verifier().verify(citizen)).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain("191212121212")
                .doesNotContain(citizen.substring(0, 20)));
    }

    private static void assertReason(ServiceTokenVerifier v, String token, TokenException.Reason reason) {
        assertThatThrownBy(() -> v.verify(token))
                .as(reason.name())
                .isInstanceOfSatisfying(
                        TokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
