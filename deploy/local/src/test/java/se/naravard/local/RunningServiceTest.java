package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.naravard.infra.FreePorts;

/** Child JVMs: output prefix, health wait, failure report, SIGTERM then SIGKILL. */
class RunningServiceTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeEach
    void fakeModule() throws IOException {
        Files.createDirectories(root.resolve("fake/target/classes"));
        // The test classpath holds FakeService.
        Files.writeString(root.resolve("fake/target/runtime-classpath.txt"), System.getProperty("java.class.path"));
    }

    @Test
    void reportsExitCodeAndLastLinesWhenTheChildDiesBeforeItIsHealthy() {
        RunningService child = RunningService.start(fake("die", FreePorts.find()), root, out);

        assertThatThrownBy(() -> child.awaitHealthy(Duration.ofSeconds(30)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("fake exited with code 3 before it was healthy")
                .hasMessageContaining("cannot reach the database");
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("[fake] fake service starting: die", "[fake] cannot reach the database");
    }

    @Test
    void waitsForHealthAndStopsWithSigterm() {
        RunningService child = RunningService.start(fake("healthy", FreePorts.find()), root, out);
        try {
            child.awaitHealthy(Duration.ofSeconds(30));
            assertThat(child.process().isAlive()).isTrue();
        } finally {
            child.stop(Duration.ofSeconds(10));
        }
        assertThat(child.process().isAlive()).isFalse();
        assertThat(child.process().exitValue()).isEqualTo(143);
    }

    @Test
    void killsAChildThatDoesNotStopWithinTheGracePeriod() {
        RunningService child = RunningService.start(fake("stubborn", FreePorts.find()), root, out);
        child.awaitHealthy(Duration.ofSeconds(30));

        long started = System.nanoTime();
        child.stop(Duration.ofSeconds(1));

        assertThat(child.process().isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void saysHowToBuildWhenTheModuleWasNotBuilt() {
        ServiceProcess unbuilt = new ServiceProcess(
                "ghost", "ghost-service", "se.naravard.ghost.Application", 1, "/", null, List.of(), Map.of());

        assertThatThrownBy(() -> RunningService.start(unbuilt, root, out))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("ghost-service/target/classes")
                .hasMessageContaining("Build first");
    }

    private static ServiceProcess fake(String mode, int port) {
        return new ServiceProcess(
                "fake",
                "fake",
                FakeService.class.getName(),
                port,
                "/",
                null,
                List.of(),
                Map.of("FAKE_MODE", mode, "FAKE_PORT", Integer.toString(port)));
    }
}
