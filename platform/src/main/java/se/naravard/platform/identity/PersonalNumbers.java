package se.naravard.platform.identity;

import static se.naravard.platform.identity.PersonalNumberRule.CHECK_DIGIT;
import static se.naravard.platform.identity.PersonalNumberRule.DATE;
import static se.naravard.platform.identity.PersonalNumberRule.DAY_RANGE;
import static se.naravard.platform.identity.PersonalNumberRule.FORMAT;
import static se.naravard.platform.identity.PersonalNumberRule.FUTURE;
import static se.naravard.platform.identity.PersonalNumberRule.MISSING;
import static se.naravard.platform.identity.PersonalNumberRule.RESERVE;
import static se.naravard.platform.identity.PersonalNumberRule.SEPARATOR;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing, validation and display shared by {@link Personnummer} and {@link Samordningsnummer}. The
 * rules follow Skatteverket (folkbokföringslagen 18 §, SKV 704) as summarised in DOMAIN.md §6.
 */
final class PersonalNumbers {

    /** Birth dates and "today" are Swedish calendar dates, whatever the server's zone. */
    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");
    // Letters are a format error; any other single character between date and serial is a separator.
    private static final Pattern LONG_FORM = Pattern.compile("(\\d{8})([^0-9A-Za-z]?)(\\d{4})");
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{6})([^0-9A-Za-z]?)(\\d{4})");
    // Region Stockholm reserve numbers start with 99 in the century position; VGR's carry K, M or X
    // in place of the first serial digit (DOMAIN.md §6). Neither may pass as a personal number.
    private static final Pattern STOCKHOLM_RESERVE = Pattern.compile("99\\d{10}");
    private static final Pattern VGR_RESERVE = Pattern.compile("\\d{8}[KMXkmx]\\d{3}");
    private static final int OLDEST_YEAR = 1800;

    private PersonalNumbers() {}

    /** The normalized 12-digit form of any accepted input, validated against {@code clock}'s date. */
    static String normalize(String input, PersonalNumberKind kind, Clock clock) {
        if (input == null || input.isBlank()) {
            throw MISSING.refusal(kind);
        }
        if (VGR_RESERVE.matcher(input).matches()) {
            throw RESERVE.refusal(kind);
        }
        LocalDate today = LocalDate.now(clock);
        String value = toTwelveDigits(input, kind, today);
        validate(value, kind, today);
        return value;
    }

    private static String toTwelveDigits(String input, PersonalNumberKind kind, LocalDate today) {
        Matcher longForm = LONG_FORM.matcher(input);
        if (longForm.matches()) {
            requireSeparator(longForm.group(2), "-", kind);
            return longForm.group(1) + longForm.group(3);
        }
        Matcher shortForm = SHORT_FORM.matcher(input);
        if (shortForm.matches()) {
            String separator = shortForm.group(2);
            requireSeparator(separator, "-+", kind);
            String digits = shortForm.group(1) + shortForm.group(3);
            return withCentury(digits, separator.equals("+"), kind, today);
        }
        throw FORMAT.refusal(kind);
    }

    private static void requireSeparator(String separator, String allowed, PersonalNumberKind kind) {
        if (!separator.isEmpty() && !allowed.contains(separator)) {
            throw SEPARATOR.refusal(kind);
        }
    }

    /**
     * Adds the century to a 10-digit form. Without {@code +}: the most recent century in which the
     * birth date is not in the future. With {@code +}: the person turns 100 this year or earlier,
     * since the separator changes to {@code +} in the year the person turns 100 (SKV 704).
     */
    private static String withCentury(
            String tenDigits, boolean hundredOrOlder, PersonalNumberKind kind, LocalDate today) {
        int twoDigitYear = Integer.parseInt(tenDigits.substring(0, 2));
        int month = Integer.parseInt(tenDigits.substring(2, 4));
        int dayField = Integer.parseInt(tenDigits.substring(4, 6));
        requireDayField(dayField, kind);
        int year = today.getYear() - Math.floorMod(today.getYear() - twoDigitYear, 100);
        int yearMonthDay = year * 10_000 + month * 100 + dayField - kind.dayOffset();
        boolean inFuture =
                yearMonthDay > today.getYear() * 10_000 + today.getMonthValue() * 100 + today.getDayOfMonth();
        if (hundredOrOlder || inFuture) {
            year -= 100;
        }
        return year + tenDigits.substring(2);
    }

    /** Checks a normalized value: 12 digits, day field, calendar date, not in the future, Luhn. */
    static void validate(String value, PersonalNumberKind kind, LocalDate today) {
        if (value == null) {
            throw MISSING.refusal(kind);
        }
        if (!TWELVE_DIGITS.matcher(value).matches()) {
            throw FORMAT.refusal(kind);
        }
        if (STOCKHOLM_RESERVE.matcher(value).matches()) {
            throw RESERVE.refusal(kind);
        }
        requireDayField(Integer.parseInt(value.substring(6, 8)), kind);
        if (birthDate(value, kind).isAfter(today)) {
            throw FUTURE.refusal(kind);
        }
        // The check digit covers the 10-digit form YYMMDDNNN only, not the century.
        if (!Luhn.isValid(value.substring(2))) {
            throw CHECK_DIGIT.refusal(kind);
        }
    }

    private static void requireDayField(int dayField, PersonalNumberKind kind) {
        // Inera Carelink reserve numbers use day 32-59 (DOMAIN.md §6).
        if (dayField >= 32 && dayField <= 59) {
            throw RESERVE.refusal(kind);
        }
        if (!kind.acceptsDayField(dayField)) {
            throw DAY_RANGE.refusal(kind);
        }
    }

    /** The birth date of a 12-digit value whose day field has been checked. */
    static LocalDate birthDate(String value, PersonalNumberKind kind) {
        int year = Integer.parseInt(value.substring(0, 4));
        int month = Integer.parseInt(value.substring(4, 6));
        int day = Integer.parseInt(value.substring(6, 8)) - kind.dayOffset();
        if (year < OLDEST_YEAR) {
            throw DATE.refusal(kind);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException notADate) {
            throw DATE.refusal(kind);
        }
    }

    /** {@code YYMMDD-NNNC}, with {@code +} from the year the person turns 100 (SKV 704). */
    static String display(String value, LocalDate today) {
        int birthYear = Integer.parseInt(value.substring(0, 4));
        char separator = today.getYear() - birthYear >= 100 ? '+' : '-';
        return value.substring(2, 8) + separator + value.substring(8);
    }

    /** {@code Type[YYYYMMDD-****]}: the serial and check digit never reach a log line. */
    static String masked(String typeName, String value) {
        return typeName + "[" + value.substring(0, 8) + "-****]";
    }

    /** Whether an input in any accepted form has a samordningsnummer day field (61-91). */
    static boolean hasCoordinationDay(String input) {
        if (input == null) {
            return false;
        }
        Matcher longForm = LONG_FORM.matcher(input);
        Matcher shortForm = SHORT_FORM.matcher(input);
        String dayField = longForm.matches()
                ? longForm.group(1).substring(6, 8)
                : shortForm.matches() ? shortForm.group(1).substring(4, 6) : "00";
        int day = Integer.parseInt(dayField);
        return day >= 61 && day <= 91;
    }
}
