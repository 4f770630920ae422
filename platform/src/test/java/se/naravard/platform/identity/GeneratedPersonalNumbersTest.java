package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.RejectionAssertions.assertRefused;
import static se.naravard.platform.identity.TestPersonnummer.CLOCK;
import static se.naravard.platform.identity.TestPersonnummer.TODAY;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded, synthetic numbers over 1900-2026. Assertions compare records, whose {@code
 * toString()} masks, so a failure never prints a number that might belong to a real person.
 */
class GeneratedPersonalNumbersTest {

    private static final int COUNT = 5_000;

    @Test
    void generated_personnummer_round_trip_through_every_form() {
        // given
        Random random = new Random(20_260_601L);

        for (int i = 0; i < COUNT; i++) {
            Personnummer expected = TestPersonnummer.random(random);
            String value = expected.value();

            // when
            Personnummer fromValue = Personnummer.of(value, CLOCK);
            Personnummer fromHyphenated = Personnummer.of(value.substring(0, 8) + "-" + value.substring(8), CLOCK);
            Personnummer fromDisplay = Personnummer.of(expected.display(TODAY), CLOCK);
            PatientIdentifier parsed = PatientIdentifier.parse(expected.display(TODAY), CLOCK);

            // then
            assertThat(fromValue).isEqualTo(expected);
            assertThat(fromHyphenated).isEqualTo(expected);
            assertThat(fromDisplay).isEqualTo(expected);
            assertThat(parsed).isEqualTo(expected);
        }
    }

    @Test
    void generated_samordningsnummer_round_trip_through_every_form() {
        // given
        Random random = new Random(70_101_063L);

        for (int i = 0; i < COUNT; i++) {
            Samordningsnummer expected = TestPersonnummer.randomSamordningsnummer(random);
            String value = expected.value();

            // when
            Samordningsnummer fromValue = Samordningsnummer.of(value, CLOCK);
            Samordningsnummer fromHyphenated =
                    Samordningsnummer.of(value.substring(0, 8) + "-" + value.substring(8), CLOCK);
            Samordningsnummer fromDisplay = Samordningsnummer.of(expected.display(TODAY), CLOCK);
            PatientIdentifier parsed = PatientIdentifier.parse(expected.display(TODAY), CLOCK);

            // then
            assertThat(fromValue).isEqualTo(expected);
            assertThat(fromHyphenated).isEqualTo(expected);
            assertThat(fromDisplay).isEqualTo(expected);
            assertThat(parsed).isEqualTo(expected);
            assertThat(expected.birthDate().getDayOfMonth()).isEqualTo(Integer.parseInt(value.substring(6, 8)) - 60);
        }
    }

    @Test
    void generation_covers_both_centuries() {
        // given
        Random random = new Random(1L);

        // when
        long nineteenHundreds = 0;
        long twoThousands = 0;
        for (int i = 0; i < COUNT; i++) {
            int year = TestPersonnummer.random(random).birthDate().getYear();
            nineteenHundreds += year < 2000 ? 1 : 0;
            twoThousands += year >= 2000 ? 1 : 0;
        }

        // then
        assertThat(nineteenHundreds).isPositive();
        assertThat(twoThousands).isPositive();
    }

    @Test
    void changing_the_check_digit_of_a_generated_number_always_fails() {
        // given
        Random random = new Random(42L);

        for (int i = 0; i < COUNT; i++) {
            String personnummer = TestPersonnummer.random(random).value();
            String samordningsnummer =
                    TestPersonnummer.randomSamordningsnummer(random).value();
            int delta = 1 + random.nextInt(9);

            // when
            String badPersonnummer = TestPersonnummer.withCheckDigitChangedBy(personnummer, delta);
            String badSamordningsnummer = TestPersonnummer.withCheckDigitChangedBy(samordningsnummer, delta);

            // then
            assertRefused(
                    badPersonnummer, () -> Personnummer.of(badPersonnummer, CLOCK), "ID-PNR-006", "/personnummer");
            assertRefused(
                    badSamordningsnummer,
                    () -> Samordningsnummer.of(badSamordningsnummer, CLOCK),
                    "ID-SNR-006",
                    "/samordningsnummer");
        }
    }

    @Test
    void to_string_of_generated_numbers_never_contains_the_number() {
        // given
        Random random = new Random(7L);

        for (int i = 0; i < COUNT; i++) {
            Personnummer personnummer = TestPersonnummer.random(random);
            Samordningsnummer samordningsnummer = TestPersonnummer.randomSamordningsnummer(random);

            // when
            String pnrText = personnummer.toString();
            String snrText = samordningsnummer.toString();

            // then (compare booleans so a failure does not print the number)
            assertThat(pnrText.contains(personnummer.value().substring(2))).isFalse();
            assertThat(pnrText.endsWith("-****]")).isTrue();
            assertThat(snrText.contains(samordningsnummer.value().substring(2))).isFalse();
            assertThat(snrText.endsWith("-****]")).isTrue();
        }
    }
}
