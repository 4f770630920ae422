package se.naravard.transition.agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import se.naravard.platform.domain.Rejection;
import se.naravard.transition.Outcome;
import se.naravard.transition.TransitionRejections;

/**
 * The amount per vårddygn (a day of inpatient care) as a dated table: each row applies from its date
 * until the next row. DOMAIN.md §5 "Amount": set yearly by Socialstyrelsen under förordning (2017:617)
 * unless agreed otherwise; known figures 2019 7 800 kr (HSLF-FS 2018:67) and 2022 9 300 kr. A date
 * before the first row has no amount: that is a refusal, never a guess.
 */
public record DailyAmounts(List<Row> rows) {

    /** {@code kronor} whole kronor per vårddygn from {@code validFrom} until the next row. */
    public record Row(LocalDate validFrom, long kronor) {
        public Row {
            Objects.requireNonNull(validFrom, "validFrom");
            if (kronor <= 0) {
                throw new IllegalArgumentException("kronor must be positive: " + kronor);
            }
        }
    }

    public DailyAmounts {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an amount table needs at least one row");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).validFrom().isAfter(rows.get(i - 1).validFrom())) {
                throw new IllegalArgumentException("rows must be in strictly increasing date order");
            }
        }
    }

    /** The row in force on {@code date}, or a refusal if {@code date} is before the first row. */
    public Outcome<Row> rowFor(LocalDate date) {
        Row found = null;
        for (var row : rows) {
            if (row.validFrom().isAfter(date)) {
                break;
            }
            found = row;
        }
        if (found == null) {
            Rejection refusal = TransitionRejections.NO_AMOUNT_FOR_DATE.at(
                    "/dailyAmounts",
                    date + " is before the first amount row (" + rows.get(0).validFrom() + ")");
            return Outcome.refused(List.of(refusal));
        }
        return Outcome.ok(found);
    }
}
