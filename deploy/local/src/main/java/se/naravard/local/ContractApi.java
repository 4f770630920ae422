package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few calls of contract-service's REST API that the demo data and the banner need. */
final class ContractApi {

    /** A contract as the API returned it; never holds the patient. */
    record Contract(String id, int version, String status, String kommun) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ContractApi(URI base) {
        this.base = base;
    }

    /** {@code GET /contracts?limit=n}: the most recently changed contracts. */
    List<Contract> list(int limit) {
        JsonNode page = send(request("/contracts?limit=" + limit).GET(), 200);
        List<Contract> out = new ArrayList<>();
        page.path("contracts").forEach(c -> out.add(contract(c)));
        return out;
    }

    Contract create(String body) {
        return contract(send(json("/contracts", body).POST(HttpRequest.BodyPublishers.ofString(body)), 201));
    }

    Contract putPart(Contract c, String slug, String body) {
        return contract(send(
                ifMatch(json("/contracts/" + c.id() + "/parts/" + slug, body), c)
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                200));
    }

    Contract changeStatus(Contract c, String body) {
        return contract(send(
                ifMatch(json("/contracts/" + c.id() + "/status", body), c)
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                200));
    }

    /** Records a granskning; returns whether every check passed. */
    boolean review(Contract c, String body) {
        JsonNode review = send(
                json("/contracts/" + c.id() + "/reviews", body).POST(HttpRequest.BodyPublishers.ofString(body)), 201);
        return review.path("passed").asBoolean();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json");
    }

    private HttpRequest.Builder json(String path, String body) {
        return request(path).header("Content-Type", "application/json");
    }

    private static HttpRequest.Builder ifMatch(HttpRequest.Builder builder, Contract c) {
        return builder.header("If-Match", "\"" + c.version() + "\"");
    }

    private JsonNode send(HttpRequest.Builder builder, int expectedStatus) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new StartupException(
                        request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                                + " instead of " + expectedStatus + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StartupException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static Contract contract(JsonNode c) {
        return new Contract(
                c.path("id").asText(),
                c.path("version").asInt(),
                c.path("status").path("code").asText(),
                c.path("kommun").asText());
    }
}
