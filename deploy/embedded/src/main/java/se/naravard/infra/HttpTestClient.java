package se.naravard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/**
 * Plain {@code java.net.http} calls for the services' ITs, so that a test sees exactly what a client
 * sees (status, headers, raw body). {@code base} is asked on every call: a test may restart the
 * service on another port.
 */
public final class HttpTestClient {

    private final Supplier<URI> base;
    private final HttpClient http = HttpClient.newHttpClient();

    public HttpTestClient(Supplier<URI> base) {
        this.base = base;
    }

    /** {@code headers} are name/value pairs; a body is sent as {@code application/json}. */
    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.get().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
