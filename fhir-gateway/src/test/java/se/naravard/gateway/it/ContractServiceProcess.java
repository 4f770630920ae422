package se.naravard.gateway.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import se.naravard.infra.FreePorts;
import se.naravard.infra.TestInfra;
import se.naravard.local.RunningService;
import se.naravard.local.ServiceProcess;

/**
 * A real contract-service in a child JVM, started from {@code contract-service/target/classes} and its
 * {@code runtime-classpath.txt} (its {@code package} output, built earlier in the reactor) with deploy/local's
 * launcher, on a database of its own on the JVM-wide PostgreSQL and the JVM-wide Kafka broker.
 */
final class ContractServiceProcess implements AutoCloseable {

    private final RunningService running;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private ContractServiceProcess(RunningService running) {
        this.running = running;
        this.base = running.service().baseUri();
    }

    static ContractServiceProcess start() {
        TestInfra infra = TestInfra.get();
        String database = infra.postgres().createDatabase("gateway_contract");
        infra.kafka().createTopics(1, "contract.events", "contract.events.dlq");
        int port = FreePorts.find();
        ServiceProcess service = new ServiceProcess(
                "contract",
                "contract-service",
                "se.naravard.contract.Application",
                port,
                "/contracts",
                database,
                List.of(),
                Map.of(
                        "CONTRACT_SERVICE_PORT", Integer.toString(port),
                        "CONTRACT_DB_URL", infra.postgres().jdbcUrl(database),
                        "CONTRACT_DB_USER", infra.postgres().user(),
                        "CONTRACT_DB_PASSWORD", infra.postgres().password(),
                        "KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers()));
        RunningService running = RunningService.start(service, repositoryRoot(), System.out);
        try {
            running.awaitHealthy(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            running.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new ContractServiceProcess(running);
    }

    URI baseUri() {
        return base;
    }

    /** SIGSTOP: the port still accepts connections (the kernel does), but nothing answers: a slow service. */
    void pause() {
        signal("-STOP");
    }

    void resume() {
        signal("-CONT");
    }

    /** SIGTERM and wait: the port is closed afterwards. */
    @Override
    public void close() {
        resume();
        running.stop(Duration.ofSeconds(10));
    }

    /** POST or PUT JSON; returns status and body. */
    HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void signal(String signal) {
        if (!running.process().isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(
                            "kill", signal, Long.toString(running.process().pid()))
                    .inheritIO()
                    .start();
            kill.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The directory holding the root pom and contract-service/ (Failsafe runs in fhir-gateway/). */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("contract-service")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + Path.of("").toAbsolutePath());
    }
}
