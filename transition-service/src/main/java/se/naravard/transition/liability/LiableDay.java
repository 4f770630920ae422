package se.naravard.transition.liability;

import java.time.LocalDate;
import java.util.Objects;

/** One vårddygn the municipality is liable for, at {@code kronor} from the amount row valid from {@code amountValidFrom}. */
public record LiableDay(LocalDate date, long kronor, LocalDate amountValidFrom) {

    public LiableDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amountValidFrom, "amountValidFrom");
    }
}
