package se.naravard.transition.episode;

import java.time.Duration;
import java.util.Objects;
import se.naravard.transition.deadline.DeadlineRules;

/**
 * The configurable clocks of an episode: the LUS deadlines and how long an addressee has to return a
 * receipt. The receipt window is county/transport configuration, not law; the default of 4 hours is
 * [DESIGN].
 */
public record EpisodeRules(DeadlineRules deadlines, Duration receiptWindow) {

    public static final Duration DEFAULT_RECEIPT_WINDOW = Duration.ofHours(4);

    public EpisodeRules {
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(receiptWindow, "receiptWindow");
        if (receiptWindow.isNegative() || receiptWindow.isZero()) {
            throw new IllegalArgumentException("receiptWindow must be positive: " + receiptWindow);
        }
    }

    public static EpisodeRules defaults() {
        return new EpisodeRules(new DeadlineRules(), DEFAULT_RECEIPT_WINDOW);
    }
}
