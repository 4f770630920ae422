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
    AS_OF_REQUIRED("TRANSITION-203"),
    /** The physician's assessment is recorded before the admission it belongs to. */
    ASSESSMENT_BEFORE_ADMISSION("TRANSITION-301"),
    /** The expected discharge date is before the admission date. */
    EXPECTED_DISCHARGE_BEFORE_ADMISSION("TRANSITION-302"),
    /** A message must have at least one addressee. */
    NO_ADDRESSEE("TRANSITION-303"),
    /** A municipal addressee must name its kommun (kommunkod). */
    KOMMUN_REQUIRED("TRANSITION-304"),
    /** A message or discharge dated before the admission (e.g. utskrivningsklar before admission). */
    BEFORE_ADMISSION("TRANSITION-305"),
    /** A message dated before the last recorded message, or after the change that records it. */
    SENT_OUT_OF_ORDER("TRANSITION-306"),
    /** A message with this id is already recorded. */
    DUPLICATE_MESSAGE("TRANSITION-307"),
    /** Utskrivningsklar while the patient already is utskrivningsklar. */
    ALREADY_UTSKRIVNINGSKLAR("TRANSITION-308"),
    /** Återtagande while the patient is not utskrivningsklar: nothing to withdraw. */
    NOTHING_TO_WITHDRAW("TRANSITION-309"),
    /** {@code refersTo} is missing, unknown or names a message of the wrong type. */
    REFERS_TO_INVALID("TRANSITION-310"),
    /** The message was cancelled by makulering: nothing more may refer to it. */
    MESSAGE_CANCELLED("TRANSITION-311"),
    /** The episode is closed (patient deceased, moved, interrupted): only makulering is accepted. */
    EPISODE_CLOSED("TRANSITION-312"),
    /** The patient is discharged: only makulering, kallelse till SIP and same-day utskrivningsmeddelande. */
    EPISODE_DISCHARGED("TRANSITION-313"),
    /** The patient is already discharged. */
    ALREADY_DISCHARGED("TRANSITION-314"),
    /** A receipt for a message this episode does not hold. */
    RECEIPT_UNKNOWN_MESSAGE("TRANSITION-315"),
    /** A receipt from a unit that is not among the message's addressees. */
    RECEIPT_NOT_ADDRESSEE("TRANSITION-316"),
    /** A fatal-error receipt needs a reason. */
    RECEIPT_REASON_REQUIRED("TRANSITION-317"),
    /** A receipt dated before the message was sent. */
    RECEIPT_BEFORE_SENT("TRANSITION-318");

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
