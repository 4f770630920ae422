package se.naravard.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the ITs read of a service's metrics: {@code GET /prometheus} as a scraper sends it (no token). */
public final class Prometheus {

    private Prometheus() {}

    /** The scrape's text; fails unless the endpoint answers 200. */
    public static String scrape(URI base) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/prometheus")).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(
                        "GET /prometheus without a token answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET /prometheus: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sum of a metric's samples whose labels contain every one of {@code labels}; -1 when none. */
    public static double value(String scrape, String metric, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(metric + " ") && !line.startsWith(metric + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : -1;
    }
}
