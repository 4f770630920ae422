package se.naravard.sip.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * When the plan is followed up and which participant does it; {@code result} once done (DOMAIN.md §4
 * "Required content", practice: follow-up date and who follows up).
 */
public record FollowUp(LocalDate date, ParticipantId by, Result result) {

    public FollowUp {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(by, "by");
    }

    boolean isDone() {
        return result != null;
    }

    FollowUp withResult(Result result) {
        return new FollowUp(date, by, result);
    }

    /** What the follow-up found, and when it was recorded. */
    public record Result(String text, Instant at) {
        public Result {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(at, "at");
        }
    }
}
