package se.naravard.contract.model;

/** Where a next step stands. Planned and booked steps are still ahead of the patient. */
public enum NextStepStatus {
    PLANNED,
    BOOKED,
    DONE,
    CANCELLED;

    public boolean isAhead() {
        return this == PLANNED || this == BOOKED;
    }
}
