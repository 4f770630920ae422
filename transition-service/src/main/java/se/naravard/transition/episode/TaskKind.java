package se.naravard.transition.episode;

/**
 * What a {@link DeadlineTask} waits for: the four LUS clocks of {@code deadline.DeadlineKind}
 * (DOMAIN.md §5 steps 1, 4, 5, 7) and a receipt per addressee (issue 4: "a message without a receipt by
 * its configured time raises an open task").
 */
public enum TaskKind {
    ADMISSION_NOTICE,
    SIP_CALL_IN,
    DISCHARGE_INFORMATION,
    WITHDRAWAL_NOTICE,
    RECEIPT
}
