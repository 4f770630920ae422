package se.naravard.contract.web;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.InternalApiFuzzer;
import se.naravard.infra.InternalApiFuzzer.Call;

/**
 * Fuzzes contract-service's internal API with Jazzer (docs/fuzzing.md): every route, its path
 * variables, query parameters, {@code If-Match} and JSON bodies, over real HTTP against the service in
 * this JVM on its own database. Never a 5xx; every rejection a 4xx problem+json with a detail.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractApiFuzzIT extends ContractServiceHarness {

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
    void aStoredContract() throws IOException {
        HttpResponse<String> created = post("/contracts", ContractJson.create(ContractJson.TOLVAN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        fuzzer = new InternalApiFuzzer(
                InternalApiFuzzer.routes(router),
                Map.of(
                        "id",
                        List.of(id),
                        "part",
                        List.of("nasta-steg", "fast-vardkontakt", "fast-lakarkontakt", "sammanhallen-planering"),
                        "version",
                        List.of("1", "2")),
                List.of(
                        ContractJson.create(ContractJson.TOLVAN),
                        ContractJson.putPart(ContractJson.nextSteps()),
                        ContractJson.putPart(ContractJson.vardkontakt()),
                        ContractJson.putPart(ContractJson.lakarkontakt()),
                        ContractJson.putPart(ContractJson.planning()),
                        ContractJson.status("active", "Överens"),
                        "{\"actor\":" + ContractJson.actor() + ",\"comment\":\"Granskad\"}",
                        "{\"patient\":\"" + ContractJson.TOLVAN + "\",\"limit\":10}"),
                List.of("patientKey", "ownerUnit", "status", "limit", "offset"));
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
