package se.naravard.gateway.fhir;

import ca.uhn.fhir.rest.param.DateRangeParam;
import java.util.Date;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/**
 * The date search parameters over resources already mapped: {@code _lastUpdated} against {@code
 * meta.lastUpdated}, and {@code date} against a Period (CarePlan.period, Encounter.period), which
 * matches when the period and the searched range overlap (R4 search, "date" on a Period; an open end
 * runs on). HAPI turns the prefixes and precisions into the range's bounds.
 */
public final class DateSearch {

    private DateSearch() {}

    public static boolean lastUpdated(DateRangeParam range, Resource r) {
        if (range == null || range.isEmpty()) {
            return true;
        }
        Date at = r.getMeta().getLastUpdated();
        return at != null && overlaps(range, at, at);
    }

    public static boolean period(DateRangeParam range, Period period) {
        if (range == null || range.isEmpty()) {
            return true;
        }
        if (period == null || (!period.hasStart() && !period.hasEnd())) {
            return false;
        }
        return overlaps(range, period.getStart(), period.getEnd());
    }

    /** Whether [start, end] (null = open) and the range's bounds share an instant. */
    private static boolean overlaps(DateRangeParam range, Date start, Date end) {
        Date lower = range.getLowerBoundAsInstant();
        Date upper = range.getUpperBoundAsInstant();
        boolean startsBeforeUpper = upper == null || start == null || !start.after(upper);
        boolean endsAfterLower = lower == null || end == null || !end.before(lower);
        return startsBeforeUpper && endsAfterLower;
    }
}
