package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a service's REST API in the demo tests: records every request (method, path, query,
 * If-Match, body parsed as JSON, so malformed JSON fails the request, and Authorization) and answers what the test's
 * {@link Responder} says.
 */
final class StubApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param body null for a request without a body
     * @param authorization the {@code Authorization} header, or null
     */
    record Request(String method, String path, String query, String ifMatch, JsonNode body, String authorization) {

        /** The path's segment {@code i} ({@code /episodes/<id>/messages}: 1 is the id). */
        String segment(int i) {
            String[] parts = path.substring(1).split("/");
            return i < parts.length ? parts[i] : "";
        }

        String text(String field) {
            return body == null ? null : body.path(field).asText(null);
        }
    }

    record Answer(int status, String body) {

        static Answer of(int status, String body) {
            return new Answer(status, body);
        }
    }

    interface Responder {
        Answer answer(Request request);
    }

    private final HttpServer server;
    private final Responder responder;
    private final List<Request> requests = new ArrayList<>();

    private StubApi(Responder responder) throws IOException {
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static StubApi start(Responder responder) {
        try {
            return new StubApi(responder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI base() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("If-Match"),
                in.length == 0 ? null : JSON.readTree(in),
                exchange.getRequestHeaders().getFirst("Authorization"));
        synchronized (requests) {
            requests.add(request);
        }
        Answer answer = responder.answer(request);
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }
}
