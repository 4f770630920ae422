package se.naravard.contract.listing;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import se.naravard.contract.document.Docs.PatientDoc;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.web.ProblemException;

/**
 * The use cases of listings (listning): the region's listing system tells who is listed where. Each
 * change is one transaction: the new version stored and its {@code listing-changed} event appended to
 * the outbox; a refusal throws a {@link ProblemException} and nothing is written.
 */
@Singleton
public class ListingService {

    /** The patient has no listing (to end or to read). */
    public static final String NOT_LISTED = "CONTRACT-045";
    /** An end before the listing's first day. */
    public static final String END_BEFORE_START = "CONTRACT-044";

    private static final java.time.ZoneId SWEDEN = java.time.ZoneId.of("Europe/Stockholm");

    private final ListingStore store;
    private final ListingEventPublisher events;
    private final PatientKeys patientKeys;
    private final Clock clock;

    public ListingService(ListingStore store, ListingEventPublisher events, PatientKeys patientKeys, Clock clock) {
        this.store = store;
        this.events = events;
        this.patientKeys = patientKeys;
        this.clock = clock;
    }

    /** The patient listed with {@code listing} from its first day: what held from then on is replaced. */
    @Transactional
    public ListingsDocument list(PatientIdentifier patient, Listing listing) {
        String key = patientKeys.keyFor(patient.system(), patient.value());
        PatientListings before =
                store.byKey(key, true).orElseGet(() -> PatientListings.none(key, patient.system(), patient.value()));
        PatientListings after = before.listed(listing);
        Instant at = clock.instant();
        store.save(after, "listed", at);
        events.publish(after, listing, "listed", at);
        return document(after);
    }

    /** The patient's newest listing ends on {@code last} (its last day). */
    @Transactional
    public ListingsDocument end(PatientIdentifier patient, LocalDate last) {
        String key = patientKeys.keyFor(patient.system(), patient.value());
        PatientListings before =
                store.byKey(key, true).filter(p -> p.newest().isPresent()).orElseThrow(() -> notListed("/person"));
        PatientListings after;
        try {
            after = before.ended(last);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(
                    422,
                    "The end of the listing is not valid",
                    java.util.List.of(new Rejection(
                            END_BEFORE_START,
                            "/to",
                            "the last day is before the listing's first day "
                                    + before.newest().orElseThrow().from())));
        }
        Instant at = clock.instant();
        store.save(after, "ended", at);
        events.publish(after, after.newest().orElseThrow(), "ended", at);
        return document(after);
    }

    @ReadOnly
    public Optional<ListingsDocument> byPatient(PatientIdentifier patient) {
        return byKey(patientKeys.keyFor(patient.system(), patient.value()));
    }

    @ReadOnly
    public Optional<ListingsDocument> byKey(String patientKey) {
        return store.byKey(patientKey, false).map(this::document);
    }

    public static ProblemException notListed(String field) {
        return ProblemException.of(404, new Rejection(NOT_LISTED, field, "the patient has no listing"));
    }

    private ListingsDocument document(PatientListings p) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), SWEDEN);
        return new ListingsDocument(
                p.patientKey(),
                new PatientDoc(p.system(), p.value()),
                p.version(),
                p.on(today).orElse(null),
                p.listings());
    }
}
