package se.naravard.contract.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One agreed action: what happens, who does it, when (a date, or a window from {@code date} to
 * {@code windowEnd}), how the patient is contacted, and where it stands.
 *
 * <p>{@code who} and {@code date} may be missing: documentation is often incomplete, and finding
 * such gaps is what the granskning check {@link ReviewCheck#NEXT_STEP_HAS_OWNER_AND_DATE} is for.
 *
 * @param id stable within the contract, so that a step can be referred to across versions
 * @param windowEnd last day of the window; null when the step has a single date
 * @param completedAt when the step was done: only for a {@link NextStepStatus#DONE} step; the
 *     contract stamps it when the step becomes done ({@link NextSteps#withCompletions})
 */
public record NextStep(
        String id,
        String what,
        Performer who,
        LocalDate date,
        LocalDate windowEnd,
        ContactMethod how,
        NextStepStatus status,
        Instant completedAt) {

    /** A step without a completion time (not done, or not yet stamped). */
    public NextStep(
            String id,
            String what,
            Performer who,
            LocalDate date,
            LocalDate windowEnd,
            ContactMethod how,
            NextStepStatus status) {
        this(id, what, who, date, windowEnd, how, status, null);
    }

    /** This step with {@code at} as its completion time. */
    NextStep completed(Instant at) {
        return new NextStep(id, what, who, date, windowEnd, how, status, at);
    }

    /** True when the step names a responsible unit and a date. */
    public boolean hasOwnerAndDate() {
        return who != null && who.unit() != null && date != null;
    }

    void validate(Violations v, String pointer) {
        v.requiredText(pointer + "/id", id);
        v.requiredText(pointer + "/what", what);
        if (who != null) {
            who.validate(v, pointer + "/who");
        }
        if (windowEnd != null && date == null) {
            v.add(ContractRejections.WINDOW_INVALID.at(pointer + "/date", "a window needs a first date"));
        }
        if (windowEnd != null && date != null && windowEnd.isBefore(date)) {
            v.add(ContractRejections.WINDOW_INVALID.at(pointer + "/windowEnd", "the window ends before it starts"));
        }
        v.required(pointer + "/how", how);
        v.required(pointer + "/status", status);
    }
}
