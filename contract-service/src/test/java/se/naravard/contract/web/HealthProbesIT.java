package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The paths deploy/k8s probes and deploy/compose's healthchecks call: liveness is the process alone,
 * readiness includes the database (docs/operations.md "Health").
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthProbesIT extends ContractServiceHarness {

    @Inject
    EmbeddedServer server;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Test
    void liveness_and_readiness_answer_up_and_readiness_includes_the_database() {
        HttpResponse<String> liveness = get("/health/liveness");
        HttpResponse<String> readiness = get("/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"UP\"").doesNotContain("jdbc");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"").contains("jdbc");
    }
}
