package se.naravard.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a service in {@link RunningServiceTest}: {@code FAKE_MODE=die} exits with 3 before
 * it is healthy, {@code healthy} answers {@code GET /health} on {@code FAKE_PORT}, {@code stubborn}
 * does too but takes a minute to shut down.
 */
public final class FakeService {

    private FakeService() {}

    public static void main(String[] args) throws IOException {
        String mode = System.getenv("FAKE_MODE");
        System.out.println("fake service starting: " + mode);
        if ("die".equals(mode)) {
            System.err.println("cannot reach the database");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("FAKE_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        if ("stubborn".equals(mode)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        System.out.println("fake service up on " + port);
    }
}
