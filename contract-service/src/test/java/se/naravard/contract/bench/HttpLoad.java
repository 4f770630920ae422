package se.naravard.contract.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import se.naravard.contract.web.ContractJson;

/** C client threads sharing one HTTP/1.1 client; each takes the next task index until all are done. */
final class HttpLoad implements AutoCloseable {

    /** The test personnummer the ITs use (DOMAIN.md §6: test people only). */
    static final List<String> PATIENTS =
            List.of("19121212-1212", "19571230-2842", "19810107-9294", "19900602-2397", "20000102-2391");

    private final HttpClient http;
    private final URI base;
    private final int clients;
    private final String[] bodies;
    /** Lives as long as the HttpLoad, so that snapshots still see the client threads' CPU time. */
    private final ExecutorService threads;

    HttpLoad(URI base, int clients) {
        this.base = base;
        this.clients = clients;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.bodies = PATIENTS.stream().map(ContractJson::create).toArray(String[]::new);
        AtomicInteger threadNo = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "bench-client-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    interface Task {
        void run(int i) throws Exception;
    }

    /** Runs tasks 0..total-1 on the client threads; returns the wall time in nanoseconds. */
    long run(int total, Task task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.execute(() -> {
                try {
                    runTasks(next, total, task);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return System.nanoTime() - t0;
    }

    private static void runTasks(AtomicInteger next, int total, Task task) {
        int i;
        while ((i = next.getAndIncrement()) < total) {
            try {
                task.run(i);
            } catch (Exception e) {
                System.out.println("  client error: " + e);
            }
        }
    }

    /**
     * POST /contracts; returns the new id, or null when it failed. With {@code sentAt}, notes when the
     * request was about to be sent, under the new id.
     */
    String create(int i, LatencyRecorder r, Map<String, Long> sentAt) {
        long sent = System.nanoTime();
        HttpResponse<String> resp = send(r, post("/contracts", bodies[i % bodies.length]), 201);
        if (resp == null) {
            return null;
        }
        String location = resp.headers().firstValue("Location").orElse("");
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (sentAt != null) {
            sentAt.put(id, sent);
        }
        return id;
    }

    /** POST /contracts/{id}/status with If-Match on the given version; true when it answered 200. */
    boolean changeStatus(LatencyRecorder r, String id, String statusBody, int version) {
        HttpRequest.Builder b =
                post("/contracts/" + id + "/status", statusBody).header("If-Match", "\"" + version + "\"");
        return send(r, b, 200) != null;
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method("POST", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", se.naravard.infra.TestIdentity.serviceAuthorization());
    }

    /** One request, timed; returns the response when its status is the expected one, else null. */
    private HttpResponse<String> send(LatencyRecorder r, HttpRequest.Builder b, int expected) {
        HttpRequest request = b.build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
            r.record(System.nanoTime() - t0, resp.statusCode(), resp.statusCode() == expected ? null : resp.body());
            return resp.statusCode() == expected ? resp : null;
        } catch (Exception e) {
            r.record(System.nanoTime() - t0, -1, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before JDK 21; its threads are daemons.
        threads.shutdown();
    }
}
