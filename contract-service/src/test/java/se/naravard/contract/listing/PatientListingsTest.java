package se.naravard.contract.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of a patient's listings: one unit at a time, a new listing replacing what held from its start. */
class PatientListingsTest {

    private static final String VC1 = "SE2321000057-VC01";
    private static final String VC2 = "SE2321000057-VC02";

    private static PatientListings none() {
        return PatientListings.none("k", "system", "191212121212");
    }

    private static Listing at(String unit, String from) {
        return Listing.of(unit, "0680", LocalDate.parse(from), List.of("frail-elderly"));
    }

    @Test
    void a_first_listing_is_version_one_and_covers_from_its_first_day_on() {
        PatientListings p = none().listed(at(VC1, "2026-03-01"));

        assertThat(p.version()).isEqualTo(1);
        assertThat(p.on(LocalDate.parse("2026-02-28"))).isEmpty();
        assertThat(p.on(LocalDate.parse("2026-03-01")))
                .hasValueSatisfying(l -> assertThat(l.unit()).isEqualTo(VC1));
        assertThat(p.on(LocalDate.parse("2030-01-01"))).isPresent();
        assertThat(p.listings().get(0).county()).isEqualTo("06");
    }

    @Test
    void re_listing_ends_the_earlier_listing_the_day_before() {
        PatientListings p = none().listed(at(VC1, "2026-03-01")).listed(at(VC2, "2026-03-16"));

        assertThat(p.version()).isEqualTo(2);
        assertThat(p.listings())
                .extracting(Listing::unit, Listing::from, Listing::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VC1, "2026-03-01", "2026-03-15"),
                        org.assertj.core.groups.Tuple.tuple(VC2, "2026-03-16", null));
        assertThat(p.on(LocalDate.parse("2026-03-15")).orElseThrow().unit()).isEqualTo(VC1);
        assertThat(p.on(LocalDate.parse("2026-03-16")).orElseThrow().unit()).isEqualTo(VC2);
    }

    @Test
    void a_listing_from_the_same_day_or_earlier_supersedes_what_started_then_or_later() {
        PatientListings p = none().listed(at(VC1, "2026-03-01"))
                .listed(at(VC2, "2026-04-01"))
                .listed(at(VC1, "2026-04-01"));

        assertThat(p.listings())
                .extracting(Listing::unit, Listing::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VC1, "2026-03-31"),
                        org.assertj.core.groups.Tuple.tuple(VC1, null));

        PatientListings back = p.listed(at(VC2, "2026-01-01"));
        assertThat(back.listings()).extracting(Listing::unit).containsExactly(VC2);
    }

    @Test
    void an_ended_listing_covers_its_last_day_and_not_the_next() {
        PatientListings p = none().listed(at(VC1, "2026-03-01")).ended(LocalDate.parse("2026-03-31"));

        assertThat(p.version()).isEqualTo(2);
        assertThat(p.on(LocalDate.parse("2026-03-31"))).isPresent();
        assertThat(p.on(LocalDate.parse("2026-04-01"))).isEmpty();
    }

    @Test
    void an_end_before_the_first_day_is_refused_and_one_day_is_allowed() {
        PatientListings p = none().listed(at(VC1, "2026-03-01"));

        assertThatThrownBy(() -> p.ended(LocalDate.parse("2026-02-28"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.ended(LocalDate.parse("2026-03-01")).on(LocalDate.parse("2026-03-01")))
                .isPresent();
    }

    @Test
    void re_listing_after_an_end_keeps_the_gap() {
        PatientListings p = none().listed(at(VC1, "2026-01-01"))
                .ended(LocalDate.parse("2026-01-31"))
                .listed(at(VC2, "2026-03-01"));

        assertThat(p.listings()).extracting(Listing::to).containsExactly("2026-01-31", null);
        assertThat(p.on(LocalDate.parse("2026-02-15"))).isEmpty();
    }
}
