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
    private final Supplier<String> authorization;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A client that sends no {@code Authorization} header but those a call names. */
    public HttpTestClient(Supplier<URI> base) {
        this(base, null);
    }

    /**
     * A client that sends {@code Authorization: <authorization>} on every call that names none itself,
     * e.g. {@link TestIdentity#serviceAuthorization} for a service's internal API.
     */
    public HttpTestClient(Supplier<URI> base, Supplier<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A service's internal API as a peer service calls it: with the tests' service token. */
    public static HttpTestClient withServiceToken(Supplier<URI> base) {
        return new HttpTestClient(base, TestIdentity::serviceAuthorization);
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
        boolean named = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            named |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!named && authorization != null) {
            b.header("Authorization", authorization.get());
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
