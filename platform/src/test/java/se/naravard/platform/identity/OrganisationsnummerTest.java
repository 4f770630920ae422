package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.RejectionAssertions.assertRefused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganisationsnummerTest {

    private static final String FIELD = "/organisationsnummer";

    @ParameterizedTest
    @ValueSource(strings = {"232100-0016", "2321000016"})
    void region_stockholm_is_accepted_with_or_without_hyphen(String input) {
        // given Region Stockholm's organisationsnummer

        // when
        Organisationsnummer organisationsnummer = Organisationsnummer.of(input);

        // then
        assertThat(organisationsnummer.value()).isEqualTo("2321000016");
        assertThat(organisationsnummer.display()).isEqualTo("232100-0016");
    }

    @Test
    void region_jonkopings_lan_is_accepted() {
        // given
        String input = "232100-0057";

        // when
        Organisationsnummer organisationsnummer = Organisationsnummer.of(input);

        // then
        assertThat(organisationsnummer).isEqualTo(new Organisationsnummer("2321000057"));
    }

    @Test
    void wrong_check_digit_is_refused() {
        assertRefused("232100-0017", () -> Organisationsnummer.of("232100-0017"), "ID-ORG-004", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2012345670", "551234-5678"})
    void third_digit_below_2_is_refused(String input) {
        // given Luhn-valid numbers whose third digit is 1, as in a personnummer's month

        // when / then
        assertRefused(input, () -> Organisationsnummer.of(input), "ID-ORG-003", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"232100_0016", "232100-00160", "23210000", "2321OOOO16", "232100 0016"})
    void wrong_length_or_characters_are_refused(String input) {
        assertRefused(input, () -> Organisationsnummer.of(input), "ID-ORG-002", FIELD);
    }

    @Test
    void null_and_blank_are_refused_as_missing() {
        assertRefused(null, () -> Organisationsnummer.of(null), "ID-ORG-001", FIELD);
        assertRefused(" ", () -> new Organisationsnummer(" "), "ID-ORG-001", FIELD);
    }
}
