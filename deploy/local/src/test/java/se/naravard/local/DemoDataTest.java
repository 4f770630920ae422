package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.naravard.local.StubApi.Answer;
import se.naravard.local.StubApi.Request;

/**
 * The demo requests against a stub of contract-service: well-formed JSON, test patients only, and
 * nothing loaded when contracts exist. The real service's validation is exercised by run.sh.
 */
class DemoDataTest {

    /** What the loaders are given to send: the internal APIs accept nothing but a service token. */
    static final String SERVICE_TOKEN = "Bearer a-service-token";

    static final Set<String> TEST_PATIENTS = Set.of(
            "19121212-1212", "19900602-2397", "19571230-2842", "20000102-2391", "19810107-9294", "19701063-2391");

    private final AtomicInteger version = new AtomicInteger();
    private final StubApi stub = StubApi.start(this::answer);
    private String existing = "";

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void loadsSixContractsWithWellFormedBodiesAndTestPatientsOnly() {
        DemoData.Result result = new DemoData(api(), LocalDate.of(2026, 3, 2)).loadIfEmpty();

        assertThat(result.loadedNow()).isTrue();
        assertThat(result.entries()).hasSize(6);
        assertThat(result.exampleId()).isNotNull();
        List<String> requests =
                stub.requests().stream().map(r -> r.method() + " " + r.path()).toList();
        assertThat(requests).filteredOn(r -> r.equals("POST /contracts")).hasSize(6);
        assertThat(stub.requests())
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo(SERVICE_TOKEN));
        assertThat(requests).anyMatch(r -> r.endsWith("/reviews")).anyMatch(r -> r.startsWith("PUT "));
        List<JsonNode> bodies = stub.requests().stream()
                .map(Request::body)
                .filter(Objects::nonNull)
                .toList();
        assertThat(bodies).allSatisfy(b -> assertThat(b.isObject()).isTrue());
        List<String> patients = bodies.stream()
                .filter(b -> b.has("patient"))
                .map(b -> b.get("patient").asText())
                .toList();
        assertThat(patients).hasSize(6).allMatch(TEST_PATIENTS::contains);
        assertThat(requests).filteredOn(r -> r.equals("POST /listings")).hasSize(6);
        assertThat(bodies.stream().filter(b -> b.has("person")).map(b -> b.get("person")
                        .asText()))
                .hasSize(6)
                .allMatch(TEST_PATIENTS::contains);
        assertThat(result.entries()).allSatisfy(e -> assertThat(e.story()).doesNotContainPattern("\\d{6}"));
        assertThat(bodies.toString()).contains("\"status\":\"revoked\"", "\"status\":\"completed\"");
        assertThat(result.rows()).hasSize(6).allSatisfy(r -> assertThat(r.line())
                .contains("Jönköping (0680)"));
    }

    @Test
    void loadsNothingWhenThereAreContracts() {
        existing = "{\"id\":\"" + UUID.randomUUID()
                + "\",\"version\":4,\"kommun\":\"0680\",\"status\":{\"code\":\"active\"}}";

        DemoData.Result result = new DemoData(api()).loadIfEmpty();

        assertThat(result.loadedNow()).isFalse();
        assertThat(result.entries()).hasSize(1);
        assertThat(stub.requests()).allMatch(r -> r.method().equals("GET"));
    }

    private ContractApi api() {
        return new ContractApi(stub.base(), () -> SERVICE_TOKEN);
    }

    private Answer answer(Request r) {
        if (r.method().equals("GET")) {
            return Answer.of(200, "{\"contracts\":[" + existing + "],\"offset\":0}");
        }
        if (r.path().equals("/listings")) {
            return Answer.of(200, "{\"version\":1,\"listings\":[]}");
        }
        if (r.path().endsWith("/reviews")) {
            return Answer.of(201, "{\"passed\":false}");
        }
        boolean create = r.method().equals("POST") && r.path().equals("/contracts");
        String id = create ? UUID.randomUUID().toString() : r.segment(1);
        return Answer.of(
                create ? 201 : 200,
                "{\"id\":\"" + id + "\",\"version\":" + version.incrementAndGet()
                        + ",\"kommun\":\"0680\",\"status\":{\"code\":\"active\"}}");
    }
}
