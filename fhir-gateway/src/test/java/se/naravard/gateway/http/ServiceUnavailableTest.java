package se.naravard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * A service that answers 503 (its database is down: {@code REQUEST-503} with {@code Retry-After},
 * docs/operations.md "While the database is down") is a 503 {@code GATEWAY-020} at the FHIR API with
 * the {@code Retry-After} passed on, for reads and commands alike; not the 502 of a service's failure.
 * Against a real HTTP peer on loopback answering as the services do.
 */
class ServiceUnavailableTest {

    private static final String DATABASE_DOWN =
            """
            {"type":"urn:naravard:problem:request-503","title":"Service Unavailable","status":503,
             "detail":"The service's database is unavailable, so the request was not carried out and nothing was stored. Try again in a few seconds.",
             "instance":"/contracts","code":"REQUEST-503","errors":[]}""";

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(503);
    private final AtomicReference<String> retryAfter = new AtomicReference<>("5");
    private ServiceClient client;

    @BeforeEach
    void peer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        client = new ServiceClient(
                "contract-service",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                () -> "Bearer a-service-token");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = DATABASE_DOWN.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        if (retryAfter.get() != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter.get());
        }
        exchange.sendResponseHeaders(status.get(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void a_read_answered_503_is_503_gateway_020_with_retry_after() {
        BaseServerResponseException e = catchThrowableOfType(
                () -> client.get("/contracts/8b1f6f0e-1d7a-4c55-9d2e-0c8f3f6b2a11", JsonNode.class),
                BaseServerResponseException.class);

        assertUnavailable(e);
        assertThat(e.getResponseHeaders()).containsEntry("Retry-After", List.of("5"));
    }

    @Test
    void a_command_answered_503_is_503_too_whatever_its_own_refusal_would_make_of_a_5xx() {
        ServiceClient.Refusal commandRefusal = (s, body) -> FhirErrors.withStatus(
                502,
                new FhirErrors.Issue(
                        OperationOutcome.IssueType.EXCEPTION, FhirErrors.SERVICE_ANSWER, "refused", List.of(), null));

        BaseServerResponseException e = catchThrowableOfType(
                () -> client.post("/contracts", Map.of("patient", "x"), JsonNode.class, commandRefusal),
                BaseServerResponseException.class);

        assertUnavailable(e);
        assertThat(e.getResponseHeaders()).containsEntry("Retry-After", List.of("5"));
    }

    @Test
    void a_retry_after_that_is_not_delay_seconds_is_not_passed_on_and_none_is_none() {
        retryAfter.set("soon");
        BaseServerResponseException e = catchThrowableOfType(
                () -> client.get("/contracts/x", JsonNode.class), BaseServerResponseException.class);
        assertUnavailable(e);
        assertThat(e.getResponseHeaders()).doesNotContainKey("Retry-After");

        retryAfter.set(null);
        e = catchThrowableOfType(() -> client.get("/contracts/x", JsonNode.class), BaseServerResponseException.class);
        assertUnavailable(e);
        assertThat(e.getResponseHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void a_service_failure_500_stays_a_502_without_retry_after() {
        status.set(500);

        BaseServerResponseException e = catchThrowableOfType(
                () -> client.get("/contracts/x", JsonNode.class), BaseServerResponseException.class);

        assertThat(e.getStatusCode()).isEqualTo(502);
        assertThat(e.getResponseHeaders()).doesNotContainKey("Retry-After");
    }

    private static void assertUnavailable(BaseServerResponseException e) {
        assertThat(e).isNotNull();
        assertThat(e.getStatusCode()).isEqualTo(503);
        OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = oo.getIssueFirstRep();
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("GATEWAY-020");
        assertThat(issue.getDiagnostics()).contains("contract-service").contains("try again");
    }
}
