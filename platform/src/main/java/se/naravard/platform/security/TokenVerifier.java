package se.naravard.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * Verifies OAuth2 bearer JWTs: signed (RS256, PS256 or ES256 only: never {@code none} or a shared
 * secret) by a key of the identity provider's JWK set, from the expected issuer, for the expected
 * audience, within its validity (with a small clock skew); then reads the caller's claims ({@link
 * Caller}). Production points {@code jwks} at the identity provider's JWKS URL (fetched and cached,
 * refreshed when a token names an unknown key, so keys rotate without a restart); local runs and tests
 * at a file.
 *
 * <p>Which kind of caller a token is: a {@code personnummer} claim makes a citizen (only {@code
 * patient/} scopes allowed); {@code analyst} among the {@code roles} an analyst; only {@code system/}
 * scopes a system; anything else staff. Each kind must carry its claims ({@code hsa_id}, {@code
 * care_unit}, {@code org_type}; {@code kommun} for kommun staff and systems), each well-formed.
 */
public final class TokenVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /**
     * How long a token whose signature was verified is trusted by its exact text without checking the
     * signature again. A key taken out of the JWK set stops being accepted after at most this long (the
     * JWK set source caches the set for minutes anyway); issuer, audience and validity are checked on
     * every use, so an expired token is refused at once.
     */
    static final Duration SIGNATURE_TRUSTED_FOR = Duration.ofSeconds(60);

    /** Tokens held verified at most: the callers of a minute, each with the token they send again and again. */
    static final int VERIFIED_TOKENS = 4_096;

    private final JWSVerificationKeySelector<SecurityContext> keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    /**
     * The claims of tokens whose signature was good, by the token's text. A caller sends the same token
     * until it expires; checking its signature (RSA, and the JOSE library's constant-time base64) was a
     * quarter of the gateway's CPU under the mixed load (docs/benchmarks.md), and every service pays it
     * on every internal call. Only a good signature is kept: a token that fails is checked in full each
     * time.
     */
    private final Cache<String, JWTClaimsSet> verified;

    public TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, Clock clock) {
        this.keys = new JWSVerificationKeySelector<>(ALGORITHMS, keys);
        this.issuer = require(issuer, "issuer");
        this.audience = require(audience, "audience");
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(VERIFIED_TOKENS)
                .expireAfterWrite(SIGNATURE_TRUSTED_FOR)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * @param jwks {@code file:<path>} or an {@code http(s)} URL of a JWK set
     */
    public static TokenVerifier of(String jwks, String issuer, String audience, Clock clock) {
        return new TokenVerifier(source(require(jwks, "jwks")), issuer, audience, clock);
    }

    static JWKSource<SecurityContext> source(String jwks) {
        try {
            if (jwks.startsWith("file:")) {
                try (InputStream in = Files.newInputStream(Path.of(URI.create(jwks)))) {
                    return new ImmutableJWKSet<>(JWKSet.load(in));
                }
            }
            if (jwks.startsWith("https:") || jwks.startsWith("http:")) {
                return JWKSourceBuilder.create(URI.create(jwks).toURL())
                        .retrying(true)
                        .build();
            }
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the JWK set at " + jwks + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the JWK set must be a file: or http(s): URL, not " + jwks);
    }

    /** Verifies the value of an {@code Authorization} header ({@code Bearer <jwt>}). */
    public Caller verifyHeader(String authorization) {
        return verify(bearer(authorization));
    }

    public Caller verify(String token) {
        return caller(verifiedClaims(token));
    }

    /** The token of an {@code Authorization: Bearer <jwt>} header; {@code MISSING} when there is none. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenException(TokenException.Reason.MISSING, null);
        }
        return authorization.substring(7).trim();
    }

    /**
     * The claims of a token whose signature, issuer, audience, validity and subject are good; what they
     * say about the caller is for {@link #verify} (a person or a FHIR client) or {@link
     * ServiceTokenVerifier} (a service) to judge.
     */
    JWTClaimsSet verifiedClaims(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenException(TokenException.Reason.MISSING, null);
        }
        JWTClaimsSet claims = verified.getIfPresent(token);
        if (claims == null) {
            SignedJWT jwt;
            try {
                jwt = SignedJWT.parse(token);
                claims = jwt.getJWTClaimsSet();
            } catch (ParseException e) {
                throw new TokenException(TokenException.Reason.MALFORMED, null);
            }
            checkSignature(jwt);
            verified.put(token, claims);
        }
        checkClaims(claims);
        return claims;
    }

    /** The audience every token must include. */
    public String audience() {
        return audience;
    }

    private void checkSignature(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new TokenException(TokenException.Reason.BAD_SIGNATURE, "algorithm " + header.getAlgorithm());
        }
        List<? extends Key> candidates;
        try {
            candidates = keys.selectJWSKeys(header, null);
        } catch (KeySourceException e) {
            throw new TokenException(TokenException.Reason.KEYS_UNAVAILABLE, e.getMessage());
        }
        for (Key key : candidates) {
            try {
                JWSVerifier verifier = verifiers.createJWSVerifier(header, key);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // not this key: try the next
            }
        }
        throw new TokenException(TokenException.Reason.BAD_SIGNATURE, null);
    }

    private void checkClaims(JWTClaimsSet c) {
        if (!issuer.equals(c.getIssuer())) {
            throw new TokenException(TokenException.Reason.WRONG_ISSUER, null);
        }
        if (c.getAudience() == null || !c.getAudience().contains(audience)) {
            throw new TokenException(TokenException.Reason.WRONG_AUDIENCE, null);
        }
        Instant now = clock.instant();
        Date exp = c.getExpirationTime();
        if (exp == null) {
            throw new TokenException(TokenException.Reason.BAD_CLAIM, "exp");
        }
        if (now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
            throw new TokenException(TokenException.Reason.EXPIRED, null);
        }
        Date nbf = c.getNotBeforeTime();
        if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf.toInstant())) {
            throw new TokenException(TokenException.Reason.NOT_YET_VALID, null);
        }
        if (c.getSubject() == null || c.getSubject().isBlank()) {
            throw new TokenException(TokenException.Reason.BAD_CLAIM, "sub");
        }
    }

    private static Caller caller(JWTClaimsSet c) {
        Scopes scopes = Scopes.parse(string(c, "scope"));
        String personnummer = string(c, "personnummer");
        List<String> roles = strings(c, "roles");
        Caller.Kind kind;
        if (personnummer != null) {
            kind = Caller.Kind.CITIZEN;
            if (scopes.has(Scopes.Context.USER) || scopes.has(Scopes.Context.SYSTEM)) {
                throw new TokenException(TokenException.Reason.BAD_CLAIM, "a citizen's token has patient/ scopes only");
            }
        } else if (roles.contains("analyst")) {
            kind = Caller.Kind.ANALYST;
        } else if (scopes.has(Scopes.Context.SYSTEM) && !scopes.has(Scopes.Context.USER)) {
            kind = Caller.Kind.SYSTEM;
        } else {
            kind = Caller.Kind.STAFF;
        }
        for (String claim : Caller.requiredClaims(kind)) {
            if (string(c, claim) == null) {
                throw new TokenException(TokenException.Reason.BAD_CLAIM, claim);
            }
        }
        Caller.OrganisationType org = Caller.OrganisationType.parse(string(c, "org_type"));
        String kommun = string(c, "kommun");
        if (org == Caller.OrganisationType.KOMMUN && kommun == null) {
            throw new TokenException(TokenException.Reason.BAD_CLAIM, "kommun");
        }
        try {
            return new Caller(
                    c.getSubject(),
                    kind,
                    hsaId(string(c, "hsa_id")),
                    hsaId(string(c, "care_unit")),
                    org,
                    kommun == null ? null : Kommunkod.of(kommun).value(),
                    string(c, "purpose_of_use"),
                    personnummer == null
                            ? null
                            : PatientIdentifier.parse(personnummer).value(),
                    scopes);
        } catch (IllegalArgumentException e) {
            // An identifier refused by its rules: name the rule's code, never the value.
            throw new TokenException(TokenException.Reason.BAD_CLAIM, "an identifier claim is invalid");
        }
    }

    private static String hsaId(String value) {
        return value == null ? null : HsaId.of(value).value();
    }

    static String string(JWTClaimsSet c, String name) {
        try {
            String s = c.getStringClaim(name);
            return s == null || s.isBlank() ? null : s;
        } catch (ParseException e) {
            throw new TokenException(TokenException.Reason.BAD_CLAIM, name);
        }
    }

    private static List<String> strings(JWTClaimsSet c, String name) {
        try {
            List<String> l = c.getStringListClaim(name);
            return l == null ? List.of() : l;
        } catch (ParseException e) {
            throw new TokenException(TokenException.Reason.BAD_CLAIM, name);
        }
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the token verifier needs its " + what);
        }
        return value;
    }
}
