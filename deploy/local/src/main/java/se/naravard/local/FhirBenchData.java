package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads the FHIR benchmark's data set (../shared/bench/README.md: 1,000 patients, five CarePlans
 * each) through the running gateway, one transaction Bundle per contract ({@code
 * deploy/local/bench/contract-bundle.json} with {@code {{PATIENT}}} replaced by a personnummer),
 * and writes the files the wrk workloads read: {@code careplan-ids.txt}, {@code patient-ids.txt}
 * (pseudonymous Patient ids) and {@code personnummer.txt} (for the create workload).
 *
 * <p>Usage: {@code FhirBenchData FHIR_BASE BUNDLE_TEMPLATE OUT_DIR [PATIENTS] [PLANS_EACH]}.
 */
public final class FhirBenchData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 8;

    private FhirBenchData() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FhirBenchData FHIR_BASE BUNDLE_TEMPLATE OUT_DIR [PATIENTS] [PLANS_EACH]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String template = Files.readString(Path.of(args[1]));
        Path out = Files.createDirectories(Path.of(args[2]));
        int patients = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int plansEach = args.length > 4 ? Integer.parseInt(args[4]) : 5;

        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            numbers.add(personnummer(i));
        }
        List<String> planIds = Collections.synchronizedList(new ArrayList<>());
        List<String> patientKeys = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String pnr : numbers) {
                work.add(pool.submit(() -> {
                    String key = null;
                    for (int j = 0; j < plansEach; j++) {
                        JsonNode plan = post(http, base, template.replace("{{PATIENT}}", pnr));
                        planIds.add(plan.path("id").asText());
                        key = plan.path("subject").path("reference").asText().replace("Patient/", "");
                    }
                    patientKeys.add(key);
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("loading failed: " + e.getCause().getMessage());
            System.exit(1);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.write(out.resolve("careplan-ids.txt"), planIds, StandardCharsets.UTF_8);
        Files.write(out.resolve("patient-ids.txt"), patientKeys, StandardCharsets.UTF_8);
        Files.write(out.resolve("personnummer.txt"), numbers, StandardCharsets.UTF_8);
        int bundles = planIds.size();
        System.out.printf(
                Locale.ROOT,
                "loaded %d contracts (%d transaction Bundles, %d resources) for %d patients in %.1f s:"
                        + " %.0f Bundles/s, %.0f resources/s%n",
                bundles,
                bundles,
                bundles * 2,
                patients,
                seconds,
                bundles / seconds,
                bundles * 2 / seconds);
    }

    /** The CarePlan of the transaction response (the first entry). */
    private static JsonNode post(HttpClient http, URI base, String bundle) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(bundle));
        String token = System.getenv("WRK_TOKEN");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // A busy machine may time a service out (504) or find it momentarily unavailable (503): try
            // again a few times. A retried contract may exist twice; the data set only needs enough.
            for (int retry = 0; retry < 3 && (response.statusCode() == 503 || response.statusCode() == 504); retry++) {
                System.err.println("retrying after HTTP " + response.statusCode());
                Thread.sleep(1000L << retry);
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "transaction refused: HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("entry").path(0).path("resource");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fictional personnummer (born on one of 1,000 days from 1940-01-01, serial 9xx) with its Luhn
     * check digit; the data set only needs 1,000 distinct valid numbers.
     */
    static String personnummer(int i) {
        LocalDate born = LocalDate.of(1940, 1, 1).plusDays(i % 20_000);
        String payload = born.format(DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT))
                + String.format(Locale.ROOT, "9%02d", (i / 20_000) % 100);
        return born.format(DateTimeFormatter.ofPattern("yyyy", Locale.ROOT)) + payload.substring(2) + luhn(payload);
    }

    private static int luhn(String payload) {
        int sum = 0;
        for (int i = payload.length() - 1, weight = 2; i >= 0; i--, weight = 3 - weight) {
            int product = (payload.charAt(i) - '0') * weight;
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - sum % 10) % 10;
    }
}
