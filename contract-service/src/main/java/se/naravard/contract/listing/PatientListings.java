package se.naravard.contract.listing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patient's listings, oldest first, never overlapping: one unit at a time (HSL 7 kap. 3 a §). Each
 * change makes a new version. The rules:
 *
 * <ul>
 *   <li>a listing from day F replaces whatever held from F on: listings starting on or after F are
 *       superseded (left out; the stored versions keep them), the one covering F ends the day before;
 *   <li>ending sets the last day of the newest listing, which may not be before its first day.
 * </ul>
 *
 * @param version 0 before the first listing
 */
public record PatientListings(String patientKey, String system, String value, int version, List<Listing> listings) {

    public PatientListings {
        listings = List.copyOf(listings);
    }

    public static PatientListings none(String patientKey, String system, String value) {
        return new PatientListings(patientKey, system, value, 0, List.of());
    }

    /** The listing in force on {@code day}, if any. */
    public Optional<Listing> on(LocalDate day) {
        return listings.stream().filter(l -> l.covers(day)).findFirst();
    }

    /** The newest listing (possibly ended, possibly starting in the future). */
    public Optional<Listing> newest() {
        return listings.isEmpty() ? Optional.empty() : Optional.of(listings.get(listings.size() - 1));
    }

    /** The patient listed with {@code listing} from its first day on. */
    public PatientListings listed(Listing listing) {
        LocalDate from = listing.fromDate();
        List<Listing> kept = new ArrayList<>();
        for (Listing l : listings) {
            if (!l.fromDate().isBefore(from)) {
                continue; // superseded: the new listing holds from its start
            }
            kept.add(l.to() == null || !l.toDate().isBefore(from) ? l.endingOn(from.minusDays(1)) : l);
        }
        kept.add(listing);
        return new PatientListings(patientKey, system, value, version + 1, kept);
    }

    /**
     * The newest listing ended on {@code last} (its last day).
     *
     * @throws IllegalStateException when there is no listing; check {@link #newest()} first
     * @throws IllegalArgumentException when {@code last} is before the newest listing's first day
     */
    public PatientListings ended(LocalDate last) {
        Listing newest = newest().orElseThrow(() -> new IllegalStateException("no listing to end"));
        if (last.isBefore(newest.fromDate())) {
            throw new IllegalArgumentException("the end is before the listing's first day " + newest.from());
        }
        List<Listing> changed = new ArrayList<>(listings.subList(0, listings.size() - 1));
        changed.add(newest.endingOn(last));
        return new PatientListings(patientKey, system, value, version + 1, changed);
    }
}
