package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.RejectionAssertions.assertRefused;
import static se.naravard.platform.identity.TestPersonnummer.CLOCK;
import static se.naravard.platform.identity.TestPersonnummer.TODAY;
import static se.naravard.platform.identity.TestPersonnummer.withCheckDigit;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamordningsnummerTest {

    private static final String FIELD = "/samordningsnummer";
    private static final String SYNTHETIC = "197010632391";

    @ParameterizedTest
    @ValueSource(strings = {"197010632391", "19701063-2391", "701063-2391", "7010632391"})
    void synthetic_test_number_is_read_from_every_accepted_form(String input) {
        // given day 63, i.e. born on the 3rd

        // when
        Samordningsnummer samordningsnummer = Samordningsnummer.of(input, CLOCK);

        // then
        assertThat(samordningsnummer).isEqualTo(new Samordningsnummer(SYNTHETIC));
    }

    @Test
    void birth_date_is_the_day_field_minus_60() {
        // given
        Samordningsnummer samordningsnummer = new Samordningsnummer(SYNTHETIC);

        // when
        LocalDate birthDate = samordningsnummer.birthDate();

        // then
        assertThat(birthDate).isEqualTo(LocalDate.of(1970, 10, 3));
    }

    @Test
    void display_keeps_the_day_field_and_uses_plus_from_age_100() {
        // given one person under 100 and one who turns 100 in 2026
        Samordningsnummer young = new Samordningsnummer(SYNTHETIC);
        Samordningsnummer old = new Samordningsnummer(withCheckDigit("19260161123"));

        // when / then
        assertThat(young.display(TODAY)).isEqualTo("701063-2391");
        assertThat(old.display(TODAY)).startsWith("260161+");
        assertThat(Samordningsnummer.of(old.display(TODAY), CLOCK)).isEqualTo(old);
    }

    @Test
    void fhir_system_and_oid_are_the_national_samordningsnummer_ones() {
        // given
        Samordningsnummer samordningsnummer = new Samordningsnummer(SYNTHETIC);

        // when / then
        assertThat(samordningsnummer.system()).isEqualTo("http://electronichealth.se/identifier/samordningsnummer");
        assertThat(samordningsnummer.oid()).isEqualTo("1.2.752.129.2.1.3.3");
    }

    @Test
    void to_string_masks_birth_number_and_check_digit() {
        // given
        Samordningsnummer samordningsnummer = new Samordningsnummer(SYNTHETIC);

        // when
        String text = samordningsnummer.toString();

        // then
        assertThat(text).isEqualTo("Samordningsnummer[19701063-****]");
        assertThat(text).doesNotContain("2391");
    }

    @Test
    void day_91_is_accepted_in_a_month_with_31_days() {
        // given 31 January
        String input = withCheckDigit("19700191123");

        // when
        Samordningsnummer samordningsnummer = Samordningsnummer.of(input, CLOCK);

        // then
        assertThat(samordningsnummer.birthDate()).isEqualTo(LocalDate.of(1970, 1, 31));
    }

    @Test
    void day_91_in_april_is_refused_as_invalid_date() {
        // given 31 April
        String input = withCheckDigit("19700491123");

        // when / then
        assertRefused(input, () -> Samordningsnummer.of(input, CLOCK), "ID-SNR-004", FIELD);
    }

    @Test
    void day_92_is_refused_as_out_of_range() {
        // given
        String input = withCheckDigit("19700192123");

        // when / then
        assertRefused(input, () -> Samordningsnummer.of(input, CLOCK), "ID-SNR-007", FIELD);
    }

    @Test
    void personnummer_is_refused_as_samordningsnummer() {
        // given Tolvan's personnummer, day 12
        String input = "19121212-1212";

        // when / then
        assertRefused(input, () -> Samordningsnummer.of(input, CLOCK), "ID-SNR-007", FIELD);
    }

    @Test
    void null_and_blank_are_refused_as_missing() {
        assertRefused(null, () -> Samordningsnummer.of(null, CLOCK), "ID-SNR-001", FIELD);
        assertRefused(" ", () -> Samordningsnummer.of(" ", CLOCK), "ID-SNR-001", FIELD);
    }

    @Test
    void letters_and_wrong_length_are_refused_as_format() {
        assertRefused("19701063-23X1", () -> Samordningsnummer.of("19701063-23X1", CLOCK), "ID-SNR-002", FIELD);
        assertRefused("1970106323", () -> new Samordningsnummer("1970106323"), "ID-SNR-002", FIELD);
    }

    @Test
    void plus_in_the_twelve_digit_form_is_refused_as_separator() {
        assertRefused("19701063+2391", () -> Samordningsnummer.of("19701063+2391", CLOCK), "ID-SNR-003", FIELD);
    }

    @Test
    void birth_date_after_today_is_refused() {
        // given born 2026-06-02, the day after the fixed today
        String input = withCheckDigit("20260662123");

        // when / then
        assertRefused(input, () -> Samordningsnummer.of(input, CLOCK), "ID-SNR-005", FIELD);
    }

    @Test
    void wrong_check_digit_is_refused() {
        assertRefused("19701063-2392", () -> Samordningsnummer.of("19701063-2392", CLOCK), "ID-SNR-006", FIELD);
    }

    @Test
    void carelink_reserve_number_day_is_refused() {
        // given day 45, in Inera Carelink's reserve range 32-59
        String input = withCheckDigit("19700145123");

        // when / then
        assertRefused(input, () -> Samordningsnummer.of(input, CLOCK), "ID-SNR-008", FIELD);
    }
}
