package se.naravard.platform.identity;

import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;

/**
 * The rules a personnummer or samordningsnummer can break, each with its stable code per kind. The
 * codes are listed in the Javadoc of {@link Personnummer} and {@link Samordningsnummer} and in
 * {@code docs/identifiers.md}; never renumber them. Reasons never contain the input.
 */
enum PersonalNumberRule {
    MISSING("ID-PNR-001", "ID-SNR-001", "a %s is required"),
    FORMAT(
            "ID-PNR-002",
            "ID-SNR-002",
            "a %s has the form YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC"),
    SEPARATOR(
            "ID-PNR-003",
            "ID-SNR-003",
            "the separator of a %s is '-', or '+' in the 10-digit form for a person aged 100 or more"),
    DATE("ID-PNR-004", "ID-SNR-004", "the date part of the %s is not a calendar date"),
    FUTURE("ID-PNR-005", "ID-SNR-005", "the birth date of the %s is in the future"),
    CHECK_DIGIT("ID-PNR-006", "ID-SNR-006", "the check digit of the %s is wrong"),
    DAY_RANGE("ID-PNR-007", "ID-SNR-007", null),
    RESERVE("ID-PNR-008", "ID-SNR-008", "a reservnummer is not a %s");

    private final String personnummerCode;
    private final String samordningsnummerCode;
    private final String reasonTemplate;

    PersonalNumberRule(String personnummerCode, String samordningsnummerCode, String reasonTemplate) {
        this.personnummerCode = personnummerCode;
        this.samordningsnummerCode = samordningsnummerCode;
        this.reasonTemplate = reasonTemplate;
    }

    String code(PersonalNumberKind kind) {
        return kind == PersonalNumberKind.PERSONNUMMER ? personnummerCode : samordningsnummerCode;
    }

    RejectedException refusal(PersonalNumberKind kind) {
        String reason = reasonTemplate == null ? kind.dayRangeReason() : String.format(reasonTemplate, kind.label());
        return new RejectedException(new Rejection(code(kind), kind.field(), reason));
    }
}
