package se.naravard.transition.agreement;

import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A county agreement on betalningsansvar (the municipality's payment liability for patients who stay
 * in hospital once utskrivningsklar). DOMAIN.md §5: region and municipalities are expected to agree
 * the start day and amount; the statutory rules apply only without an agreement (prop. 2016/17:106).
 * Agreements are configuration, read by {@link AgreementLoader}; the counting itself is in {@code
 * LiabilityCalculator}.
 *
 * @param name identifies the agreement in explanations
 * @param dayCounting whether grace days are calendar or working days
 * @param graceDays how many counted days pass before liability starts
 * @param dayZero whether the (effective) notice day itself is counted, as day 0
 * @param noticeCutoff a notice at or after this local time counts as sent the next day; {@code null}
 *     means no cut-off
 * @param evesAreHolidays whether julafton, nyårsafton and midsommarafton are non-working days
 * @param dailyAmounts kronor per vårddygn by date
 * @param preconditions what must be fulfilled for any liability
 */
public record CountyAgreement(
        String name,
        DayCounting dayCounting,
        int graceDays,
        boolean dayZero,
        LocalTime noticeCutoff,
        boolean evesAreHolidays,
        DailyAmounts dailyAmounts,
        Set<Precondition> preconditions) {

    public CountyAgreement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dayCounting, "dayCounting");
        Objects.requireNonNull(dailyAmounts, "dailyAmounts");
        if (graceDays < 0) {
            throw new IllegalArgumentException("graceDays must be zero or more: " + graceDays);
        }
        preconditions = preconditions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(preconditions));
    }

    public Optional<LocalTime> cutoff() {
        return Optional.ofNullable(noticeCutoff);
    }
}
