package se.naravard.gateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import se.naravard.infra.TokenMint;

/**
 * The ITs' identity provider: one signing key per test JVM, its JWK set in a temporary file that every
 * gateway of the JVM trusts, and tokens it signs.
 */
final class TestTokens {

    static final TokenMint MINT = TokenMint.generate();
    static final String JWKS;

    static {
        try {
            Path dir = Files.createTempDirectory("naravard-it-idp");
            dir.toFile().deleteOnExit();
            JWKS = MINT.writeJwks(dir.resolve("jwks.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestTokens() {}

    /** The gateway settings that make it trust this identity provider. */
    static Map<String, Object> gatewaySettings() {
        return Map.of(
                "gateway.security.jwks",
                JWKS,
                "gateway.security.issuer",
                MINT.issuer(),
                "gateway.security.audience",
                TokenMint.FHIR_AUDIENCE);
    }

    /** A region journal system with every scope: what the ITs of the FHIR interactions act as. */
    static String journalSystem() {
        return token(Map.of(
                "sub", "journal-system",
                "scope", "system/*.cruds",
                "hsa_id", "SE2321000057-SYS1",
                "org_type", "region"));
    }

    /** A token with these claims, valid for an hour. */
    static String token(Map<String, Object> claims) {
        return MINT.mint(TokenMint.FHIR_AUDIENCE, Duration.ofHours(1), new HashMap<>(claims));
    }
}
