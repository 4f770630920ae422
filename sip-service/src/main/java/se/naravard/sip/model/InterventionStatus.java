package se.naravard.sip.model;

/** Where one insats stands. */
public enum InterventionStatus {
    PLANNED,
    ONGOING,
    DONE,
    STOPPED
}
