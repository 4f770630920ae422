package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.naravard.infra.TestIdentity;

/**
 * The gateway calls the services' internal APIs with its own service credentials (the token in {@code
 * SERVICE_TOKEN_FILE}), never with the FHIR client's token, which those APIs refuse; credentials a
 * service refuses are a 502, and a renewed token in the file is used within seconds.
 */
class ServiceCredentialsIT {

    private static final GatewayStack STACK = GatewayStack.get();

    @TempDir
    Path dir;

    @Test
    void the_gateway_reads_with_its_service_token_and_the_clients_fhir_token_does_not_open_an_internal_api() {
        String id = STACK.contracts.ids.get("draft");

        CarePlan plan =
                STACK.client().read().resource(CarePlan.class).withId(id).execute();
        HttpResponse<String> direct = STACK.contractService.send(
                "GET", "/contracts/" + id, null, "Authorization", "Bearer " + TestTokens.journalSystem());

        assertThat(plan.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(direct.body()).contains("AUTH-002").doesNotContain(id).doesNotContain("19900602");
    }

    @Test
    void refused_credentials_are_a_502_and_a_renewed_token_is_used_within_seconds() throws IOException {
        String id = STACK.contracts.ids.get("draft");
        Path file = dir.resolve("service-token.jwt");
        Files.writeString(file, TestIdentity.mint().mintService("a-client-no-service-accepts", Duration.ofHours(1)));
        try (GatewayInstance gateway = GatewayInstance.startWith(
                STACK.contractService.baseUri(),
                STACK.transitionService.baseUri(),
                STACK.sipService.baseUri(),
                Map.of("naravard.service-token.file", file.toString()))) {
            var fhir = GatewayStack.client(gateway.fhirBase());

            assertThatThrownBy(() ->
                            fhir.read().resource(CarePlan.class).withId(id).execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(502);
                        assertThat(e.getMessage()).contains("refused the gateway's service credentials");
                    });

            Files.writeString(file, TestIdentity.mint().mintService(TestIdentity.GATEWAY_CLIENT, Duration.ofHours(1)));
            // The renewed token is used within 10 s; until then every read is the 502 of the old one.
            CarePlan plan = await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                try {
                                    return fhir.read()
                                            .resource(CarePlan.class)
                                            .withId(id)
                                            .execute();
                                } catch (BaseServerResponseException e) {
                                    assertThat(e.getStatusCode()).isEqualTo(502);
                                    return null;
                                }
                            },
                            java.util.Objects::nonNull);
            assertThat(plan.getIdElement().getIdPart()).isEqualTo(id);
        }
    }

    @Test
    void the_gateway_does_not_start_without_its_service_token() {
        assertThatThrownBy(() -> GatewayInstance.startWith(
                                GatewayInstance.nowhere(),
                                GatewayInstance.nowhere(),
                                GatewayInstance.nowhere(),
                                Map.of("naravard.service-token.file", ""))
                        .close())
                .hasStackTraceContaining("SERVICE_TOKEN_FILE");
        assertThatThrownBy(() -> GatewayInstance.startWith(
                                GatewayInstance.nowhere(),
                                GatewayInstance.nowhere(),
                                GatewayInstance.nowhere(),
                                Map.of(
                                        "naravard.service-token.file",
                                        dir.resolve("missing.jwt").toString()))
                        .close())
                .hasStackTraceContaining("cannot read a service token");
    }
}
