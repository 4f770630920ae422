package se.naravard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.naravard.infra.TokenMint;

/** The service token a caller sends, from the file the platform keeps renewed. */
class ServiceTokenFileTest {

    static final TokenMint MINT = TokenMint.generate();

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void sends_the_token_in_the_file_and_a_renewed_one_after_the_recheck_interval() throws IOException {
        Path file = dir.resolve("token");
        String first = MINT.mintService("fhir-gateway", Duration.ofHours(1));
        Files.writeString(file, first + "\n");
        TestClock clock = new TestClock();
        ServiceTokenFile credentials = new ServiceTokenFile(file, clock, Duration.ofSeconds(1));

        assertThat(credentials.authorization()).isEqualTo("Bearer " + first);
        String second = MINT.mintService("fhir-gateway", Duration.ofHours(1));
        Files.writeString(file, second);
        assertThat(credentials.authorization()).as("within the interval").isEqualTo("Bearer " + first);
        clock.now = clock.now.plusMillis(1001);
        assertThat(credentials.authorization()).isEqualTo("Bearer " + second);
    }

    @Test
    void keeps_the_last_good_token_while_the_file_is_unreadable_or_holds_no_jwt() throws IOException {
        Path file = dir.resolve("token");
        String good = MINT.mintService("fhir-gateway", Duration.ofHours(1));
        Files.writeString(file, good);
        TestClock clock = new TestClock();
        ServiceTokenFile credentials = new ServiceTokenFile(file, clock, Duration.ofSeconds(1));

        Files.writeString(file, "");
        clock.now = clock.now.plusSeconds(2);
        assertThat(credentials.authorization()).isEqualTo("Bearer " + good);
        Files.writeString(file, "not a token");
        clock.now = clock.now.plusSeconds(2);
        assertThat(credentials.authorization()).isEqualTo("Bearer " + good);
        Files.delete(file);
        clock.now = clock.now.plusSeconds(2);
        assertThat(credentials.authorization()).isEqualTo("Bearer " + good);
        String renewed = MINT.mintService("fhir-gateway", Duration.ofHours(1));
        Files.writeString(file, renewed);
        clock.now = clock.now.plusSeconds(2);
        assertThat(credentials.authorization()).isEqualTo("Bearer " + renewed);
    }

    @Test
    void an_expired_token_is_still_sent_the_called_service_decides() throws IOException {
        Path file = dir.resolve("token");
        Instant now = Instant.now();
        String expired = MINT.mint(
                TokenMint.SERVICE_AUDIENCE,
                now.minusSeconds(7200),
                now.minusSeconds(3600),
                TokenMint.serviceClaims("fhir-gateway"));
        Files.writeString(file, expired);
        TestClock clock = new TestClock();
        clock.now = now;
        ServiceTokenFile credentials = new ServiceTokenFile(file, clock, Duration.ofSeconds(1));
        clock.now = now.plusSeconds(2);

        assertThat(credentials.authorization()).isEqualTo("Bearer " + expired);
    }

    @Test
    void does_not_open_without_a_token_and_names_the_file_not_its_content() throws IOException {
        Path missing = dir.resolve("missing");
        Path empty = Files.writeString(dir.resolve("empty"), "  \n");
        Path garbage = Files.writeString(dir.resolve("garbage"), "secret-looking-garbage");
        Path two = Files.writeString(
                dir.resolve("two"),
                MINT.mintService("a", Duration.ofHours(1)) + "\n" + MINT.mintService("b", Duration.ofHours(1)));

        assertThatThrownBy(() -> ServiceTokenFile.open(missing)).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> ServiceTokenFile.open(empty)).hasMessageContaining("empty");
        assertThatThrownBy(() -> ServiceTokenFile.open(garbage))
                .hasMessageContaining("no JWT")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-looking-garbage"));
        assertThatThrownBy(() -> ServiceTokenFile.open(two)).hasMessageContaining("more than one");
    }
}
