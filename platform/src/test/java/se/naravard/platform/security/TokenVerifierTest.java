package se.naravard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.naravard.infra.TokenMint;

class TokenVerifierTest {

    static final String AUDIENCE = TokenMint.FHIR_AUDIENCE;
    static final TokenMint MINT = TokenMint.generate();

    @TempDir
    Path dir;

    TokenVerifier verifier() {
        return TokenVerifier.of(MINT.writeJwks(dir.resolve("jwks.json")), MINT.issuer(), AUDIENCE, Clock.systemUTC());
    }

    static Map<String, Object> nurse() {
        Map<String, Object> c = new HashMap<>();
        c.put("sub", "nurse-1");
        c.put("scope", "user/CarePlan.rs user/CareTeam.rs");
        c.put("hsa_id", "SE2321000057-N001");
        c.put("care_unit", "SE2321000057-VC01");
        c.put("org_type", "region");
        c.put("purpose_of_use", "TREAT");
        return c;
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
    void a_valid_staff_token_gives_the_caller_and_scopes() {
        Caller c = verifier().verifyHeader("Bearer " + MINT.mint(AUDIENCE, Duration.ofMinutes(5), nurse()));

        assertThat(c.kind()).isEqualTo(Caller.Kind.STAFF);
        assertThat(c.hsaId()).isEqualTo("SE2321000057-N001");
        assertThat(c.careUnit()).isEqualTo("SE2321000057-VC01");
        assertThat(c.organisationType()).isEqualTo(Caller.OrganisationType.REGION);
        assertThat(c.purposeOfUse()).isEqualTo("TREAT");
        assertThat(c.scopes().permits("CarePlan", 's')).isTrue();
    }

    @Test
    void a_citizen_system_and_analyst_are_told_apart() {
        Caller citizen = verifier()
                .verify(MINT.mint(
                        AUDIENCE,
                        Duration.ofMinutes(5),
                        Map.of("sub", "c1", "scope", "patient/*.rs", "personnummer", "19121212-1212")));
        Caller system = verifier()
                .verify(MINT.mint(
                        AUDIENCE,
                        Duration.ofMinutes(5),
                        Map.of(
                                "sub",
                                "s1",
                                "scope",
                                "system/Communication.cr",
                                "hsa_id",
                                "SE2120000530-SYS1",
                                "org_type",
                                "kommun",
                                "kommun",
                                "0680")));
        Caller analyst = verifier()
                .verify(MINT.mint(
                        AUDIENCE,
                        Duration.ofMinutes(5),
                        with(with(nurse(), "roles", List.of("analyst")), "scope", "user/MeasureReport.rs")));

        assertThat(citizen.kind()).isEqualTo(Caller.Kind.CITIZEN);
        assertThat(citizen.personnummer()).isEqualTo("191212121212");
        assertThat(citizen.toString()).doesNotContain("191212121212").doesNotContain("1212-1212");
        assertThat(system.kind()).isEqualTo(Caller.Kind.SYSTEM);
        assertThat(system.kommun()).isEqualTo("0680");
        assertThat(analyst.kind()).isEqualTo(Caller.Kind.ANALYST);
    }

    @Test
    void every_token_fault_has_its_reason() {
        TokenVerifier v = verifier();
        Duration ttl = Duration.ofMinutes(5);
        Instant now = Instant.now();
        assertReason(v, null, TokenException.Reason.MISSING);
        assertReason(v, "Basic dXNlcjpwYXNz", TokenException.Reason.MISSING);
        assertReason(v, "Bearer not.a.jwt", TokenException.Reason.MALFORMED);
        assertReason(v, "Bearer " + MINT.forge(AUDIENCE, ttl, nurse()), TokenException.Reason.BAD_SIGNATURE);
        assertReason(v, "Bearer " + unsigned(), TokenException.Reason.MALFORMED);
        assertReason(
                v,
                "Bearer " + MINT.mint(AUDIENCE, now.minusSeconds(3600), now.minusSeconds(120), nurse()),
                TokenException.Reason.EXPIRED);
        assertReason(
                v,
                "Bearer " + MINT.mint(AUDIENCE, now.plusSeconds(600), now.plusSeconds(1200), nurse()),
                TokenException.Reason.NOT_YET_VALID);
        assertReason(
                v,
                "Bearer " + MINT.mintAs("https://evil.example", AUDIENCE, ttl, nurse()),
                TokenException.Reason.WRONG_ISSUER);
        assertReason(v, "Bearer " + MINT.mint("another-api", ttl, nurse()), TokenException.Reason.WRONG_AUDIENCE);
        assertReason(
                v,
                "Bearer " + MINT.mint(AUDIENCE, ttl, with(nurse(), "hsa_id", null)),
                TokenException.Reason.BAD_CLAIM);
        assertReason(
                v,
                "Bearer " + MINT.mint(AUDIENCE, ttl, with(nurse(), "hsa_id", "SE123")),
                TokenException.Reason.BAD_CLAIM);
        assertReason(
                v,
                "Bearer " + MINT.mint(AUDIENCE, ttl, with(nurse(), "org_type", "kommun")),
                TokenException.Reason.BAD_CLAIM); // kommun staff without a kommun
        assertReason(
                v,
                "Bearer "
                        + MINT.mint(
                                AUDIENCE,
                                ttl,
                                Map.of("sub", "c", "scope", "patient/*.rs user/*.rs", "personnummer", "191212121212")),
                TokenException.Reason.BAD_CLAIM);
        assertReason(
                v,
                "Bearer "
                        + MINT.mint(
                                AUDIENCE,
                                ttl,
                                Map.of("sub", "c", "scope", "patient/*.rs", "personnummer", "191212121213")),
                TokenException.Reason.BAD_CLAIM);
    }

    @Test
    void a_refusal_never_echoes_the_personnummer() {
        String token = MINT.mint(
                AUDIENCE,
                Duration.ofMinutes(5),
                Map.of("sub", "c", "scope", "patient/*.rs", "personnummer", "191212121213"));
        assertThatThrownBy(() -> verifier().verify(token))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("191212121213"));
    }

    /** A token with alg "none": header.payload. with an empty signature. */
    static String unsigned() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"" + TokenMint.LOCAL_ISSUER + "\",\"sub\":\"x\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".";
    }

    /** A verifier on {@code clock} whose JWK set counts how often it is asked for a key. */
    private TokenVerifier counting(Clock clock, AtomicInteger keyLookups) {
        JWKSource<SecurityContext> keys = TokenVerifier.source(MINT.writeJwks(dir.resolve("jwks.json")));
        JWKSource<SecurityContext> counted = (selector, context) -> {
            keyLookups.incrementAndGet();
            return keys.get(selector, context);
        };
        return new TokenVerifier(counted, MINT.issuer(), AUDIENCE, clock);
    }

    @Test
    void a_token_sent_again_is_not_checked_against_the_keys_again_until_its_trust_window_is_over() {
        ServiceTokenFileTest.TestClock clock = new ServiceTokenFileTest.TestClock();
        clock.now = Instant.now();
        AtomicInteger keyLookups = new AtomicInteger();
        TokenVerifier v = counting(clock, keyLookups);
        String token = MINT.mint(AUDIENCE, Duration.ofMinutes(10), nurse());

        v.verify(token);
        v.verify(token);
        assertThat(keyLookups).hasValue(1);

        clock.now = clock.now.plus(TokenVerifier.SIGNATURE_TRUSTED_FOR).plusSeconds(1);
        assertThat(v.verify(token).hsaId()).isEqualTo("SE2321000057-N001");
        assertThat(keyLookups).hasValue(2);
    }

    @Test
    void a_token_whose_signature_was_verified_is_still_refused_once_it_has_expired() {
        ServiceTokenFileTest.TestClock clock = new ServiceTokenFileTest.TestClock();
        Instant now = Instant.now();
        clock.now = now;
        TokenVerifier v = counting(clock, new AtomicInteger());
        // Expired 50 s ago: still within the 60 s clock skew now, past it 11 s later (well inside the
        // window in which its verified signature is trusted).
        String token = MINT.mint(AUDIENCE, now.minusSeconds(600), now.minusSeconds(50), nurse());
        v.verify(token);

        clock.now = now.plusSeconds(11);
        assertReason(v, "Bearer " + token, TokenException.Reason.EXPIRED);
    }

    @Test
    void a_verified_token_with_its_signature_changed_is_refused() {
        TokenVerifier v = verifier();
        String token = MINT.mint(AUDIENCE, Duration.ofMinutes(5), nurse());
        v.verify(token);
        String body = token.substring(0, token.lastIndexOf('.') + 1);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        char last = signature.charAt(signature.length() - 2);
        String changed = body
                + signature.substring(0, signature.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);

        assertReason(v, "Bearer " + changed, TokenException.Reason.BAD_SIGNATURE);
        assertReason(
                v,
                "Bearer " + MINT.forge(AUDIENCE, Duration.ofMinutes(5), nurse()),
                TokenException.Reason.BAD_SIGNATURE);
    }

    private static void assertReason(TokenVerifier v, String header, TokenException.Reason reason) {
        assertThatThrownBy(() -> v.verifyHeader(header))
                .as(reason.name())
                .isInstanceOfSatisfying(
                        TokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
