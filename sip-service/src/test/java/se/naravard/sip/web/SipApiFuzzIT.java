package se.naravard.sip.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.InternalApiFuzzer;
import se.naravard.infra.InternalApiFuzzer.Call;

/**
 * Fuzzes sip-service's internal API with Jazzer (docs/fuzzing.md): every route (SIPs and call-ins), its
 * path variables, query parameters, {@code If-Match} and JSON bodies, over real HTTP against the
 * service in this JVM on its own database. Never a 5xx; every rejection a 4xx problem+json with a
 * detail.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipApiFuzzIT extends SipServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    InternalApiFuzzer fuzzer;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @BeforeAll
    void aStoredSip() {
        HttpResponse<String> created = post("/sips", SipJson.draft(SipJson.TOLVAN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = idOf(created.body());
        fuzzer = new InternalApiFuzzer(
                InternalApiFuzzer.routes(router),
                Map.of(
                        "id", List.of(id, UUID.randomUUID().toString()),
                        "interventionId", List.of("i1"),
                        "version", List.of("1", "2")),
                List.of(
                        SipJson.draft(SipJson.TOLVAN),
                        SipJson.wholeDraft(SipJson.TOLVAN, SipJson.municipalUnit()),
                        SipJson.participant(SipJson.daughter()),
                        SipJson.participant(SipJson.regionUnit()),
                        SipJson.consent(SipJson.consentJson()),
                        SipJson.revocation(),
                        SipJson.intervention(SipJson.interventionJson()),
                        SipJson.overallResponsibility("REGION"),
                        SipJson.followUp(SipJson.followUpDate().toString(), "REGION"),
                        SipJson.status("active", null),
                        SipJson.goal("Bo kvar hemma"),
                        SipJson.meeting("m1", "2026-12-24T10:00:00Z"),
                        SipJson.held("2026-12-24T11:00:00Z", "vc"),
                        SipJson.objection(true),
                        "{\"patient\":\"" + SipJson.TOLVAN + "\",\"limit\":10}"),
                List.of("patientKey", "status", "kommun", "unit", "transitionTaskId", "limit", "offset"));
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
