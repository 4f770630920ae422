package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mixed load of issue 10 (docs/benchmarks.md "Mixed load"): the whole local system under reads,
 * searches, contract writes and LUS messages at once, with municipal Subscriptions delivering every
 * message to a loopback receiver, for a fixed time. Prints throughput and latency per kind of request,
 * the written → delivered latency of the notifications, every error, and each process's memory.
 *
 * <p>Closed loop: {@code workers} client threads, each sends one request, waits for its answer, and
 * picks the next kind by weight (read 55 %, search 20 %, contract create 15 %, LUS message 10 %).
 * The first {@code warmup} seconds are run but not counted. An LUS message is an admission with its
 * inskrivningsmeddelande to kommun 0680's hemtjänst for a patient of its own (so no episode is
 * admitted twice); each of the {@code subscriptions} subscriptions of kommun 0680's system selects it.
 *
 * <p>Usage: {@code MixedLoad FHIR_BASE BENCH_DIR BUNDLE_TEMPLATE [SECONDS] [WORKERS] [SUBSCRIPTIONS]
 * [WARMUP]}, where BENCH_DIR holds {@code careplan-ids.txt}, {@code patient-ids.txt} and {@code
 * personnummer.txt} from {@link FhirBenchData}. Tokens from the environment: {@code
 * NARAVARD_TOKEN_REGION_NURSE} (reads, searches, contracts), {@code NARAVARD_TOKEN_REGION_PHYSICIAN}
 * (LUS messages), {@code NARAVARD_TOKEN_MUNICIPAL_SYSTEM} (subscriptions).
 */
public final class MixedLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FHIR_JSON = "application/fhir+json";
    private static final String HSA = "http://electronichealth.se/identifier/hsaid";
    private static final String EXT = "https://naravard.se/fhir/StructureDefinition/";
    private static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    enum Kind {
        READ(55),
        SEARCH(20),
        CREATE(15),
        LUS_MESSAGE(10);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final List<String> carePlanIds;
    private final List<String> patientKeys;
    private final List<String> personnummer;
    private final String bundleTemplate;
    private final String nurse = env("NARAVARD_TOKEN_REGION_NURSE");
    private final String physician = env("NARAVARD_TOKEN_REGION_PHYSICIAN");
    private final String municipalSystem = env("NARAVARD_TOKEN_MUNICIPAL_SYSTEM");

    private final Map<Kind, ConcurrentLinkedQueue<long[]>> latencies = new EnumMap<>(Kind.class);
    private final Map<Kind, AtomicLong> errors = new EnumMap<>(Kind.class);
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorSampleCount = new AtomicInteger();
    private final AtomicInteger lusPatient = new AtomicInteger();
    private final long[] perMinute = new long[1000];
    private volatile boolean counting;
    private volatile long countingStart;

    /** Message id → when it was sent (ns), for the messages sent (and answered 201) while counting. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    /** "subscription path|message id" of every delivery received. */
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    private final AtomicLong duplicates = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> deliveryLatencies = new ConcurrentLinkedQueue<>();

    private MixedLoad(URI base, Path benchDir, String bundleTemplate) throws IOException {
        this.base = base;
        this.carePlanIds = lines(benchDir.resolve("careplan-ids.txt"));
        this.patientKeys = lines(benchDir.resolve("patient-ids.txt"));
        this.personnummer = lines(benchDir.resolve("personnummer.txt"));
        this.bundleTemplate = bundleTemplate;
        for (Kind k : Kind.values()) {
            latencies.put(k, new ConcurrentLinkedQueue<>());
            errors.put(k, new AtomicLong());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: MixedLoad FHIR_BASE BENCH_DIR BUNDLE_TEMPLATE [SECONDS] [WORKERS] [SUBSCRIPTIONS] [WARMUP]");
            System.exit(2);
        }
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 600;
        int workers = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int subscriptions = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        MixedLoad load = new MixedLoad(URI.create(args[0]), Path.of(args[1]), Files.readString(Path.of(args[2])));
        boolean clean = load.run(seconds, workers, subscriptions, warmup);
        System.exit(clean ? 0 : 1);
    }

    private boolean run(int seconds, int workers, int subscriptionCount, int warmup) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.createContext("/hook/", this::receive);
        ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
        receiver.setExecutor(receiverThreads);
        receiver.start();
        String hookBase = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/";
        List<String> subscriptionIds = new ArrayList<>();
        for (int i = 0; i < subscriptionCount; i++) {
            subscriptionIds.add(subscribe(hookBase + i));
        }
        awaitActive(subscriptionIds);
        System.out.printf(
                Locale.ROOT,
                "%d subscriptions active; %d workers for %d s (after %d s of warm-up)%n",
                subscriptionCount,
                workers,
                seconds,
                warmup);

        MemorySampler memory = new MemorySampler(stack());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        for (int w = 0; w < workers; w++) {
            pool.submit(() -> work(end));
        }
        while (System.nanoTime() < warmupEnd) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        long started = System.nanoTime();
        countingStart = started;
        counting = true;
        memory.sample();
        while (System.nanoTime() < end) {
            TimeUnit.SECONDS.sleep(10);
            memory.sample();
        }
        counting = false;
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        double measured = (System.nanoTime() - started) / 1e9;

        // Every message sent while counting must reach every subscription: wait for the backlog to drain.
        long expected = (long) sentAt.size() * subscriptionCount;
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (countedDeliveries() < expected && System.nanoTime() < drainDeadline) {
            TimeUnit.MILLISECONDS.sleep(250);
        }
        memory.sample();
        receiver.stop(0);
        receiverThreads.shutdownNow();

        return report(measured, expected, memory);
    }

    private void work(long end) {
        while (System.nanoTime() < end) {
            Kind kind = pick();
            long t0 = System.nanoTime();
            boolean ok;
            try {
                ok = switch (kind) {
                    case READ -> read();
                    case SEARCH -> search();
                    case CREATE -> create();
                    case LUS_MESSAGE -> lusMessage();
                };
            } catch (IOException | RuntimeException e) {
                ok = false;
                sample(kind + " " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long t1 = System.nanoTime();
            if (counting) {
                latencies.get(kind).add(new long[] {t1 - t0});
                if (!ok) {
                    errors.get(kind).incrementAndGet();
                }
                long minute = (t1 - countingStart) / 60_000_000_000L;
                if (minute >= 0 && minute < perMinute.length) {
                    synchronized (perMinute) {
                        perMinute[(int) minute]++;
                    }
                }
            }
        }
    }

    private static Kind pick() {
        int r = ThreadLocalRandom.current().nextInt(100);
        for (Kind k : Kind.values()) {
            if (r < k.weight) {
                return k;
            }
            r -= k.weight;
        }
        return Kind.READ;
    }

    private boolean read() throws IOException, InterruptedException {
        String id = carePlanIds.get(ThreadLocalRandom.current().nextInt(carePlanIds.size()));
        return expect(Kind.READ, send(get("CarePlan/" + id, nurse)), 200);
    }

    private boolean search() throws IOException, InterruptedException {
        String key = patientKeys.get(ThreadLocalRandom.current().nextInt(patientKeys.size()));
        return expect(
                Kind.SEARCH, send(get("CarePlan?patient=Patient/" + key + "&_include=CarePlan:care-team", nurse)), 200);
    }

    private boolean create() throws IOException, InterruptedException {
        String pnr = personnummer.get(ThreadLocalRandom.current().nextInt(personnummer.size()));
        HttpRequest request = post("", nurse, bundleTemplate.replace("{{PATIENT}}", pnr));
        return expect(Kind.CREATE, send(request), 200);
    }

    /** An admission with its inskrivningsmeddelande to kommun 0680, for a patient of its own. */
    private boolean lusMessage() throws IOException, InterruptedException {
        String pnr = FhirBenchData.personnummer(100_000 + lusPatient.getAndIncrement());
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String admitted = now.minus(3, ChronoUnit.HOURS).toString();
        String body =
                """
                {"resourceType": "Communication", "status": "completed",
                 "identifier": [{"system": "https://naravard.se/fhir/sid/lus-message", "value": "%s"}],
                 "category": [{"coding": [{"system": "https://naravard.se/fhir/CodeSystem/lus-message-type", "code": "inskrivningsmeddelande"}]}],
                 "subject": {"identifier": {"system": "http://electronichealth.se/identifier/personnummer", "value": "%s"}},
                 "contained": [{"resourceType": "Encounter", "id": "admission", "status": "in-progress",
                   "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
                   "period": {"start": "%s"}, "serviceProvider": {"type": "Organization", "identifier": {"system": "%s", "value": "SE2321000057-AVD1"}},
                   "extension": [{"url": "%skommun", "valueCode": "0680"},
                                 {"url": "%slus-physician-assessed-at", "valueDateTime": "%s"}]}],
                 "encounter": {"reference": "#admission"},
                 "sent": "%s", "sender": {"type": "Organization", "identifier": {"system": "%s", "value": "SE2321000057-AVD1"}},
                 "recipient": [{"type": "Organization", "identifier": {"system": "%s", "value": "SE2120000530-HT01"},
                   "extension": [{"url": "%slus-addressee-kind", "valueCode": "municipal"}, {"url": "%skommun", "valueCode": "0680"}]}]}
                """
                        .formatted(messageId, pnr, admitted, HSA, EXT, EXT, admitted, now, HSA, HSA, EXT, EXT);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path("Communication")))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + physician)
                .header("Content-Type", FHIR_JSON)
                .header("Accept", FHIR_JSON)
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        // Noted before the request: a notification may reach the receiver before the 201 reaches this
        // thread (the run of 2026-12-05 counted 7 such deliveries as missing). The clock starts at the send.
        boolean counted = counting;
        if (counted) {
            sentAt.put(messageId, System.nanoTime());
        }
        HttpResponse<String> response = send(request);
        if (counted && response.statusCode() != 201) {
            sentAt.remove(messageId);
        }
        return expect(Kind.LUS_MESSAGE, response, 201);
    }

    private String subscribe(String endpoint) throws IOException, InterruptedException {
        String body =
                """
                {"resourceType": "Subscription", "status": "requested", "reason": "Blandad last",
                 "criteria": "https://naravard.se/fhir/SubscriptionTopic/transition-message",
                 "_criteria": {"extension": [{"url": "%sbackport-filter-criteria", "valueString": "Communication?kommun=0680"}]},
                 "channel": {"type": "rest-hook", "endpoint": "%s", "payload": "application/fhir+json",
                   "_payload": {"extension": [{"url": "%sbackport-payload-content", "valueCode": "id-only"}]}}}
                """
                        .formatted(BACKPORT, endpoint, BACKPORT);
        HttpResponse<String> response = send(post("Subscription", municipalSystem, body));
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "subscription refused: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private void awaitActive(List<String> ids) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String id : ids) {
            while (true) {
                HttpResponse<String> r = send(get("Subscription/" + id, municipalSystem));
                String status = JSON.readTree(r.body()).path("status").asText();
                if ("active".equals(status)) {
                    break;
                }
                if ("error".equals(status) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("subscription " + id + " not active: " + r.body());
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** The loopback receiver: records each event notification's message and answers 200. */
    private void receive(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode bundle = JSON.readTree(in);
            JsonNode status = bundle.path("entry").path(0).path("resource");
            String type = "";
            List<String> focuses = new ArrayList<>();
            for (JsonNode p : status.path("parameter")) {
                String name = p.path("name").asText();
                if ("type".equals(name)) {
                    type = p.path("valueCode").asText();
                } else if ("notification-event".equals(name)) {
                    for (JsonNode part : p.path("part")) {
                        if ("focus".equals(part.path("name").asText())) {
                            focuses.add(part.path("valueReference")
                                    .path("reference")
                                    .asText());
                        }
                    }
                }
            }
            if ("event-notification".equals(type)) {
                String hook = exchange.getRequestURI().getPath();
                for (String focus : focuses) {
                    String messageId = focus.substring(focus.lastIndexOf('/') + 1);
                    Long sent = sentAt.get(messageId);
                    if (sent == null) {
                        continue; // sent during the warm-up
                    }
                    if (delivered.add(hook + "|" + messageId)) {
                        deliveryLatencies.add(now - sent);
                    } else {
                        duplicates.incrementAndGet();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            sample("receiver " + e);
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private long countedDeliveries() {
        return delivered.size();
    }

    private boolean report(double measured, long expectedDeliveries, MemorySampler memory) {
        System.out.printf(Locale.ROOT, "%nmeasured %.0f s%n", measured);
        System.out.println("| kind | requests | req/s | p50 / p90 / p99 / max ms | errors |");
        System.out.println("|---|---|---|---|---|");
        long total = 0;
        long totalErrors = 0;
        for (Kind k : Kind.values()) {
            long[] ns = latencies.get(k).stream().mapToLong(a -> a[0]).sorted().toArray();
            total += ns.length;
            totalErrors += errors.get(k).get();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,d | %,.1f | %s | %d |%n",
                    k.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    ns.length,
                    ns.length / measured,
                    percentiles(ns),
                    errors.get(k).get());
        }
        System.out.printf(Locale.ROOT, "| all | %,d | %,.1f | | %d |%n", total, total / measured, totalErrors);
        long[] d =
                deliveryLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long missing = expectedDeliveries - delivered.size();
        System.out.printf(
                Locale.ROOT,
                "%nnotifications: %,d LUS messages x subscriptions = %,d expected, %,d delivered (%,.1f/s over the"
                        + " run), %d missing, %d duplicates; sent → received p50 / p90 / p99 / max ms: %s%n",
                sentAt.size(),
                expectedDeliveries,
                (long) delivered.size(),
                delivered.size() / measured,
                missing,
                duplicates.get(),
                percentiles(d));
        System.out.println("\nper minute (requests): "
                + Arrays.toString(Arrays.copyOf(perMinute, (int) Math.max(1, Math.ceil(measured / 60)))));
        memory.print();
        if (!errorSamples.isEmpty()) {
            System.out.println("\nerrors (first " + errorSamples.size() + "):");
            errorSamples.forEach(e -> System.out.println("  " + e));
        }
        boolean clean = totalErrors == 0 && missing == 0;
        System.out.println(clean ? "\nRESULT clean: no errors, no notification missing" : "\nRESULT NOT CLEAN");
        return clean;
    }

    private static String percentiles(long[] sortedNanos) {
        if (sortedNanos.length == 0) {
            return "—";
        }
        return String.format(
                Locale.ROOT,
                "%.1f / %.1f / %.1f / %.1f",
                at(sortedNanos, 0.50),
                at(sortedNanos, 0.90),
                at(sortedNanos, 0.99),
                sortedNanos[sortedNanos.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private boolean expect(Kind kind, HttpResponse<String> response, int status) {
        if (response.statusCode() == status) {
            return true;
        }
        String body = response.body();
        sample(kind + " HTTP " + response.statusCode() + " " + body.substring(0, Math.min(300, body.length())));
        return false;
    }

    private void sample(String error) {
        if (counting && errorSampleCount.getAndIncrement() < 10) {
            errorSamples.add(error);
        }
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", FHIR_JSON)
                .GET()
                .build();
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(base.resolve(path(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", FHIR_JSON)
                .header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A path relative to the FHIR base (which has no trailing slash). */
    private String path(String relative) {
        String b = base.getPath();
        return (b.endsWith("/") ? b : b + "/") + relative;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
    }

    /** The local run's process, {@code MIXED_STACK_PID} (the script sets it), else this process's parent. */
    private static ProcessHandle stack() {
        String pid = System.getenv("MIXED_STACK_PID");
        return pid == null || pid.isBlank()
                ? ProcessHandle.current().parent().orElseThrow()
                : ProcessHandle.of(Long.parseLong(pid.strip()))
                        .orElseThrow(() -> new IllegalStateException("no process " + pid));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set (source the local run's demo-tokens.env)");
        }
        return value;
    }

    /** Resident memory of each JVM of the local system and PostgreSQL's proportional set size. */
    static final class MemorySampler {
        private static final Map<String, String> JVMS = new LinkedHashMap<>();

        static {
            JVMS.put("local stack (PostgreSQL launcher, Kafka)", "se.naravard.local.LocalStack");
            JVMS.put("contract-service", "se.naravard.contract.Application");
            JVMS.put("transition-service", "se.naravard.transition.app.Application");
            JVMS.put("sip-service", "se.naravard.sip.Application");
            JVMS.put("fhir-gateway", "se.naravard.gateway.Application");
        }

        private final Map<String, long[]> maxAndLast = new LinkedHashMap<>();
        private final ProcessHandle stack;

        /** @param stack the local run's process (run.sh): only its descendants are measured */
        MemorySampler(ProcessHandle stack) {
            this.stack = stack;
        }

        void sample() {
            Map<Long, List<String>> commands = new LinkedHashMap<>();
            java.util.stream.Stream.concat(java.util.stream.Stream.of(stack), stack.descendants())
                    .forEach(p -> commands.put(p.pid(), arguments(p.pid())));
            for (Map.Entry<String, String> jvm : JVMS.entrySet()) {
                long kb = commands.entrySet().stream()
                        .filter(c -> !c.getValue().isEmpty()
                                && c.getValue().get(0).endsWith("java")
                                && c.getValue().contains(jvm.getValue()))
                        .mapToLong(c -> kb(c.getKey(), "status", "VmRSS:"))
                        .sum();
                record(jvm.getKey() + " (RSS)", kb);
            }
            // PostgreSQL's postmaster detaches from the launcher: found by its pid file, with its backends.
            long pss = postmaster()
                    .map(pm -> kb(pm.pid(), "smaps_rollup", "Pss:")
                            + pm.children()
                                    .mapToLong(c -> kb(c.pid(), "smaps_rollup", "Pss:"))
                                    .sum())
                    .orElse(0L);
            record("PostgreSQL, all processes (PSS)", pss);
        }

        private void record(String name, long kb) {
            long[] m = maxAndLast.computeIfAbsent(name, n -> new long[2]);
            m[0] = Math.max(m[0], kb);
            m[1] = kb;
        }

        void print() {
            System.out.println("\n| process | max MiB | at the end MiB |");
            System.out.println("|---|---|---|");
            maxAndLast.forEach(
                    (name, m) -> System.out.printf(Locale.ROOT, "| %s | %d | %d |%n", name, m[0] / 1024, m[1] / 1024));
        }

        private static java.util.Optional<ProcessHandle> postmaster() {
            String dataDir = System.getenv().getOrDefault("NARAVARD_DATA_DIR", ".local-data");
            try {
                String first = Files.readAllLines(Path.of(dataDir, "postgres", "postmaster.pid"))
                        .get(0);
                return ProcessHandle.of(Long.parseLong(first.strip()));
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }

        /** A process's arguments from /proc (ProcessHandle.Info leaves them out for long command lines). */
        private static List<String> arguments(long pid) {
            try {
                String raw =
                        new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
                return raw.isEmpty() ? List.of() : List.of(raw.split("\u0000"));
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }

        private static long kb(long pid, String file, String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(
                                line.substring(field.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }
}
