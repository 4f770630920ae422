package se.naravard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatabasesTest {

    @Test
    void namesAreSafeIdentifiersAndUnique() {
        String first = Databases.uniqueName("Contract Service/IT");
        String second = Databases.uniqueName("Contract Service/IT");

        assertThat(first).matches("contract_service_it_[a-z0-9]+_[a-z0-9]{6}").isNotEqualTo(second);
        assertThat(Databases.uniqueName("1st")).startsWith("db_1st_");
        assertThat(Databases.uniqueName(null)).startsWith("db_");
        assertThat(Databases.uniqueName("x".repeat(100))).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void freePortsAreDistinct() {
        int[] ports = FreePorts.find(3);

        assertThat(ports).hasSize(3).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ports).min().orElseThrow()).isPositive();
    }
}
