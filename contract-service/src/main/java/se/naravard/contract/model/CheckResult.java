package se.naravard.contract.model;

import java.util.Objects;

/** The outcome of one granskning check, with a short note for the reviewer (never patient data). */
public record CheckResult(ReviewCheck check, boolean passed, String note) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(note, "note");
    }

    static CheckResult of(ReviewCheck check, boolean passed, String passNote, String failNote) {
        return new CheckResult(check, passed, passed ? passNote : failNote);
    }
}
