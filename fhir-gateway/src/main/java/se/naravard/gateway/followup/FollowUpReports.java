package se.naravard.gateway.followup;

import java.time.Clock;
import java.util.List;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * Computes an indicator's MeasureReport for a month from the follow-up store: the facts of the month,
 * the indicator's cases, the tally per level, suppression, the mapping. Computed when asked, from what
 * the events have brought so far: a late event (a receipt, a decided deadline) still changes its month.
 */
public final class FollowUpReports {

    private final FollowUpStore store;
    private final Clock clock;

    public FollowUpReports(FollowUpStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public MeasureReport report(Indicator indicator, Period period) {
        return compute(indicator, period, store.load(period, clock.instant()));
    }

    /** Every indicator's report of {@code period}, from one read of the store. */
    public List<MeasureReport> reports(Period period) {
        Indicator.FollowUpData data = store.load(period, clock.instant());
        return Indicators.ALL.stream().map(i -> compute(i, period, data)).toList();
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
