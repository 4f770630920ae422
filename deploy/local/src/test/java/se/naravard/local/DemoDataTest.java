package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo requests against a stub of contract-service: well-formed JSON, test patients only, and
 * nothing loaded when contracts exist. The real service's validation is exercised by run.sh.
 */
class DemoDataTest {

    private static final Set<String> TEST_PATIENTS = Set.of(
            "19121212-1212", "19900602-2397", "19571230-2842", "20000102-2391", "19810107-9294", "19701063-2391");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> requests = new ArrayList<>();
    private final List<JsonNode> bodies = new ArrayList<>();
    private final AtomicInteger version = new AtomicInteger();
    private HttpServer stub;
    private String existing = "";

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", this::answer);
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    @Test
    void loadsSixContractsWithWellFormedBodiesAndTestPatientsOnly() {
        DemoData.Result result = new DemoData(api(), LocalDate.of(2026, 3, 2)).loadIfEmpty();

        assertThat(result.loadedNow()).isTrue();
        assertThat(result.entries()).hasSize(6);
        assertThat(result.exampleId()).isNotNull();
        assertThat(requests).filteredOn(r -> r.equals("POST /contracts")).hasSize(6);
        assertThat(requests).anyMatch(r -> r.endsWith("/reviews")).anyMatch(r -> r.startsWith("PUT "));
        assertThat(bodies).allSatisfy(b -> assertThat(b.isObject()).isTrue());
        List<String> patients = bodies.stream()
                .filter(b -> b.has("patient"))
                .map(b -> b.get("patient").asText())
                .toList();
        assertThat(patients).hasSize(6).allMatch(TEST_PATIENTS::contains);
        assertThat(result.entries()).allSatisfy(e -> assertThat(e.story()).doesNotContainPattern("\\d{6}"));
        assertThat(bodies.toString()).contains("\"status\":\"revoked\"", "\"status\":\"completed\"");
    }

    @Test
    void loadsNothingWhenThereAreContracts() {
        existing = "{\"id\":\"" + UUID.randomUUID()
                + "\",\"version\":4,\"kommun\":\"0680\",\"status\":{\"code\":\"active\"}}";

        DemoData.Result result = new DemoData(api()).loadIfEmpty();

        assertThat(result.loadedNow()).isFalse();
        assertThat(result.entries()).hasSize(1);
        assertThat(requests).allMatch(r -> r.startsWith("GET "));
    }

    private ContractApi api() {
        return new ContractApi(
                URI.create("http://localhost:" + stub.getAddress().getPort()));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        synchronized (requests) {
            requests.add(method + " " + path);
        }
        byte[] in = exchange.getRequestBody().readAllBytes();
        if (in.length > 0) {
            synchronized (bodies) {
                bodies.add(JSON.readTree(in)); // throws, and fails the request, on malformed JSON
            }
        }
        int status;
        String body;
        if (method.equals("GET")) {
            status = 200;
            body = "{\"contracts\":[" + existing + "],\"offset\":0}";
        } else if (path.endsWith("/reviews")) {
            status = 201;
            body = "{\"passed\":false}";
        } else {
            status = method.equals("POST") && path.equals("/contracts") ? 201 : 200;
            String id = path.equals("/contracts") ? UUID.randomUUID().toString() : path.split("/")[2];
            body = "{\"id\":\"" + id + "\",\"version\":" + version.incrementAndGet()
                    + ",\"kommun\":\"0680\",\"status\":{\"code\":\"active\"}}";
        }
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }
}
