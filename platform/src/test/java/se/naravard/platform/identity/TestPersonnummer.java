package se.naravard.platform.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Random;

/**
 * Valid personal numbers for tests. The named ones come from Skatteverket's test-personnummer list
 * (DOMAIN.md §6). The random ones are synthetic and may coincide with real people's numbers, so tests
 * compare the records (whose {@code toString()} masks) and never print {@code value()}.
 */
final class TestPersonnummer {

    /** A fixed "today" for century inference and future checks. */
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    static final Clock CLOCK = Clock.fixed(
            TODAY.atTime(LocalTime.NOON).atZone(PersonalNumbers.SWEDEN).toInstant(), PersonalNumbers.SWEDEN);

    static final String TOLVAN = "191212121212";

    private static final LocalDate OLDEST = LocalDate.of(1900, 1, 1);

    private TestPersonnummer() {}

    /** A valid personnummer born 1900-01-01 to {@link #TODAY}, with a random birth number. */
    static Personnummer random(Random random) {
        return new Personnummer(withCheckDigit(randomDateAndSerial(random, 0)));
    }

    /** A valid samordningsnummer born 1900-01-01 to {@link #TODAY}, with a random birth number. */
    static Samordningsnummer randomSamordningsnummer(Random random) {
        return new Samordningsnummer(withCheckDigit(randomDateAndSerial(random, 60)));
    }

    /** {@code YYYYMMDDNNN} plus its Luhn digit, computed over the 10-digit form as Skatteverket does. */
    static String withCheckDigit(String yyyymmddnnn) {
        return yyyymmddnnn + Luhn.checkDigit(yyyymmddnnn.substring(2));
    }

    /** The same number with its check digit changed by {@code delta} (1-9): never valid. */
    static String withCheckDigitChangedBy(String value, int delta) {
        int check = value.charAt(value.length() - 1) - '0';
        return value.substring(0, value.length() - 1) + (check + delta) % 10;
    }

    private static String randomDateAndSerial(Random random, int dayOffset) {
        int days = (int) (TODAY.toEpochDay() - OLDEST.toEpochDay());
        LocalDate birth = OLDEST.plusDays(random.nextInt(days + 1));
        return String.format(
                "%04d%02d%02d%03d",
                birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth() + dayOffset, random.nextInt(1000));
    }
}
