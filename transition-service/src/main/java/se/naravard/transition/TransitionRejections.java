package se.naravard.transition;

import se.naravard.platform.domain.Rejection;

/**
 * Every refusal of the transition rules, with its stable code. Codes are greppable and never reused;
 * reasons name keys, fields and dates, never a personnummer or other patient data.
 */
public enum TransitionRejections {
    /** A required key of a county agreement file is missing or blank. */
    AGREEMENT_KEY_REQUIRED("TRANSITION-101"),
    /** An agreement key this version does not know (a typo would otherwise be silently ignored). */
    AGREEMENT_KEY_UNKNOWN("TRANSITION-102"),
    /** {@code dayCounting} is neither CALENDAR nor WORKING. */
    DAY_COUNTING_UNKNOWN("TRANSITION-103"),
    /** {@code graceDays} is not a whole number of zero or more. */
    GRACE_DAYS_INVALID("TRANSITION-104"),
    /** A yes/no key is neither {@code true} nor {@code false}. */
    BOOLEAN_INVALID("TRANSITION-105"),
    /** {@code noticeCutoff} is not a local time {@code HH:mm}. */
    CUTOFF_INVALID("TRANSITION-106"),
    /** A {@code dailyAmounts} row is not {@code yyyy-MM-dd:kronor} with whole, positive kronor. */
    AMOUNT_ROW_INVALID("TRANSITION-107"),
    /** {@code dailyAmounts} rows are not in strictly increasing date order. */
    AMOUNTS_OUT_OF_ORDER("TRANSITION-108"),
    /** A precondition name is not one of {@code Precondition}'s values. */
    PRECONDITION_UNKNOWN("TRANSITION-109"),
    /** The agreement file could not be read at all. */
    AGREEMENT_UNREADABLE("TRANSITION-110"),
    /** A liable day falls before the first row of the agreement's amount table: no amount is guessed. */
    NO_AMOUNT_FOR_DATE("TRANSITION-201"),
    /** Withdrawals are not in order, overlap, precede the notice or leave a gap open before another. */
    WITHDRAWALS_INVALID("TRANSITION-202"),
    /** A patient still in hospital needs an "as of" date to count up to. */
    AS_OF_REQUIRED("TRANSITION-203");

    private final String code;

    TransitionRejections(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Rejection at(String field, String reason) {
        return new Rejection(code, field, reason);
    }
}
