package se.naravard.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServiceProcess} running as a child JVM. Its stdout and stderr are copied line by line to
 * ours with the prefix {@code [name] }; the last lines are kept for the error message if it dies.
 */
public final class RunningService {

    private static final int KEPT_LINES = 40;

    private final ServiceProcess service;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread pump;
    private volatile boolean stopping;

    private RunningService(ServiceProcess service, Process process, PrintStream out) {
        this.service = service;
        this.process = process;
        this.pump = new Thread(() -> copy(out), service.name() + "-output");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    public static RunningService start(ServiceProcess service, Path root, PrintStream out) {
        ProcessBuilder builder = new ProcessBuilder(service.command(root))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(service.env());
        try {
            return new RunningService(service, builder.start(), out);
        } catch (IOException e) {
            throw new StartupException("Could not start " + service.name() + ": " + e.getMessage(), e);
        }
    }

    public ServiceProcess service() {
        return service;
    }

    public Process process() {
        return process;
    }

    boolean isStopping() {
        return stopping;
    }

    /**
     * Polls {@code GET /health} until it answers 200 with status UP. Fails with the child's last
     * lines if it exits first, or after {@code timeout}.
     */
    public void awaitHealthy(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(service.healthUri())
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                awaitOutput();
                throw new StartupException(service.name() + " exited with code " + process.exitValue()
                        + " before it was healthy. Its last lines:\n" + lastLines());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                lastAnswer = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("Interrupted while waiting for " + service.name());
            }
            sleep(250);
        }
        throw new StartupException(service.name() + " did not answer UP at " + service.healthUri() + " within "
                + timeout.toSeconds() + " s (last: " + lastAnswer + "). Its last lines:\n" + lastLines());
    }

    /** SIGTERM, up to {@code grace} for a clean exit, then SIGKILL. Idempotent. */
    public void stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println(
                        "[local] " + service.name() + " did not stop within " + grace.toSeconds() + " s; killing it");
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        awaitOutput();
    }

    public String lastLines() {
        synchronized (lastLines) {
            return String.join("\n", List.copyOf(lastLines));
        }
    }

    private void copy(PrintStream out) {
        String prefix = "[" + service.name() + "] ";
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
                out.println(prefix + line);
            }
        } catch (IOException e) {
            // the child closed its output: it is gone
        }
    }

    private void awaitOutput() {
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
