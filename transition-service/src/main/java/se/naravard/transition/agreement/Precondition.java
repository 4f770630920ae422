package se.naravard.transition.agreement;

/**
 * What must have happened before a municipality can be liable to pay (DOMAIN.md §5, "Typical
 * preconditions for liability" [PRACTICE]). Each agreement lists the ones it requires.
 */
public enum Precondition {
    /** The inskrivningsmeddelande (admission notice) was sent within 24 hours. */
    ADMISSION_NOTICE_IN_TIME,
    /** The utskrivningsklar notice (the patient is ready for discharge) was sent. */
    UTSKRIVNINGSKLAR_SENT,
    /**
     * A fast vårdkontakt (the named coordinating contact in primary care) was appointed, where both
     * principals must act.
     */
    FAST_VARDKONTAKT_APPOINTED,
    /** The kallelse till SIP (call-in to a samordnad individuell plan) was sent where required. */
    SIP_CALLED_WHERE_REQUIRED
}
