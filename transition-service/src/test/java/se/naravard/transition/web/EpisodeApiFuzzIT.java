package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.InternalApiFuzzer;
import se.naravard.infra.InternalApiFuzzer.Call;

/**
 * Fuzzes transition-service's internal API with Jazzer (docs/fuzzing.md): episodes, messages,
 * receipts, discharge, liability and tasks, their path variables, query parameters, {@code If-Match}
 * and JSON bodies, over real HTTP against the service in this JVM on its own database. Never a 5xx;
 * every rejection a 4xx problem+json with a detail.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EpisodeApiFuzzIT extends TransitionServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Router router;

    InternalApiFuzzer fuzzer;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @BeforeAll
    void aStoredEpisode() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant admitted = now.minusSeconds(7200);
        String admit = EpisodeJson.admit(EpisodeJson.TOLVAN, admitted, admitted.plusSeconds(600), true);
        HttpResponse<String> created = post("/episodes", admit);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        UUID notice = UUID.randomUUID();
        String message = EpisodeJson.message(notice, "inskrivningsmeddelande", now.minusSeconds(600), null);
        HttpResponse<String> sent = post("/episodes/" + id + "/messages", message);
        assertThat(sent.statusCode()).as(sent.body()).isLessThan(300);
        fuzzer = new InternalApiFuzzer(
                InternalApiFuzzer.routes(router),
                Map.of(
                        "id", List.of(id, UUID.randomUUID().toString()),
                        "messageId", List.of(notice.toString()),
                        "version", List.of("1", "2"),
                        "kommun", List.of(EpisodeJson.KOMMUN),
                        "month", List.of("2026-11", "2026-13")),
                List.of(
                        admit,
                        EpisodeJson.message("utskrivningsklar", now.minusSeconds(300)),
                        message,
                        EpisodeJson.receipt(EpisodeJson.MUNICIPAL_UNIT, "ok", now.minusSeconds(60), null),
                        EpisodeJson.discharge(now.minusSeconds(30)),
                        "{\"patient\":\"" + EpisodeJson.TOLVAN + "\",\"limit\":10}"),
                List.of(
                        "patientKey",
                        "kommun",
                        "status",
                        "unit",
                        "messageId",
                        "taskId",
                        "asOf",
                        "state",
                        "kind",
                        "addressee",
                        "limit",
                        "offset"));
    }

    @FuzzTest(maxDuration = "20s")
    void internalApi(FuzzedDataProvider data) {
        InternalApiFuzzer.allowLocalConnections();
        Call call = fuzzer.next(data);
        HttpResponse<String> answer =
                send(call.method(), call.path(), call.body(), call.headers().toArray(String[]::new));
        assertThat(InternalApiFuzzer.problemWith(call, answer)).isNull();
    }
}
