package se.naravard.gateway.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;

/**
 * A municipal system's rest-hook endpoint on loopback (the JDK's HTTP server): records every POST per
 * path, and answers as told per path: 200, 503 (down), or holding the request until released.
 */
final class SubscriptionReceiver implements AutoCloseable {

    enum Mode {
        UP,
        DOWN,
        HOLD
    }

    /** One request as received, and what it was answered. */
    record Received(String path, Map<String, List<String>> headers, String body, int status) {
        Bundle bundle() {
            return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, body);
        }

        Parameters statusParameters() {
            return (Parameters) bundle().getEntryFirstRep().getResource();
        }

        String type() {
            return statusParameters().getParameter("type").getValue().primitiveValue();
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch holding = new CountDownLatch(1);

    SubscriptionReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void mode(String path, Mode mode) {
        if (mode == Mode.HOLD) {
            held = new CountDownLatch(1);
            holding = new CountDownLatch(1);
        }
        modes.put(path, mode);
    }

    /** Waits until a request is held. */
    boolean awaitHolding() throws InterruptedException {
        return holding.await(30, TimeUnit.SECONDS);
    }

    void release() {
        held.countDown();
    }

    synchronized List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The event notifications answered 2xx at {@code path}. */
    List<Received> deliveredAt(String path) {
        return at(path).stream()
                .filter(r -> r.status() == 200 && "event-notification".equals(r.type()))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        Mode mode = modes.getOrDefault(path, Mode.UP);
        int status = mode == Mode.DOWN ? 503 : 200;
        synchronized (this) {
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
        }
        if (mode == Mode.HOLD) {
            holding.countDown();
            try {
                held.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        held.countDown();
        server.stop(0);
    }
}
