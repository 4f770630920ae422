package se.naravard.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.infra.EmbeddedPostgresServer;
import se.naravard.infra.FreePorts;

/**
 * The whole system on one machine, without Docker: PostgreSQL (zonky) and a Kafka broker (KRaft)
 * inside this JVM with their data under {@code .local-data/}, each service as a child JVM started
 * from its module's build output, demo data loaded through the REST API into an empty database.
 * Started by {@code deploy/local/run.sh}; Ctrl-C (SIGINT or SIGTERM) stops the services, then
 * Kafka, then PostgreSQL.
 *
 * <p>Adding a service is one {@link ServiceProcess} entry in {@link #services()}, plus its port in
 * {@link LocalSettings}.
 */
public final class LocalStack {

    static final int PARTITIONS = 6;
    static final String GATEWAY = "fhir";
    /**
     * How long a service may take to answer UP. A dead process is seen at once; this bounds a live one
     * that hangs. Generous: on a two-core machine that also builds, the gateway has taken over 60 s.
     */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);

    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    static final String TOKENS_FILE = "demo-tokens.env";
    /** The gateway's service token, under the data directory ({@code SERVICE_TOKEN_FILE}). */
    static final String GATEWAY_TOKEN_FILE = "security/fhir-gateway.service-token";
    /** The subscription endpoints the local gateway allows by default: receivers on this machine. */
    static final String LOOPBACK_ENDPOINTS = "http://localhost:*,http://127.0.0.1:*";

    private final LocalSettings settings;
    private DemoTokens identity;
    private final PrintStream out;
    private final List<RunningService> running = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile CompletableFuture<EmbeddedPostgresServer> postgresStart;
    private volatile EmbeddedKafkaBroker kafka;
    private volatile ScheduledExecutorService tokenRenewal;

    LocalStack(LocalSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(out);
        // Initialise logging before PostgreSQL and Kafka start on two threads (no SLF4J replay warning).
        LoggerFactory.getILoggerFactory();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(LocalSettings.usage());
                return;
            }
            System.err.println("Unknown argument: " + arg + "\n\n" + LocalSettings.usage());
            System.exit(2);
        }
        LocalStack stack;
        try {
            stack = new LocalStack(LocalSettings.resolve(), out);
        } catch (StartupException e) {
            System.err.println("[local] " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (StartupException e) {
            if (!stack.stopping.get()) {
                System.err.println("\n[local] START FAILED: " + e.getMessage());
                System.exit(1);
            }
            return;
        } catch (RuntimeException e) {
            if (!stack.stopping.get()) {
                System.err.println("\n[local] START FAILED:");
                e.printStackTrace();
                System.exit(1);
            }
            return;
        }
        stack.watchServices();
    }

    /**
     * The services, in start order. Each runs in its own JVM with its own database and topics.
     * Environment variables are each service's configuration (docs/operations.md). All of them use the
     * same development patient-key secret (their default), so one patient's events carry the same key
     * on every topic. Every service's internal API trusts the local identity key (service tokens of the
     * gateway and of this run only); the gateway calls them with the token in its {@code SERVICE_TOKEN_FILE},
     * which this run keeps renewed.
     */
    List<ServiceProcess> services() {
        EmbeddedPostgresServer postgres = postgres();
        return List.of(
                new ServiceProcess(
                        "contract",
                        "contract-service",
                        "se.naravard.contract.Application",
                        settings.contractPort(),
                        "/contracts",
                        "contract",
                        List.of("contract.events", "contract.events.dlq"),
                        serviceEnvironment(Map.of(
                                "CONTRACT_SERVICE_PORT", Integer.toString(settings.contractPort()),
                                "CONTRACT_DB_URL", postgres.jdbcUrl("contract"),
                                "CONTRACT_DB_USER", postgres.user(),
                                "CONTRACT_DB_PASSWORD", postgres.password(),
                                "KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap()))),
                new ServiceProcess(
                        "transition",
                        "transition-service",
                        "se.naravard.transition.app.Application",
                        settings.transitionPort(),
                        "/episodes",
                        "transition",
                        List.of("transition.events", "transition.events.dlq"),
                        serviceEnvironment(Map.of(
                                "TRANSITION_SERVICE_PORT", Integer.toString(settings.transitionPort()),
                                "TRANSITION_DB_URL", postgres.jdbcUrl("transition"),
                                "TRANSITION_DB_USER", postgres.user(),
                                "TRANSITION_DB_PASSWORD", postgres.password(),
                                "KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap(),
                                // The deadline clock looks for due tasks every 2 s (default 5 s), so the
                                // demo's missed deadline shows within seconds of the start.
                                "TRANSITION_CLOCK_INTERVAL", "2s"))),
                new ServiceProcess(
                        "sip",
                        "sip-service",
                        "se.naravard.sip.Application",
                        settings.sipPort(),
                        "/sips",
                        "sip",
                        List.of("sip.events", "sip.events.dlq"),
                        serviceEnvironment(Map.of(
                                "SIP_SERVICE_PORT", Integer.toString(settings.sipPort()),
                                "SIP_DB_URL", postgres.jdbcUrl("sip"),
                                "SIP_DB_USER", postgres.user(),
                                "SIP_DB_PASSWORD", postgres.password(),
                                "KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap()))),
                // After the services: it reads contract-service, transition-service and sip-service. Its own
                // database holds the access log; no topics of its own (it reads contract.events and sip.events
                // for its cache); health on the management port, FHIR on its own.
                new ServiceProcess(
                        GATEWAY,
                        "fhir-gateway",
                        "se.naravard.gateway.Application",
                        settings.gatewayManagementPort(),
                        "/fhir",
                        "gateway",
                        List.of(),
                        gatewayEnvironment(Map.of(
                                "GATEWAY_DB_URL",
                                postgres.jdbcUrl("gateway"),
                                "GATEWAY_DB_USER",
                                postgres.user(),
                                "GATEWAY_DB_PASSWORD",
                                postgres.password(),
                                "GATEWAY_FHIR_PORT",
                                Integer.toString(settings.gatewayFhirPort()),
                                "GATEWAY_MANAGEMENT_PORT",
                                Integer.toString(settings.gatewayManagementPort()),
                                "CONTRACT_SERVICE_URL",
                                "http://localhost:" + settings.contractPort(),
                                "TRANSITION_SERVICE_URL",
                                "http://localhost:" + settings.transitionPort(),
                                "SIP_SERVICE_URL",
                                "http://localhost:" + settings.sipPort(),
                                // contract.events and sip.events keep its read cache current.
                                "KAFKA_BOOTSTRAP_SERVERS",
                                settings.kafkaBootstrap())),
                        settings.gatewayHeap(),
                        settings.gatewayFhirPort()));
    }

    /** The gateway's own settings plus those of the local identity provider and its service token file. */
    private Map<String, String> gatewayEnvironment(Map<String, String> own) {
        Map<String, String> env = new java.util.HashMap<>(own);
        // Subscriptions to receivers on this machine (the mixed load's, a vendor's test receiver): loopback
        // allow-listed, unless set otherwise. Production never allows loopback (docs/operations.md).
        env.put(
                "GATEWAY_SUBSCRIPTIONS_ALLOWED_ENDPOINTS",
                System.getenv().getOrDefault("GATEWAY_SUBSCRIPTIONS_ALLOWED_ENDPOINTS", LOOPBACK_ENDPOINTS));
        env.putAll(identity().gatewayEnvironment());
        env.put("SERVICE_TOKEN_FILE", gatewayTokenFile().toString());
        return Map.copyOf(env);
    }

    /** A service's own settings plus the service-credential check of its internal API. */
    private Map<String, String> serviceEnvironment(Map<String, String> own) {
        Map<String, String> env = new java.util.HashMap<>(own);
        env.putAll(identity().serviceEnvironment());
        return Map.copyOf(env);
    }

    private Path gatewayTokenFile() {
        return settings.dataDirectory().resolve(GATEWAY_TOKEN_FILE);
    }

    /**
     * Writes the gateway's service token now and renews it every third of its validity, as the
     * platform's token agent does in production; the gateway re-reads the file when it changes.
     */
    private void startTokenRenewal() {
        Path file = gatewayTokenFile();
        identity().writeServiceToken(file, DemoTokens.GATEWAY_CLIENT);
        long every = DemoTokens.SERVICE_TOKEN_VALIDITY.dividedBy(3).toSeconds();
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "service-token-renewal");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleAtFixedRate(
                () -> {
                    try {
                        identity().writeServiceToken(file, DemoTokens.GATEWAY_CLIENT);
                    } catch (RuntimeException e) {
                        info("could not renew the gateway's service token in " + file + ": " + e);
                    }
                },
                every,
                every,
                TimeUnit.SECONDS);
        tokenRenewal = renewal;
    }

    private DemoTokens identity() {
        if (identity == null) {
            identity = DemoTokens.in(settings.dataDirectory());
        }
        return identity;
    }

    void start() {
        info("repository " + settings.root() + ", data in " + settings.dataDirectory());
        requireFreePorts();
        createDirectories();

        long infraStarted = System.nanoTime();
        postgresStart = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.startPersistent(
                        settings.postgresPort(), settings.postgresDirectory(), settings.durablePostgres()),
                task -> {
                    Thread thread = new Thread(task, "postgres-start");
                    thread.setDaemon(true);
                    thread.start();
                });
        kafka = new EmbeddedKafkaBroker(settings.kafkaPort(), controllerPort(), settings.kafkaDirectory());
        try {
            kafka.start();
        } catch (RuntimeException e) {
            throw new StartupException("Kafka did not start on " + settings.kafkaBootstrap() + ": " + rootCause(e), e);
        }
        EmbeddedPostgresServer postgres = postgres();
        info(String.format(
                Locale.ROOT,
                "PostgreSQL on %d and Kafka on %s up in %.1f s",
                postgres.port(),
                settings.kafkaBootstrap(),
                (System.nanoTime() - infraStarted) / 1e9));

        List<ServiceProcess> services = services();
        for (ServiceProcess service : services) {
            if (service.database() != null) {
                ensureDatabase(postgres, service.database());
            }
            if (!service.topics().isEmpty()) {
                kafka.createTopics(PARTITIONS, service.topics().toArray(String[]::new));
            }
        }
        startTokenRenewal();
        for (ServiceProcess service : services) {
            startService(service);
        }

        // The demo loaders call the internal APIs as this run's own service client.
        String serviceToken = identity().localServiceAuthorization();
        Supplier<String> asLocalRun = () -> serviceToken;
        Banner.Demos demos = settings.demoData()
                ? new Banner.Demos(
                        new DemoData(new ContractApi(
                                        service(services, "contract").baseUri(), asLocalRun))
                                .loadIfEmpty(),
                        new TransitionDemo(new TransitionApi(
                                        service(services, "transition").baseUri(), asLocalRun))
                                .loadIfEmpty(),
                        new SipDemo(new SipApi(service(services, "sip").baseUri(), asLocalRun)).loadIfEmpty())
                : Banner.Demos.NONE;
        Banner banner = new Banner(
                settings,
                services,
                new Banner.Database(postgres::jdbcUrl, postgres.user(), postgres.password()),
                demos,
                YearMonth.now(DemoTime.STOCKHOLM).toString(),
                identity().mint(settings.dataDirectory().resolve(TOKENS_FILE)),
                settings.dataDirectory().resolve(TOKENS_FILE));
        out.println(banner.text(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
    }

    /** Blocks until a service exits; if that was not Ctrl-C, reports it and stops everything. */
    void watchServices() {
        CompletableFuture<?>[] exits = running.stream()
                .map(r -> r.process().onExit().thenApply(p -> r))
                .toArray(CompletableFuture[]::new);
        Object first;
        try {
            first = CompletableFuture.anyOf(exits).join();
        } catch (CompletionException e) {
            return;
        }
        if (stopping.get() || !(first instanceof RunningService died) || died.isStopping()) {
            return;
        }
        System.err.println("\n[local] " + died.service().name() + " exited unexpectedly with code "
                + died.process().exitValue() + "; stopping everything. Its last lines:\n" + died.lastLines());
        System.exit(1);
    }

    /** Shutdown hook: the services (together), then Kafka, then PostgreSQL. Idempotent. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        info("stopping …");
        ScheduledExecutorService renewal = tokenRenewal;
        if (renewal != null) {
            renewal.shutdownNow();
        }
        // All services at once, each with its own grace period: they share nothing but PostgreSQL and
        // Kafka, and a service that cannot stop cleanly must not make Ctrl-C wait once per service.
        List<RunningService> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        List<Thread> stoppers = reversed.stream()
                .map(service ->
                        new Thread(() -> stopService(service), service.service().name() + "-stop"))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EmbeddedKafkaBroker broker = kafka;
        if (broker != null) {
            try {
                broker.close();
                info("Kafka stopped");
            } catch (RuntimeException e) {
                info("could not stop Kafka cleanly: " + e);
            }
        }
        CompletableFuture<EmbeddedPostgresServer> pg = postgresStart;
        if (pg != null && !pg.isCompletedExceptionally()) {
            try {
                pg.join().close();
                info("PostgreSQL stopped");
            } catch (RuntimeException e) {
                info("could not stop PostgreSQL cleanly: " + rootCause(e));
            }
        }
        info("stopped; data kept in " + settings.dataDirectory());
    }

    private static void stopService(RunningService service) {
        try {
            service.stop(STOP_GRACE);
            info(service.service().name() + " stopped (exit code "
                    + service.process().exitValue() + ")");
        } catch (RuntimeException e) {
            info("could not stop " + service.service().name() + ": " + e);
        }
    }

    private void startService(ServiceProcess service) {
        Ports.requireFree(service.port(), service.name() + " HTTP", "its port setting (run.sh --help)", null);
        long started = System.nanoTime();
        info("starting " + service.name() + " (" + service.mainClass() + ") on port " + service.port());
        RunningService child = RunningService.start(service, settings.root(), out);
        running.add(child);
        child.awaitHealthy(HEALTH_TIMEOUT);
        info(String.format(Locale.ROOT, "%s healthy in %.1f s", service.name(), (System.nanoTime() - started) / 1e9));
    }

    private EmbeddedPostgresServer postgres() {
        try {
            return postgresStart.join();
        } catch (CompletionException e) {
            throw new StartupException(
                    "PostgreSQL did not start on port " + settings.postgresPort() + " with data in "
                            + settings.postgresDirectory() + ": " + rootCause(e)
                            + ". zonky needs util-linux's `unshare` when run as root (docs in /work/shared/STACK.md §3).",
                    e);
        }
    }

    private void requireFreePorts() {
        for (LocalSettings.FixedPort port : settings.fixedPorts()) {
            String hint = port.variable().equals(LocalSettings.PG_PORT)
                    ? Ports.leftoverPostgresHint(settings.postgresDirectory())
                    : null;
            Ports.requireFree(port.port(), port.what(), port.variable(), hint);
        }
    }

    /**
     * The KRaft controller port is part of the broker's configuration, so it is chosen before the
     * start: a free one, but the one of the last run if it is still free (kept next to the log
     * directory), so the stored quorum state keeps matching.
     */
    private int controllerPort() {
        Path file = settings.dataDirectory().resolve("kafka-controller.port");
        try {
            if (Files.isRegularFile(file)) {
                int previous = Integer.parseInt(Files.readString(file).trim());
                if (previous != settings.kafkaPort() && Ports.isFree(previous)) {
                    return previous;
                }
            }
            int port;
            do {
                port = FreePorts.find();
            } while (port == settings.kafkaPort());
            Files.writeString(file, port + "\n");
            return port;
        } catch (IOException | NumberFormatException e) {
            return FreePorts.find();
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(settings.dataDirectory());
        } catch (IOException e) {
            throw new StartupException("Cannot create the data directory " + settings.dataDirectory() + ": " + e);
        }
    }

    private static void ensureDatabase(EmbeddedPostgresServer postgres, String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection =
                DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password())) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
                info("created database " + name);
            }
        } catch (SQLException e) {
            throw new StartupException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    private static ServiceProcess service(List<ServiceProcess> services, String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no service " + name));
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static void info(String message) {
        System.out.println("[local] " + message);
    }
}
