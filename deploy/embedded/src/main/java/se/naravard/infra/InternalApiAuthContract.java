package se.naravard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule every service's internal API keeps, as tests a service's IT inherits ({@code class
 * InternalApiAuthIT extends …Harness implements InternalApiAuthContract}): it accepts service credentials
 * only, the gateway's or a peer service's, never a citizen's or staff member's token (ARCHITECTURE.md
 * "Security and privacy"); only health, metrics (GET /prometheus) and the OpenAPI documents are open. Over real HTTP against the
 * running service, with tokens of the JVM's {@link TestIdentity}.
 */
public interface InternalApiAuthContract {

    /** One route of the service's router with its path variables filled in. */
    record Route(String method, String path) {}

    String PERSONNUMMER = "191212121212";
    String STAFF_HSA_ID = "SE2321000057-N001";

    /** The running service. */
    URI serviceUri();

    /**
     * Every route of the service but its health endpoint (from its router, so a new route is covered
     * without a test naming it).
     */
    List<Route> routes();

    /** A read that answers 200 to a service token, e.g. {@code /contracts?limit=1}. */
    String aRead();

    /** A valid write: method, path and body (it would succeed with a service token). */
    Route aWrite();

    String aWriteBody();

    /** Row counts of the tables a write touches (equal before and after: nothing written). */
    String footprint();

    private HttpResponse<String> call(String method, String path, String body, String authorization) {
        HttpTestClient http = new HttpTestClient(this::serviceUri);
        return authorization == null
                ? http.send(method, path, body)
                : http.send(method, path, body, "Authorization", authorization);
    }

    private static void assertRefused(HttpResponse<String> r, int status, String code, String what) {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                what + ": problem+json");
        assertTrue(
                r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="),
                what + ": WWW-Authenticate Bearer");
        assertTrue(r.body().contains("\"code\":\"" + code + "\""), what + ": code " + code + " in " + r.body());
        assertFalse(r.body().contains(PERSONNUMMER), what + ": no personnummer in the answer");
        assertFalse(r.body().contains("1212-1212"), what + ": no personnummer in the answer");
        assertFalse(r.body().contains(STAFF_HSA_ID), what + ": nothing of the token in the answer");
        assertFalse(r.headers().firstValue("ETag").isPresent(), what + ": no ETag");
        assertFalse(r.headers().firstValue("Location").isPresent(), what + ": no Location");
    }

    @Test
    default void every_route_and_an_unknown_path_need_a_token() {
        List<Route> routes = Stream.concat(
                        routes().stream(), Stream.of(new Route("GET", "/no-such-path"), new Route("GET", "/")))
                .toList();
        assertTrue(routes.size() > 3, "the service's routes: " + routes);
        for (Route route : routes) {
            String what = route.method() + " " + route.path();
            HttpResponse<String> r = call(route.method(), route.path(), null, null);
            if (route.method().equals("HEAD")) {
                assertEquals(401, r.statusCode(), what);
                assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent(), what);
                continue;
            }
            assertRefused(r, 401, "AUTH-001", what);
            assertFalse(r.headers().firstValue("WWW-Authenticate").get().contains("error="), what + ": no error");
        }
    }

    @Test
    default void a_service_token_is_accepted_and_health_and_openapi_are_open() {
        HttpResponse<String> read = call("GET", aRead(), null, TestIdentity.serviceAuthorization());
        HttpResponse<String> asGateway = call(
                "GET",
                aRead(),
                null,
                "Bearer " + TestIdentity.mint().mintService(TestIdentity.GATEWAY_CLIENT, Duration.ofMinutes(5)));
        HttpResponse<String> health = call("GET", "/health", null, null);

        assertEquals(200, read.statusCode(), read.body());
        assertEquals(200, asGateway.statusCode(), asGateway.body());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());
        Optional<String> openApi = openApiDocument();
        assertTrue(openApi.isPresent(), "an OpenAPI document in target/classes/META-INF/swagger");
        HttpResponse<String> document = call("GET", openApi.get(), null, null);
        assertEquals(200, document.statusCode(), openApi.get());
        assertTrue(document.body().contains("openapi"), document.body());
        // Metrics are open like health (counts and timings, no patient data), for reading only.
        HttpResponse<String> metrics = call("GET", "/prometheus", null, null);
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "a Prometheus scrape");
        assertEquals(401, call("POST", "/prometheus", "{}", null).statusCode(), "POST /prometheus needs a token");
    }

    @Test
    default void fhir_tokens_of_citizens_staff_systems_and_analysts_are_refused_and_write_nothing() {
        TokenMint mint = TestIdentity.mint();
        Duration ttl = Duration.ofMinutes(5);
        String before = footprint();
        for (Map.Entry<String, Map<String, Object>> person : people().entrySet()) {
            String what = person.getKey();
            String fhirToken = "Bearer " + mint.mint(TokenMint.FHIR_AUDIENCE, ttl, person.getValue());
            // As a FHIR client would send it (the gateway's audience): not a token for this API at all.
            assertRefused(call("GET", aRead(), null, fhirToken), 401, "AUTH-002", what + " FHIR token, read");
            assertRefused(
                    call(aWrite().method(), aWrite().path(), aWriteBody(), fhirToken),
                    401,
                    "AUTH-002",
                    what + " FHIR token, write");
            // Even if the identity provider issued it for the services' audience: a person is not a service.
            Map<String, Object> claims = new HashMap<>(person.getValue());
            claims.put("client_id", TestIdentity.GATEWAY_CLIENT);
            claims.put("scope", claims.get("scope") + " service");
            String misissued = "Bearer " + mint.mint(TokenMint.SERVICE_AUDIENCE, ttl, claims);
            assertRefused(call("GET", aRead(), null, misissued), 403, "AUTH-003", what + " token for the services");
            assertRefused(
                    call(aWrite().method(), aWrite().path(), aWriteBody(), misissued),
                    403,
                    "AUTH-003",
                    what + " token for the services, write");
        }
        assertEquals(before, footprint(), "nothing written");
    }

    @Test
    default void token_faults_are_refused() {
        TokenMint mint = TestIdentity.mint();
        Duration ttl = Duration.ofMinutes(5);
        Instant now = Instant.now();
        String gateway = TestIdentity.GATEWAY_CLIENT;
        Map<String, Map.Entry<String, String>> faults = new java.util.LinkedHashMap<>();
        faults.put("Basic credentials", Map.entry("Basic Zm9vOmJhcg==", "AUTH-001"));
        faults.put("empty bearer", Map.entry("Bearer ", "AUTH-001"));
        faults.put("malformed", Map.entry("Bearer not.a.jwt", "AUTH-002"));
        faults.put(
                "forged (another key)",
                Map.entry(
                        "Bearer " + mint.forge(TokenMint.SERVICE_AUDIENCE, ttl, TokenMint.serviceClaims(gateway)),
                        "AUTH-002"));
        faults.put(
                "expired",
                Map.entry(
                        "Bearer "
                                + mint.mint(
                                        TokenMint.SERVICE_AUDIENCE,
                                        now.minusSeconds(3600),
                                        now.minusSeconds(300),
                                        TokenMint.serviceClaims(gateway)),
                        "AUTH-002"));
        faults.put(
                "not yet valid",
                Map.entry(
                        "Bearer "
                                + mint.mint(
                                        TokenMint.SERVICE_AUDIENCE,
                                        now.plusSeconds(600),
                                        now.plusSeconds(1200),
                                        TokenMint.serviceClaims(gateway)),
                        "AUTH-002"));
        faults.put(
                "another issuer",
                Map.entry(
                        "Bearer "
                                + mint.mintAs(
                                        "https://idp.example",
                                        TokenMint.SERVICE_AUDIENCE,
                                        ttl,
                                        TokenMint.serviceClaims(gateway)),
                        "AUTH-002"));
        faults.put(
                "the FHIR audience",
                Map.entry(
                        "Bearer " + mint.mint(TokenMint.FHIR_AUDIENCE, ttl, TokenMint.serviceClaims(gateway)),
                        "AUTH-002"));
        faults.put(
                "no client_id",
                Map.entry(
                        "Bearer " + mint.mint(TokenMint.SERVICE_AUDIENCE, ttl, Map.of("sub", "x", "scope", "service")),
                        "AUTH-002"));
        faults.put(
                "no service scope",
                Map.entry(
                        "Bearer "
                                + mint.mint(
                                        TokenMint.SERVICE_AUDIENCE,
                                        ttl,
                                        Map.of("sub", gateway, "client_id", gateway, "scope", "openid")),
                        "AUTH-003"));
        faults.put(
                "a client this service does not accept",
                Map.entry("Bearer " + mint.mintService("some-other-service", ttl), "AUTH-004"));
        for (Map.Entry<String, Map.Entry<String, String>> f : faults.entrySet()) {
            String code = f.getValue().getValue();
            int status = code.equals("AUTH-001") || code.equals("AUTH-002") ? 401 : 403;
            assertRefused(call("GET", aRead(), null, f.getValue().getKey()), status, code, f.getKey());
        }
    }

    /** A citizen, a region nurse, a municipal system and an analyst, as the gateway's tokens name them. */
    private static Map<String, Map<String, Object>> people() {
        Map<String, Map<String, Object>> people = new java.util.LinkedHashMap<>();
        people.put("citizen", Map.of("sub", "tolvan", "scope", "patient/*.rs", "personnummer", PERSONNUMMER));
        people.put(
                "staff",
                Map.of(
                        "sub", "nurse",
                        "scope", "user/*.cruds",
                        "hsa_id", STAFF_HSA_ID,
                        "care_unit", "SE2321000057-VC01",
                        "org_type", "region",
                        "purpose_of_use", "TREAT"));
        people.put(
                "municipal system",
                Map.of(
                        "sub", "treserva",
                        "scope", "system/*.cruds",
                        "hsa_id", "SE2120000530-SYS1",
                        "org_type", "kommun",
                        "kommun", "0680"));
        people.put(
                "analyst",
                Map.of(
                        "sub", "analyst",
                        "scope", "user/MeasureReport.rs",
                        "hsa_id", "SE2321000057-A001",
                        "care_unit", "SE2321000057-ANA1",
                        "org_type", "region",
                        "roles", List.of("analyst")));
        return people;
    }

    /** {@code /openapi/<file>} of the document micronaut-openapi generated into this module's classes. */
    private static Optional<String> openApiDocument() {
        Path swagger = Path.of("target/classes/META-INF/swagger");
        if (!Files.isDirectory(swagger)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(swagger)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json"))
                    .sorted()
                    .findFirst()
                    .map(n -> "/openapi/" + n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
