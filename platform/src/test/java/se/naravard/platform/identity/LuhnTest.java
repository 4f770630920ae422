package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuhnTest {

    @Test
    void check_digit_of_tolvans_ten_digit_form_is_2() {
        // given the 10-digit form 121212121C
        String payload = "121212121";

        // when
        int check = Luhn.checkDigit(payload);

        // then
        assertThat(check).isEqualTo(2);
    }

    @Test
    void region_organisation_numbers_are_luhn_valid() {
        // given Region Stockholm and Region Jönköpings län (DOMAIN.md §6)
        // when / then
        assertThat(Luhn.isValid("2321000016")).isTrue();
        assertThat(Luhn.isValid("2321000057")).isTrue();
    }

    @Test
    void any_changed_last_digit_is_invalid() {
        // given a valid number
        String valid = "9006022397";

        // when / then every other last digit fails
        for (int delta = 1; delta <= 9; delta++) {
            assertThat(Luhn.isValid(TestPersonnummer.withCheckDigitChangedBy(valid, delta)))
                    .isFalse();
        }
    }
}
