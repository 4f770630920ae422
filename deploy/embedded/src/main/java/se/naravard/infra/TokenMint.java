package se.naravard.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A local identity provider's signing key, for tests and the local run only: an RSA key pair whose
 * public half is a JWK set file the services and the gateway verify tokens with, and tokens signed by
 * it. Production tokens come from the region's identity provider; nothing here is used there.
 */
public final class TokenMint {

    public static final String LOCAL_ISSUER = "https://idp.naravard.local";
    public static final String FHIR_AUDIENCE = "naravard-fhir";
    /** The audience of service tokens, for the services' internal APIs (platform's ServiceTokenVerifier). */
    public static final String SERVICE_AUDIENCE = "naravard-services";
    /** The scope every service token carries. */
    public static final String SERVICE_SCOPE = "service";

    private final RSAKey key;
    private final String issuer;

    private TokenMint(RSAKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** A new key pair (kept in memory only). */
    public static TokenMint generate() {
        return new TokenMint(newKey(), LOCAL_ISSUER);
    }

    /**
     * The key pair stored at {@code privateJwk} (made there on first use), so tokens printed by one
     * local run stay valid in the next.
     */
    public static TokenMint persistent(Path privateJwk) {
        try {
            if (Files.isRegularFile(privateJwk)) {
                return new TokenMint(RSAKey.parse(Files.readString(privateJwk)), LOCAL_ISSUER);
            }
            RSAKey key = newKey();
            Files.createDirectories(privateJwk.toAbsolutePath().getParent());
            Files.writeString(privateJwk, key.toJSONString());
            return new TokenMint(key, LOCAL_ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("not a private JWK: " + privateJwk, e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation is part of every JDK", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Writes the public JWK set to {@code file} and returns its {@code file:} URL. */
    public String writeJwks(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toAbsolutePath().toUri().toString();
    }

    /** A token for {@code audience} valid for {@code ttl} from now with these claims (sub included). */
    public String mint(String audience, Duration ttl, Map<String, Object> claims) {
        Instant now = Instant.now();
        return mint(audience, now, now.plus(ttl), claims);
    }

    /**
     * A service token as the identity provider issues one to {@code clientId} in a client credentials
     * grant: for {@link #SERVICE_AUDIENCE}, {@code sub} and {@code client_id} the client, scope {@value
     * #SERVICE_SCOPE}.
     */
    public String mintService(String clientId, Duration ttl) {
        return mint(SERVICE_AUDIENCE, ttl, serviceClaims(clientId));
    }

    /** The claims of {@link #mintService}, for tests that vary them. */
    public static Map<String, Object> serviceClaims(String clientId) {
        return Map.of("sub", clientId, "client_id", clientId, "scope", SERVICE_SCOPE);
    }

    /** A token valid from {@code notBefore} until {@code expires}, signed by this key. */
    public String mint(String audience, Instant notBefore, Instant expires, Map<String, Object> claims) {
        return sign(key, issuer, audience, notBefore, expires, claims);
    }

    /** As {@link #mint}, but signed by another key than the published one (a forged token). */
    public String forge(String audience, Duration ttl, Map<String, Object> claims) {
        Instant now = Instant.now();
        return sign(newKey(), issuer, audience, now, now.plus(ttl), claims);
    }

    /** As {@link #mint}, with another issuer. */
    public String mintAs(String otherIssuer, String audience, Duration ttl, Map<String, Object> claims) {
        Instant now = Instant.now();
        return sign(key, otherIssuer, audience, now, now.plus(ttl), claims);
    }

    private static String sign(
            RSAKey key,
            String issuer,
            String audience,
            Instant notBefore,
            Instant expires,
            Map<String, Object> claims) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(audience))
                .issueTime(Date.from(Instant.now()))
                .notBeforeTime(Date.from(notBefore))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        claims.forEach(b::claim);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), b.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
