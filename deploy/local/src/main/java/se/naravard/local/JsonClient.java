package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The HTTP plumbing the demo loaders share: JSON in and out against one service's internal API with a
 * service token ({@code Authorization}, asked per call), an expected status per call, and a {@link
 * StartupException} naming the request and the service's problem+json answer when it says anything
 * else.
 */
final class JsonClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final Supplier<String> authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param authorization the {@code Authorization} header of every call ({@code Bearer <service token>}) */
    JsonClient(URI base, Supplier<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) {
        return send(request(path).GET(), 200);
    }

    JsonNode post(String path, String body, int expectedStatus) {
        return send(json(path, null).POST(HttpRequest.BodyPublishers.ofString(body)), expectedStatus);
    }

    /** {@code POST} with {@code If-Match: "<version>"}. */
    JsonNode post(String path, int version, String body, int expectedStatus) {
        return send(json(path, version).POST(HttpRequest.BodyPublishers.ofString(body)), expectedStatus);
    }

    /** {@code PUT} with {@code If-Match: "<version>"}. */
    JsonNode put(String path, int version, String body, int expectedStatus) {
        return send(json(path, version).PUT(HttpRequest.BodyPublishers.ofString(body)), expectedStatus);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", authorization.get());
    }

    private HttpRequest.Builder json(String path, Integer ifMatch) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
        return ifMatch == null ? builder : builder.header("If-Match", "\"" + ifMatch + "\"");
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
}
