package se.naravard.contract.listing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * One listing (listning) of a patient: registered with the primary-care unit {@code unit} (a
 * vårdcentral's HSA-id) from {@code from} through {@code to} (both whole days in Sweden, inclusive;
 * {@code to} null while it lasts), living in {@code kommun} then, in {@code targetGroups}.
 *
 * @param county the länskod, the kommun code's first two digits
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Listing(
        String unit, String kommun, String county, String from, @Nullable String to, List<String> targetGroups) {

    public static Listing of(String unit, String kommun, LocalDate from, List<String> targetGroups) {
        return new Listing(unit, kommun, kommun.substring(0, 2), from.toString(), null, List.copyOf(targetGroups));
    }

    public LocalDate fromDate() {
        return LocalDate.parse(from);
    }

    /** The last day, or null while the listing lasts. */
    public LocalDate toDate() {
        return to == null ? null : LocalDate.parse(to);
    }

    /** Whether the patient is listed here on {@code day} (any time of it). */
    public boolean covers(LocalDate day) {
        return !fromDate().isAfter(day) && (to == null || !toDate().isBefore(day));
    }

    public Listing endingOn(LocalDate last) {
        return new Listing(unit, kommun, county, from, last.toString(), targetGroups);
    }
}
