package se.naravard.transition.deadline;

/** The LUS deadline clocks (DOMAIN.md §5, steps 1, 4, 5 and 7; issue 4 "Deadline clocks"). */
public enum DeadlineKind {
    /** Inskrivningsmeddelande within 24 hours (prop. 2016/17:106; Kunskapsguiden). */
    ADMISSION_NOTICE,
    /** Kallelse till SIP within three days after the utskrivningsklar notice (LUS as amended by SFS 2019:979). */
    SIP_CALL_IN,
    /** Information to the patient and receiving units no later than the discharge day (PL 3 kap. 2 b §). */
    DISCHARGE_INFORMATION,
    /** Återtagande: notify at once when the patient is no longer utskrivningsklar (Vårdhandboken). */
    WITHDRAWAL_NOTICE
}
