package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.gateway.followup.FollowUpFixtures.JONKOPING;
import static se.naravard.gateway.followup.FollowUpFixtures.NASSJO;
import static se.naravard.gateway.followup.FollowUpFixtures.VC01;
import static se.naravard.gateway.followup.FollowUpFixtures.VC02;
import static se.naravard.gateway.followup.FollowUpFixtures.at;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.followup.Indicator.Case;
import se.naravard.gateway.followup.Indicator.Scoring;

/**
 * Known answers of the indicators over listed patients (contract-coverage, listed-fast-lakarkontakt,
 * target-group-fast-vardkontakt) on hand-built listings and contract versions.
 */
class ListingIndicatorsTest {

    static final Period MARCH = new Period(YearMonth.of(2026, 3));
    static final Period APRIL = new Period(YearMonth.of(2026, 4));

    private static Facts.Listing listing(
            String key, String unit, String kommun, String from, String to, String... groups) {
        return new Facts.Listing(
                key,
                1,
                unit,
                kommun,
                kommun.substring(0, 2),
                LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to),
                List.of(groups));
    }

    /** A contract of patient {@code key} in {@code status} from {@code validFrom}, with or without the two contacts. */
    private static Facts.ContractVersion contract(
            String id, long version, String key, String validFrom, String status, boolean lakare, boolean vard) {
        return new Facts.ContractVersion(
                id, version, at(validFrom), key, JONKOPING, VC01, status, true, vard, lakare, true);
    }

    private static Indicator.FollowUpData data(List<Facts.ContractVersion> contracts, List<Facts.Listing> listings) {
        return new Indicator.FollowUpData(
                contracts,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Instant.MAX,
                listings);
    }

    private static List<Case> cases(String indicator, Indicator.FollowUpData data, Period period) {
        return Indicators.byId(indicator).orElseThrow().cases().apply(data, period);
    }

    @Test
    void the_three_indicators_are_published_as_proportions() {
        for (String id : List.of("contract-coverage", "listed-fast-lakarkontakt", "target-group-fast-vardkontakt")) {
            assertThat(Indicators.byId(id))
                    .hasValueSatisfying(i -> assertThat(i.scoring()).isEqualTo(Scoring.PROPORTION));
        }
    }

    @Test
    void listed_at_the_end_of_the_month_means_in_force_on_its_last_day_in_sweden() {
        var data = data(
                List.of(),
                List.of(
                        // Ends on 31 March: listed until 23:59 Swedish time that day, so March's.
                        listing("a", VC01, JONKOPING, "2026-01-01", "2026-03-31"),
                        // Starts on 1 April: not listed at March's end.
                        listing("b", VC01, JONKOPING, "2026-04-01", null),
                        // Ended mid-March: not listed at the end.
                        listing("c", VC01, JONKOPING, "2026-01-01", "2026-03-15"),
                        // Starts on the last day: listed.
                        listing("d", VC01, JONKOPING, "2026-03-31", null)));

        assertThat(cases("contract-coverage", data, MARCH)).hasSize(2);
        assertThat(cases("contract-coverage", data, APRIL)).as("b and d").hasSize(2);
    }

    @Test
    void re_listing_to_another_unit_mid_month_counts_once_at_the_new_unit() {
        var data = data(
                List.of(contract("k1", 1, "p", "2026-02-01T09:00:00Z", "active", true, true)),
                List.of(
                        listing("p", VC01, JONKOPING, "2026-01-01", "2026-03-15"),
                        listing("p", VC02, NASSJO, "2026-03-16", null)));

        List<Case> march = cases("contract-coverage", data, MARCH);

        assertThat(march).containsExactly(Case.of(VC02, NASSJO, true));
    }

    @Test
    void a_contract_ended_before_the_month_ends_does_not_count_and_one_ended_after_it_does() {
        var data = data(
                List.of(
                        contract("k1", 1, "ended", "2026-01-10T09:00:00Z", "active", true, true),
                        // Completed at 23:30 on 31 March in Stockholm (summer time from 29 March): before the end.
                        contract("k1", 2, "ended", "2026-03-31T21:30:00Z", "completed", true, true),
                        contract("k2", 1, "later", "2026-01-10T09:00:00Z", "revised", true, true),
                        // Completed at 00:30 on 1 April in Stockholm: in force at March's end.
                        contract("k2", 2, "later", "2026-03-31T22:30:00Z", "completed", true, true),
                        contract("k3", 1, "draft", "2026-01-10T09:00:00Z", "draft", true, true)),
                List.of(
                        listing("ended", VC01, JONKOPING, "2026-01-01", null),
                        listing("later", VC01, JONKOPING, "2026-01-01", null),
                        listing("draft", VC01, JONKOPING, "2026-01-01", null),
                        listing("none", VC01, JONKOPING, "2026-01-01", null)));

        List<Case> march = cases("contract-coverage", data, MARCH);

        assertThat(march).hasSize(4);
        assertThat(march.stream().filter(Case::inNumerator)).hasSize(1);
        assertThat(cases("contract-coverage", data, APRIL).stream().filter(Case::inNumerator))
                .isEmpty();
    }

    @Test
    void fast_lakarkontakt_counts_listed_patients_whose_contract_in_force_names_a_physician() {
        var data = data(
                List.of(
                        contract("k1", 1, "named", "2026-02-01T09:00:00Z", "active", true, false),
                        contract("k2", 1, "unnamed", "2026-02-01T09:00:00Z", "active", false, true),
                        // A second contract of the same patient naming one: the patient counts once, named.
                        contract("k3", 1, "two", "2026-02-01T09:00:00Z", "active", false, false),
                        contract("k4", 1, "two", "2026-02-02T09:00:00Z", "active", true, false),
                        // A physician named only in a draft does not count.
                        contract("k5", 1, "draft", "2026-02-01T09:00:00Z", "draft", true, true)),
                List.of(
                        listing("named", VC01, JONKOPING, "2026-01-01", null),
                        listing("unnamed", VC01, JONKOPING, "2026-01-01", null),
                        listing("two", VC01, JONKOPING, "2026-01-01", null),
                        listing("draft", VC01, JONKOPING, "2026-01-01", null),
                        listing("contractless", VC01, JONKOPING, "2026-01-01", null)));

        List<Case> march = cases("listed-fast-lakarkontakt", data, MARCH);

        assertThat(march).hasSize(5);
        assertThat(march.stream().filter(Case::inNumerator)).hasSize(2);
    }

    @Test
    void target_group_fast_vardkontakt_counts_only_patients_in_a_target_group() {
        var data = data(
                List.of(
                        contract("k1", 1, "frail", "2026-02-01T09:00:00Z", "active", false, true),
                        contract("k2", 1, "multi", "2026-02-01T09:00:00Z", "active", true, false),
                        contract("k3", 1, "none", "2026-02-01T09:00:00Z", "active", true, true)),
                List.of(
                        listing("frail", VC01, JONKOPING, "2026-01-01", null, "frail-elderly"),
                        listing("multi", VC01, JONKOPING, "2026-01-01", null, "multimorbidity", "frail-elderly"),
                        listing("none", VC01, JONKOPING, "2026-01-01", null),
                        // In a target group before re-listing without one: not at the end of the month.
                        listing("left", VC01, JONKOPING, "2026-01-01", "2026-03-09", "frail-elderly"),
                        listing("left", VC01, JONKOPING, "2026-03-10", null)));

        List<Case> march = cases("target-group-fast-vardkontakt", data, MARCH);

        assertThat(march).containsExactlyInAnyOrder(Case.of(VC01, JONKOPING, true), Case.of(VC01, JONKOPING, false));
        assertThat(cases("contract-coverage", data, MARCH)).hasSize(4);
    }

    @Test
    void small_cells_of_listed_patients_are_suppressed_like_every_indicator() {
        List<Facts.Listing> listings = new ArrayList<>();
        List<Facts.ContractVersion> contracts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            listings.add(listing("big" + i, VC01, JONKOPING, "2026-01-01", null));
            contracts.add(contract("kb" + i, 1, "big" + i, "2026-02-01T09:00:00Z", "active", true, true));
        }
        for (int i = 0; i < 2; i++) {
            listings.add(listing("small" + i, VC02, JONKOPING, "2026-01-01", null));
        }

        Tally.Node total = Tally.of(cases("contract-coverage", data(contracts, listings), MARCH));
        Suppression.apply(total, Scoring.PROPORTION);

        Tally.Node small =
                total.all().filter(n -> VC02.equals(n.key())).findFirst().orElseThrow();
        Tally.Node big =
                total.all().filter(n -> VC01.equals(n.key())).findFirst().orElseThrow();
        assertThat(total.count(Tally.DENOMINATOR)).isEqualTo(14);
        assertThat(total.count(Tally.NUMERATOR)).isEqualTo(12);
        assertThat(small.suppressed(Tally.DENOMINATOR)).as("2 listed patients").isTrue();
        assertThat(big.suppressed(Tally.DENOMINATOR))
                .as("its sibling, else 14 − 12 tells the 2")
                .isTrue();
        assertThat(total.suppressed(Tally.NUMERATOR))
                .as("all but 2 have a contract")
                .isTrue();
    }
}
