package se.naravard.platform.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * A container health check for images without a shell or curl (the distroless base of our images):
 *
 * <pre>java -cp '/app/libs/*' se.naravard.platform.runtime.HealthCheck http://localhost:8081/health/readiness</pre>
 *
 * <p>exits 0 when the URL answers 200 within two seconds, 1 otherwise. deploy/compose uses it;
 * Kubernetes probes call the health endpoints themselves. Plain {@code java.base}, so the JVM it
 * starts loads almost nothing.
 */
public final class HealthCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HealthCheck() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthCheck <url>");
            System.exit(2);
        }
        System.exit(healthy(URI.create(args[0]), TIMEOUT) ? 0 : 1);
    }

    /** Whether {@code url} answers 200 within {@code timeout} (to connect, and again to answer). */
    static boolean healthy(URI url, Duration timeout) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            try {
                int status = connection.getResponseCode();
                if (status != HttpURLConnection.HTTP_OK) {
                    System.err.println(url + " answered " + status);
                    return false;
                }
                try (InputStream body = connection.getInputStream()) {
                    body.transferTo(System.out);
                }
                return true;
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(url + ": " + e);
            return false;
        }
    }
}
