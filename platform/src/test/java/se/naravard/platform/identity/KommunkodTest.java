package se.naravard.platform.identity;

import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.RejectionAssertions.assertRefused;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KommunkodTest {

    private static final String FIELD = "/kommunkod";

    @ParameterizedTest
    @CsvSource({
        "0680, Jönköping, 06",
        "2380, Östersund, 23",
        "0180, Stockholm, 01",
        "0114, Upplands Väsby, 01",
        "0980, Gotland, 09",
        "2584, Kiruna, 25"
    })
    void known_code_has_its_municipality_name_and_lanskod(String code, String name, String lanskod) {
        // given a code from SCB's list

        // when
        Kommunkod kommunkod = Kommunkod.of(code);

        // then
        assertThat(kommunkod.name()).isEqualTo(name);
        assertThat(kommunkod.lanskod()).isEqualTo(lanskod);
    }

    @Test
    void shipped_list_has_all_290_municipalities_in_all_21_lan() {
        // given the list in kommuner.tsv

        // when
        var lanskoder = Kommunkod.knownCodes().stream()
                .map(code -> code.substring(0, 2))
                .collect(toCollection(TreeSet::new));

        // then
        assertThat(Kommunkod.knownCodes()).hasSize(290);
        assertThat(lanskoder)
                .containsExactly(
                        "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20",
                        "21", "22", "23", "24", "25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000", "0199", "0200", "9999", "1300"})
    void unknown_code_is_refused(String input) {
        assertRefused(input, () -> Kommunkod.of(input), "ID-KOM-003", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"680", "06800", "06a0", "06-80", " 0680"})
    void wrong_length_or_characters_are_refused(String input) {
        assertRefused(input, () -> Kommunkod.of(input), "ID-KOM-002", FIELD);
    }

    @Test
    void null_and_blank_are_refused_as_missing() {
        assertRefused(null, () -> Kommunkod.of(null), "ID-KOM-001", FIELD);
        assertRefused("", () -> Kommunkod.of(""), "ID-KOM-001", FIELD);
    }
}
