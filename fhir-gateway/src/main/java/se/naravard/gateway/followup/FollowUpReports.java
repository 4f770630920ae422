package se.naravard.gateway.followup;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * Computes an indicator's MeasureReport for a month from the follow-up store: the facts of the month,
 * the indicator's cases, the tally per level, suppression, the mapping. Computed when asked, from what
 * the events have brought so far: a late event (a receipt, a decided deadline) still changes its month.
 */
public final class FollowUpReports {

    private final FollowUpStore store;
    private final Clock clock;
    private final List<Indicator> indicators;

    /** With the default SIP target ({@link Indicators#SIP_HELD_TARGET_DAYS}). */
    public FollowUpReports(FollowUpStore store, Clock clock) {
        this(store, clock, Indicators.ALL);
    }

    /** @param indicators what is reported ({@link Indicators#catalogue}: the county's SIP target) */
    public FollowUpReports(FollowUpStore store, Clock clock, List<Indicator> indicators) {
        this.store = store;
        this.clock = clock;
        this.indicators = List.copyOf(indicators);
    }

    /** Every indicator reported, in their order. */
    public List<Indicator> indicators() {
        return indicators;
    }

    /** The indicator with this id. */
    public Optional<Indicator> indicator(String id) {
        return indicators.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public MeasureReport report(Indicator indicator, Period period) {
        return compute(indicator, period, store.load(period, clock.instant()));
    }

    /** Every indicator's report of {@code period}, from one read of the store. */
    public List<MeasureReport> reports(Period period) {
        Indicator.FollowUpData data = store.load(period, clock.instant());
        return indicators.stream().map(i -> compute(i, period, data)).toList();
    }

    MeasureReport compute(Indicator indicator, Period period, Indicator.FollowUpData data) {
        return compute(indicator, period, data, clock);
    }

    /** The report of one indicator over {@code data}: what the unit tests check. */
    public static MeasureReport compute(Indicator indicator, Period period, Indicator.FollowUpData data, Clock clock) {
        Tally.Node total = Tally.of(indicator.cases().apply(data, period));
        Suppression.apply(total, indicator.scoring());
        return MeasureReportMapper.toReport(indicator, period, total, clock.instant());
    }
}
