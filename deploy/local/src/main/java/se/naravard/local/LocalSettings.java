package se.naravard.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the local system listens and keeps its data. Every value can be overridden by an
 * environment variable or by the matching system property (lower case, dots for underscores: {@code
 * NARAVARD_PG_PORT} or {@code -Dnaravard.pg.port}); the system property wins.
 *
 * @param root the repository root (the directory holding the root {@code pom.xml})
 * @param dataDirectory holds {@code postgres/} and {@code kafka/}; kept between runs
 * @param demoData whether demo data is loaded into empty databases (off for the FHIR benchmark,
 *     which loads its own data set)
 * @param durablePostgres PostgreSQL with {@code fsync} and {@code synchronous_commit} on, as a
 *     production server runs (benchmarks); off by default, which is faster for local work
 */
record LocalSettings(
        Path root,
        Path dataDirectory,
        int postgresPort,
        int kafkaPort,
        int contractPort,
        int sipPort,
        int transitionPort,
        int gatewayFhirPort,
        int gatewayManagementPort,
        boolean demoData,
        boolean durablePostgres,
        String gatewayHeap) {

    static final String PG_PORT = "NARAVARD_PG_PORT";
    static final String KAFKA_PORT = "NARAVARD_KAFKA_PORT";
    static final String DATA_DIR = "NARAVARD_DATA_DIR";
    static final String CONTRACT_PORT = "CONTRACT_SERVICE_PORT";
    static final String SIP_PORT = "SIP_SERVICE_PORT";
    static final String TRANSITION_PORT = "TRANSITION_SERVICE_PORT";
    static final String GATEWAY_FHIR_PORT = "GATEWAY_FHIR_PORT";
    static final String GATEWAY_MANAGEMENT_PORT = "GATEWAY_MANAGEMENT_PORT";
    static final String ROOT = "NARAVARD_ROOT";
    static final String DEMO = "NARAVARD_DEMO";
    static final String PG_DURABLE = "NARAVARD_PG_DURABLE";
    static final String GATEWAY_HEAP = "NARAVARD_GATEWAY_HEAP";

    static LocalSettings resolve() {
        return resolve(System.getenv(), System.getProperties());
    }

    static LocalSettings resolve(Map<String, String> env, java.util.Properties properties) {
        Path root = repositoryRoot(value(ROOT, env, properties, null));
        Path data = root.resolve(value(DATA_DIR, env, properties, ".local-data"))
                .toAbsolutePath()
                .normalize();
        return new LocalSettings(
                root,
                data,
                port(PG_PORT, env, properties, 15432),
                port(KAFKA_PORT, env, properties, 19092),
                port(CONTRACT_PORT, env, properties, 8081),
                port(SIP_PORT, env, properties, 8082),
                port(TRANSITION_PORT, env, properties, 8083),
                port(GATEWAY_FHIR_PORT, env, properties, 8080),
                port(GATEWAY_MANAGEMENT_PORT, env, properties, 8090),
                flag(DEMO, env, properties, true),
                flag(PG_DURABLE, env, properties, false),
                heap(GATEWAY_HEAP, env, properties, "512m"));
    }

    /** A port we must be able to bind, what wants it and the setting that moves it. */
    record FixedPort(int port, String what, String variable) {}

    /** Every fixed port of the local system, checked before anything starts. */
    List<FixedPort> fixedPorts() {
        return List.of(
                new FixedPort(postgresPort, "PostgreSQL", PG_PORT),
                new FixedPort(kafkaPort, "Kafka", KAFKA_PORT),
                new FixedPort(contractPort, "contract-service HTTP", CONTRACT_PORT),
                new FixedPort(sipPort, "sip-service HTTP", SIP_PORT),
                new FixedPort(transitionPort, "transition-service HTTP", TRANSITION_PORT),
                new FixedPort(gatewayFhirPort, "fhir-gateway FHIR", GATEWAY_FHIR_PORT),
                new FixedPort(gatewayManagementPort, "fhir-gateway management", GATEWAY_MANAGEMENT_PORT));
    }

    Path postgresDirectory() {
        return dataDirectory.resolve("postgres");
    }

    Path kafkaDirectory() {
        return dataDirectory.resolve("kafka");
    }

    String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    /** Help text for {@code --help}. */
    static String usage() {
        return """
                Usage: deploy/local/run.sh [--no-build] [--help]

                Starts PostgreSQL and Kafka (embedded, data kept in .local-data/), then contract-service,
                transition-service, sip-service and fhir-gateway, loads demo data into each empty database
                and prints the addresses. Ctrl-C stops everything.

                Overrides (environment variable, or -D system property through JAVA_OPTS):
                  NARAVARD_PG_PORT         naravard.pg.port          PostgreSQL port          (15432)
                  NARAVARD_KAFKA_PORT      naravard.kafka.port       Kafka client port        (19092)
                  CONTRACT_SERVICE_PORT    contract.service.port     contract-service HTTP    (8081)
                  SIP_SERVICE_PORT         sip.service.port          sip-service HTTP         (8082)
                  TRANSITION_SERVICE_PORT  transition.service.port   transition-service HTTP  (8083)
                  GATEWAY_FHIR_PORT        gateway.fhir.port         fhir-gateway FHIR R4     (8080)
                  GATEWAY_MANAGEMENT_PORT  gateway.management.port   fhir-gateway health      (8090)
                  NARAVARD_DATA_DIR        naravard.data.dir         data directory, relative to the
                                                                     repository root          (.local-data)
                  NARAVARD_DEMO            naravard.demo             load demo data into empty
                                                                     databases                (true)
                  NARAVARD_PG_DURABLE      naravard.pg.durable       PostgreSQL with fsync and
                                                                     synchronous_commit on    (false)
                  NARAVARD_GATEWAY_HEAP    naravard.gateway.heap     fhir-gateway's -Xmx      (512m)
                """;
    }

    private static Path repositoryRoot(String configured) {
        Path start =
                Path.of(configured == null ? "" : configured).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/local/pom.xml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new StartupException(
                "Cannot find the repository root (a directory with deploy/local/pom.xml) at or above " + start
                        + ". Run deploy/local/run.sh, or set " + ROOT + ".");
    }

    private static int port(String name, Map<String, String> env, java.util.Properties properties, int fallback) {
        String v = value(name, env, properties, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(v.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StartupException(name + " must be a port number (1-65535), not '" + v + "'");
        }
    }

    /** A heap size as {@code -Xmx} takes it ({@code 384m}, {@code 1g}), returned as the option. */
    private static String heap(String name, Map<String, String> env, java.util.Properties properties, String fallback) {
        String v = value(name, env, properties, fallback).trim();
        if (!v.matches("[1-9][0-9]{0,5}[mMgG]")) {
            throw new StartupException(name + " must be a heap size such as 384m or 1g, not '" + v + "'");
        }
        return "-Xmx" + v;
    }

    private static boolean flag(
            String name, Map<String, String> env, java.util.Properties properties, boolean fallback) {
        String v = value(name, env, properties, Boolean.toString(fallback)).trim();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new StartupException(name + " must be true or false, not '" + v + "'");
    }

    private static String value(
            String name, Map<String, String> env, java.util.Properties properties, String fallback) {
        String property = properties.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        if (property != null && !property.isBlank()) {
            return property;
        }
        String variable = env.get(name);
        return variable != null && !variable.isBlank() ? variable : fallback;
    }
}
