package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.naravard.infra.TokenMint;

/**
 * No personnummer in the application logs (issue 7; GDPR art. 9, PDL): the logs of the gateway and of
 * the three services, as this JVM prints them ({@link LogWatch}), hold no test person's number after
 * the requests most likely to leak one: searches by personnummer, an invalid number, a citizen's
 * token, refusals, a contract created for a new person through a transaction Bundle, and everything
 * the other ITs of this JVM did before.
 */
class NoPersonnummerInLogsIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PNR = "http://electronichealth.se/identifier/personnummer%7C";

    @Test
    void the_watch_sees_every_form_of_a_number() {
        assertThat(LogWatch.holdsNumber("patient 191212121212 read")).isTrue();
        assertThat(LogWatch.holdsNumber("patient 19121212-1212 read")).isTrue();
        assertThat(LogWatch.holdsNumber("patient 121212-1212 read")).isTrue();
        assertThat(LogWatch.holdsNumber("patient ed43f54be13e7994c7c9e39db9294740 read"))
                .isFalse();
    }

    @Test
    void requests_that_carry_personnummer_leave_none_in_the_logs() throws Exception {
        String system = TestTokens.journalSystem();
        String tolvan =
                TestTokens.token(Map.of("sub", "tolvan", "scope", "patient/*.rs", "personnummer", "191212121212"));

        get("/CarePlan?patient.identifier=" + PNR + "191212121212", system);
        get("/Patient?identifier=" + PNR + "191212121212", system);
        get("/CarePlan?patient.identifier=" + PNR + "191212121213", system); // invalid check digit: 400
        get("/CarePlan?patient.identifier=" + PNR + "194601072376", system); // no relation: 403
        get("/CarePlan?patient.identifier=" + PNR + "191212121212", tolvan);
        get("/CarePlan?patient.identifier=" + PNR + "199006022397", tolvan); // someone else's: 403
        get("/AuditEvent?patient.identifier=" + PNR + "191212121212", tolvan);
        Instant now = Instant.now();
        String expired = TestTokens.MINT.mint(
                TokenMint.FHIR_AUDIENCE,
                now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)),
                new java.util.HashMap<>(
                        Map.of("sub", "tolvan", "scope", "patient/*.rs", "personnummer", "191212121212")));
        get("/CarePlan?patient.identifier=" + PNR + "191212121212", expired); // 401
        String bundle = java.nio.file.Files.readString(
                        ServiceModuleProcess.repositoryRoot().resolve("deploy/local/bench/contract-bundle.json"))
                .replace("{{PATIENT}}", "198101079294"); // a new person for this stack
        HttpResponse<String> created = send("POST", "", bundle, system);
        assertThat(created.statusCode()).as(created.body()).isLessThan(500);

        // Each service's lines come through in order: a refusal it logs after these requests (a call
        // without a service token) tells that their lines have been checked too.
        Map<String, ServiceModuleProcess> services = Map.of(
                "[contract]", STACK.contractService,
                "[transition]", STACK.transitionService,
                "[sip]", STACK.sipService);
        for (Map.Entry<String, ServiceModuleProcess> service : services.entrySet()) {
            String prefix = service.getKey();
            LogWatch.watch(prefix, prefix, "refused a GET request");
            int before = LogWatch.count(prefix);
            HttpResponse<String> refused = HTTP.send(
                    HttpRequest.newBuilder(service.getValue().baseUri().resolve("/health-of-nothing"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(prefix).isEqualTo(401);
            await().atMost(Duration.ofSeconds(10)).until(() -> LogWatch.count(prefix) > before);
        }
        assertThat(LogWatch.sightings())
                .as("log lines holding a personnummer (masked)")
                .isEmpty();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, null, token);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/fhir+json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
