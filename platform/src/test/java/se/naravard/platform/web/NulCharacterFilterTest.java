package se.naravard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NulCharacterFilterTest {

    @Test
    void names_the_parameter_or_the_path_that_carries_a_nul() {
        assertThat(NulCharacterFilter.fieldWithNul("/contracts", Map.of("patientKey", List.of("ab\u0000"))))
                .isEqualTo("/patientKey");
        assertThat(NulCharacterFilter.fieldWithNul("/contracts/\u0000", Map.of()))
                .isEqualTo("/path");
        assertThat(NulCharacterFilter.fieldWithNul("/contracts", Map.of("a\u0000", List.of("x"))))
                .isEqualTo("/a\\u0000");
    }

    @Test
    void lets_ordinary_values_through() {
        assertThat(NulCharacterFilter.fieldWithNul(
                        "/contracts", Map.of("patient", List.of("191212121212"), "status", List.of("active"))))
                .isNull();
    }
}
