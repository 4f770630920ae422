package se.naravard.platform.identity;

import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;

/**
 * An organisationsnummer: the Swedish identity number of a legal person (Bolagsverket, Skatteverket,
 * SCB). Ten digits {@code NNNNNN-NNNN}: the first is the group (2 = state, regions, municipalities,
 * parishes), the third is at least 2 (so it can never be a personnummer's month), the last is a
 * Luhn check digit over all ten. Regions are {@code 232100-00xx}, e.g. Region Stockholm
 * 232100-0016 (DOMAIN.md §6). Not secret: {@link #toString()} shows it.
 *
 * <p>Refusals are {@link RejectedException}s whose rejection has field {@code
 * /organisationsnummer} and one of:
 *
 * <table>
 *   <caption>Organisationsnummer rejection codes</caption>
 *   <tr><th>Code</th><th>Refused input</th></tr>
 *   <tr><td>ID-ORG-001</td><td>null or blank</td></tr>
 *   <tr><td>ID-ORG-002</td><td>not 10 digits, with or without the hyphen before the last four</td></tr>
 *   <tr><td>ID-ORG-003</td><td>third digit below 2</td></tr>
 *   <tr><td>ID-ORG-004</td><td>wrong check digit (Luhn)</td></tr>
 * </table>
 */
public record Organisationsnummer(String value) {

    private static final String FIELD = "/organisationsnummer";
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");
    private static final Pattern WITH_HYPHEN = Pattern.compile("\\d{6}-\\d{4}");

    /** Validates the normalized 10-digit form. */
    public Organisationsnummer {
        if (value == null || value.isBlank()) {
            throw refusal("ID-ORG-001", "an organisationsnummer is required");
        }
        if (!TEN_DIGITS.matcher(value).matches()) {
            throw refusal("ID-ORG-002", "an organisationsnummer has the form NNNNNNNNNN or NNNNNN-NNNN");
        }
        if (value.charAt(2) < '2') {
            throw refusal("ID-ORG-003", "the third digit of an organisationsnummer is at least 2");
        }
        if (!Luhn.isValid(value)) {
            throw refusal("ID-ORG-004", "the check digit of the organisationsnummer is wrong");
        }
    }

    /** Reads {@code NNNNNNNNNN} or {@code NNNNNN-NNNN}. */
    public static Organisationsnummer of(String input) {
        boolean hyphenated = input != null && WITH_HYPHEN.matcher(input).matches();
        return new Organisationsnummer(hyphenated ? input.replace("-", "") : input);
    }

    /** {@code NNNNNN-NNNN}. */
    public String display() {
        return value.substring(0, 6) + "-" + value.substring(6);
    }

    private static RejectedException refusal(String code, String reason) {
        return new RejectedException(new Rejection(code, FIELD, reason));
    }
}
