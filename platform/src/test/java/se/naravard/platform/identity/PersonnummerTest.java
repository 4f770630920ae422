package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.RejectionAssertions.assertRefused;
import static se.naravard.platform.identity.TestPersonnummer.CLOCK;
import static se.naravard.platform.identity.TestPersonnummer.TODAY;
import static se.naravard.platform.identity.TestPersonnummer.TOLVAN;
import static se.naravard.platform.identity.TestPersonnummer.withCheckDigit;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonnummerTest {

    private static final String FIELD = "/personnummer";

    @ParameterizedTest
    @CsvSource({
        "19121212-1212, 1912-12-12",
        "19900602-2397, 1990-06-02",
        "19571230-2842, 1957-12-30",
        "20000102-2391, 2000-01-02",
        "19810107-9294, 1981-01-07"
    })
    void skatteverket_test_numbers_are_valid(String input, LocalDate birthDate) {
        // given a number from Skatteverket's test list

        // when
        Personnummer personnummer = Personnummer.of(input, CLOCK);

        // then
        assertThat(personnummer.value()).isEqualTo(input.replace("-", ""));
        assertThat(personnummer.birthDate()).isEqualTo(birthDate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"191212121212", "19121212-1212", "121212+1212"})
    void tolvan_is_read_from_every_form_that_carries_his_century(String input) {
        // given one of the accepted forms of 19121212-1212

        // when
        Personnummer personnummer = Personnummer.of(input, CLOCK);

        // then
        assertThat(personnummer).isEqualTo(new Personnummer(TOLVAN));
    }

    @ParameterizedTest
    @CsvSource({
        "900602-2397, 199006022397",
        "9006022397, 199006022397",
        "000102-2391, 200001022391",
        "5712302842, 195712302842",
        "121212-1212, 201212121212"
    })
    void short_form_without_plus_takes_the_most_recent_century_not_in_the_future(String input, String expected) {
        // given a 10-digit form with '-' or no separator, read on 2026-06-01

        // when
        Personnummer personnummer = Personnummer.of(input, CLOCK);

        // then
        assertThat(personnummer).isEqualTo(new Personnummer(expected));
    }

    @Test
    void short_form_dated_after_today_belongs_to_the_previous_century() {
        // given birth dates one day apart around today, 2026-06-01
        String bornToday = withCheckDigit("20260601123");
        String bornTomorrow = withCheckDigit("20260602123");

        // when
        Personnummer today = Personnummer.of(bornToday.substring(2), CLOCK);
        Personnummer tomorrow = Personnummer.of(bornTomorrow.substring(2), CLOCK);

        // then
        assertThat(today.birthDate()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(tomorrow.birthDate()).isEqualTo(LocalDate.of(1926, 6, 2));
    }

    @Test
    void short_form_with_plus_means_the_person_turns_100_this_year_or_earlier() {
        // given someone born in 1926, who turns 100 in 2026
        String value = withCheckDigit("19261231123");
        String input = value.substring(2, 8) + "+" + value.substring(8);

        // when
        Personnummer personnummer = Personnummer.of(input, CLOCK);

        // then
        assertThat(personnummer.birthDate()).isEqualTo(LocalDate.of(1926, 12, 31));
    }

    @Test
    void display_uses_plus_from_the_year_the_person_turns_100() {
        // given Tolvan, born 1912-12-12
        Personnummer tolvan = new Personnummer(TOLVAN);

        // when / then
        assertThat(tolvan.display(LocalDate.of(2011, 12, 31))).isEqualTo("121212-1212");
        assertThat(tolvan.display(LocalDate.of(2012, 1, 1))).isEqualTo("121212+1212");
        assertThat(tolvan.display(TODAY)).isEqualTo("121212+1212");
    }

    @Test
    void display_of_a_person_under_100_uses_hyphen_and_reads_back() {
        // given
        Personnummer personnummer = Personnummer.of("19900602-2397", CLOCK);

        // when
        String display = personnummer.display(TODAY);

        // then
        assertThat(display).isEqualTo("900602-2397");
        assertThat(Personnummer.of(display, CLOCK)).isEqualTo(personnummer);
    }

    @Test
    void fhir_system_and_oid_are_the_national_personnummer_ones() {
        // given
        Personnummer personnummer = new Personnummer(TOLVAN);

        // when / then
        assertThat(personnummer.system()).isEqualTo("http://electronichealth.se/identifier/personnummer");
        assertThat(personnummer.oid()).isEqualTo("1.2.752.129.2.1.3.1");
    }

    @Test
    void to_string_masks_birth_number_and_check_digit() {
        // given
        Personnummer personnummer = Personnummer.of("19900602-2397", CLOCK);

        // when
        String text = personnummer.toString();

        // then
        assertThat(text).isEqualTo("Personnummer[19900602-****]");
        assertThat(text).doesNotContain("2397").doesNotContain("9006022397");
    }

    @Test
    void null_is_refused_as_missing() {
        assertRefused(null, () -> Personnummer.of(null, CLOCK), "ID-PNR-001", FIELD);
        assertRefused(null, () -> new Personnummer(null), "ID-PNR-001", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blank_is_refused_as_missing(String input) {
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-001", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19121212-12AB", "ABCDEFGHIJKL", "１９１２１２１２１２１２"})
    void letters_or_non_ascii_digits_are_refused_as_format(String input) {
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-002", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12121212", "19121212121", "1912121212120", "19121212--1212", " 191212121212"})
    void wrong_length_is_refused_as_format(String input) {
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-002", FIELD);
    }

    @Test
    void constructor_refuses_anything_but_twelve_digits() {
        assertRefused("19121212-1212", () -> new Personnummer("19121212-1212"), "ID-PNR-002", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19121212+1212", "121212/1212", "121212 1212", "19121212_1212"})
    void separator_other_than_hyphen_or_short_form_plus_is_refused(String input) {
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-003", FIELD);
    }

    @Test
    void month_13_is_refused_as_invalid_date() {
        String input = withCheckDigit("19901302123");
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-004", FIELD);
    }

    @Test
    void thirtieth_of_february_is_refused_as_invalid_date() {
        String input = withCheckDigit("19900230123");
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-004", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20230229123", "19000229123"})
    void twenty_ninth_of_february_in_a_non_leap_year_is_refused(String dateAndSerial) {
        String input = withCheckDigit(dateAndSerial);
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-004", FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20240229123", "20000229123"})
    void twenty_ninth_of_february_in_a_leap_year_is_accepted(String dateAndSerial) {
        // given
        String input = withCheckDigit(dateAndSerial);

        // when
        Personnummer personnummer = Personnummer.of(input, CLOCK);

        // then
        assertThat(personnummer.birthDate().getDayOfMonth()).isEqualTo(29);
    }

    @Test
    void day_zero_is_refused_as_invalid_date() {
        String input = withCheckDigit("19900600123");
        assertRefused(input, () -> Personnummer.of(input, CLOCK), "ID-PNR-004", FIELD);
    }

    @Test
    void birth_date_after_today_is_refused() {
        String tomorrow = withCheckDigit("20260602123");
        assertRefused(tomorrow, () -> Personnummer.of(tomorrow, CLOCK), "ID-PNR-005", FIELD);
        String farFuture = withCheckDigit("20990101123");
        assertRefused(farFuture, () -> new Personnummer(farFuture), "ID-PNR-005", FIELD);
    }

    @Test
    void wrong_check_digit_is_refused() {
        assertRefused("19121212-1213", () -> Personnummer.of("19121212-1213", CLOCK), "ID-PNR-006", FIELD);
        assertRefused("191212121210", () -> new Personnummer("191212121210"), "ID-PNR-006", FIELD);
    }

    @Test
    void samordningsnummer_day_61_to_91_is_refused_as_personnummer() {
        String day61 = withCheckDigit("19701061239");
        assertRefused(day61, () -> Personnummer.of(day61, CLOCK), "ID-PNR-007", FIELD);
        assertRefused("701063-2391", () -> Personnummer.of("701063-2391", CLOCK), "ID-PNR-007", FIELD);
    }

    @Test
    void reserve_number_forms_are_refused() {
        // Region Stockholm 99yyyyNNNNNC, VGR yyyymmdd[KMX]ggC, Inera Carelink day 32-59
        String carelink = withCheckDigit("19900632123");
        assertRefused("991990123456", () -> Personnummer.of("991990123456", CLOCK), "ID-PNR-008", FIELD);
        assertRefused("19900602K123", () -> Personnummer.of("19900602K123", CLOCK), "ID-PNR-008", FIELD);
        assertRefused(carelink, () -> Personnummer.of(carelink, CLOCK), "ID-PNR-008", FIELD);
    }

    @Test
    void refusal_can_be_pointed_at_the_request_field() {
        // given a refusal with the default field
        var rejection = assertRefused("19121212-1213", () -> Personnummer.of("19121212-1213"), "ID-PNR-006", FIELD);

        // when
        var pointed = rejection.atField("/patient/identifier");

        // then
        assertThat(pointed.field()).isEqualTo("/patient/identifier");
        assertThat(pointed.code()).isEqualTo("ID-PNR-006");
    }
}
