package se.naravard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The tests' identity provider: one signing key per test JVM ({@link TokenMint}), its JWK set in a
 * temporary file that every service the JVM starts trusts (in this JVM or a child JVM), and the service
 * tokens the tests call the internal APIs with. Services under test accept the gateway ({@value
 * #GATEWAY_CLIENT}) and the tests themselves ({@value #TEST_CLIENT}), as in production they accept the
 * gateway (docs/operations.md "Service credentials").
 */
public final class TestIdentity {

    /** The client the tests call internal APIs as. */
    public static final String TEST_CLIENT = "naravard-it";
    /** The gateway's client. */
    public static final String GATEWAY_CLIENT = "fhir-gateway";

    private static final Duration VALIDITY = Duration.ofHours(2);
    private static final TokenMint MINT = TokenMint.generate();
    private static final Path DIRECTORY;
    private static final String JWKS;
    private static String token;
    private static Instant renewAt = Instant.MIN;

    static {
        try {
            DIRECTORY = Files.createTempDirectory("naravard-test-idp");
            DIRECTORY.toFile().deleteOnExit();
            JWKS = MINT.writeJwks(DIRECTORY.resolve("jwks.json"));
            DIRECTORY.resolve("jwks.json").toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestIdentity() {}

    public static TokenMint mint() {
        return MINT;
    }

    /** The {@code file:} URL of the JWK set. */
    public static String jwks() {
        return JWKS;
    }

    /** The {@code naravard.service-auth.*} settings of a service under test. */
    public static Map<String, String> serviceAuthProperties() {
        return Map.of(
                "naravard.service-auth.jwks",
                JWKS,
                "naravard.service-auth.issuer",
                MINT.issuer(),
                "naravard.service-auth.audience",
                TokenMint.SERVICE_AUDIENCE,
                "naravard.service-auth.allowed-clients",
                GATEWAY_CLIENT + "," + TEST_CLIENT);
    }

    /** The same settings as the environment of a service in a child JVM. */
    public static Map<String, String> serviceAuthEnvironment() {
        return Map.of(
                "SERVICE_JWKS",
                JWKS,
                "SERVICE_TOKEN_ISSUER",
                MINT.issuer(),
                "SERVICE_TOKEN_AUDIENCE",
                TokenMint.SERVICE_AUDIENCE,
                "SERVICE_ALLOWED_CLIENTS",
                GATEWAY_CLIENT + "," + TEST_CLIENT);
    }

    /** {@code Bearer <service token of the tests>}, minted once and renewed well before it expires. */
    public static synchronized String serviceAuthorization() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(renewAt)) {
            token = MINT.mintService(TEST_CLIENT, VALIDITY);
            renewAt = now.plus(VALIDITY.dividedBy(2));
        }
        return "Bearer " + token;
    }

    /**
     * A file holding a service token of {@code client} valid for 12 h, as the platform's token agent
     * keeps one for a service in production ({@code SERVICE_TOKEN_FILE}).
     */
    public static Path serviceTokenFile(String client) {
        Path file = DIRECTORY.resolve(client + "-" + System.nanoTime() + ".jwt");
        try {
            Files.writeString(file, MINT.mintService(client, Duration.ofHours(12)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
