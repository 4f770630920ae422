package se.naravard.transition.episode;

/**
 * Whether an admission was unplanned (akut inskrivning) or planned (planerad inskrivning): what the
 * joint follow-up's "readmission ≤ 30 days" counts (DOMAIN.md §8: an <em>unplanned</em> admission after a
 * discharge). Absent on an admission means unknown: older episodes, and callers that do not say.
 * JSON codes {@code unplanned}, {@code planned}.
 */
public enum AdmissionKind {
    UNPLANNED,
    PLANNED
}
