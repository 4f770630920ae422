package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.RejectionAssertions.assertRefused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HsaIdTest {

    private static final String FIELD = "/hsaId";

    @Test
    void inera_example_is_accepted_and_shown_in_to_string() {
        // given the example from DOMAIN.md §6
        String input = "SE2321000016-39KJ";

        // when
        HsaId hsaId = HsaId.of(input);

        // then
        assertThat(hsaId.value()).isEqualTo(input);
        assertThat(hsaId).hasToString("HsaId[SE2321000016-39KJ]");
        assertThat(hsaId.system()).isEqualTo("http://electronichealth.se/identifier/hsaid");
        assertThat(hsaId.oid()).isEqualTo("1.2.752.129.2.1.4.1");
    }

    @Test
    void organisation_number_with_16_century_prefix_is_accepted() {
        // given
        String input = "SE162321000016-39KJ";

        // when
        HsaId hsaId = HsaId.of(input);

        // then
        assertThat(hsaId.value()).isEqualTo(input);
    }

    @Test
    void local_part_keeps_its_case() {
        // given
        String input = "SE2321000016-e000aBc1";

        // when
        HsaId hsaId = new HsaId(input);

        // then
        assertThat(hsaId.value()).isEqualTo(input);
    }

    @Test
    void thirty_one_characters_is_the_maximum() {
        // given 12 + 1 + 18 characters
        String longest = "SE2321000016-" + "A".repeat(18);

        // when
        HsaId hsaId = HsaId.of(longest);

        // then
        assertThat(hsaId.value()).hasSize(31);
        assertRefused(longest + "B", () -> HsaId.of(longest + "B"), "ID-HSA-002", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blank_is_refused_as_missing(String input) {
        assertRefused(input, () -> HsaId.of(input), "ID-HSA-001", FIELD);
    }

    @Test
    void null_is_refused_as_missing() {
        assertRefused(null, () -> HsaId.of(null), "ID-HSA-001", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SE2321000016-39KÅ", "SE2321000016-åke", "SE2321000016-Öst"})
    void swedish_letters_are_refused(String input) {
        assertRefused(input, () -> HsaId.of(input), "ID-HSA-003", FIELD);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"SE2321000016-kalle@region", "SE2321000016-39 KJ", " SE2321000016-39KJ", "SE2321000016-39-KJ"})
    void at_sign_space_or_second_hyphen_is_refused(String input) {
        assertRefused(input, () -> HsaId.of(input), "ID-HSA-003", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2321000016-39KJ", "se2321000016-39KJ", "TSTNMT2321000156-1003"})
    void missing_upper_case_se_prefix_is_refused(String input) {
        assertRefused(input, () -> HsaId.of(input), "ID-HSA-004", FIELD);
    }

    @Test
    void missing_hyphen_is_refused() {
        assertRefused("SE232100001639KJ", () -> HsaId.of("SE232100001639KJ"), "ID-HSA-005", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SE232100001-39KJ", "SE23210000166-39KJ", "SE172321000016-39KJ", "SEAB21000016-39KJ"})
    void organisation_number_part_of_wrong_length_is_refused(String input) {
        assertRefused(input, () -> HsaId.of(input), "ID-HSA-006", FIELD);
    }

    @Test
    void empty_local_part_is_refused() {
        assertRefused("SE2321000016-", () -> HsaId.of("SE2321000016-"), "ID-HSA-007", FIELD);
    }
}
