package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.gateway.followup.FollowUpFixtures.*;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.followup.Indicator.Case;

class IndicatorsTest {

    static final Period JANUARY = new Period(YearMonth.of(2026, 1));
    static final Period FEBRUARY = new Period(YearMonth.of(2026, 2));

    private static List<Case> cases(String indicator, Indicator.FollowUpData data, Period period) {
        return Indicators.byId(indicator).orElseThrow().cases().apply(data, period);
    }

    @Test
    void a_month_runs_from_midnight_to_midnight_in_stockholm_time() {
        assertThat(JANUARY.start()).isEqualTo(at("2025-12-31T23:00:00Z"));
        assertThat(JANUARY.end()).isEqualTo(at("2026-01-31T23:00:00Z"));
        assertThat(JANUARY.contains(at("2026-01-31T22:30:00Z")))
                .as("23:30 on 31 January in Stockholm")
                .isTrue();
        assertThat(FEBRUARY.contains(at("2026-01-31T23:30:00Z")))
                .as("00:30 on 1 February in Stockholm")
                .isTrue();
        // Summer time: July starts at 22:00 UTC on 30 June.
        assertThat(new Period(YearMonth.of(2026, 7)).start()).isEqualTo(at("2026-06-30T22:00:00Z"));
    }

    @Test
    void complete_contracts_count_the_version_in_force_at_the_end_of_the_month_in_stockholm_time() {
        var data = contracts(List.of(
                contract("x", 1, "2026-01-10T09:00:00Z", "draft", false),
                // Activated complete at 23:30 on 31 January in Stockholm: January's.
                contract("x", 2, "2026-01-31T22:30:00Z", "active", true),
                contract("y", 1, "2026-01-05T09:00:00Z", "active", false),
                // Completed at 00:30 on 1 February in Stockholm: still in force at January's end.
                contract("y", 2, "2026-01-31T23:30:00Z", "completed", false),
                contract("z", 1, "2026-01-20T09:00:00Z", "revised", true),
                contract("w", 1, "2026-01-20T09:00:00Z", "draft", true)));

        List<Case> january = cases("complete-contracts", data, JANUARY);
        List<Case> february = cases("complete-contracts", data, FEBRUARY);

        assertThat(january).hasSize(3);
        assertThat(january.stream().filter(Case::inNumerator)).hasSize(2);
        assertThat(february).hasSize(2).allMatch(Case::inNumerator);
    }

    @Test
    void an_admission_notice_is_on_time_up_to_24_hours_after_admission_and_counts_in_the_month_of_admission() {
        var data = episodes(List.of(
                episode("exactly-24h", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"),
                episode("late", "2026-01-02T10:00:00Z", "2026-01-03T10:01:00Z"),
                episode("no-notice", "2026-01-02T10:00:00Z", null),
                episode("february", "2026-01-31T23:30:00Z", "2026-02-01T08:00:00Z")));

        List<Case> january = cases("admission-notice-on-time", data, JANUARY);

        assertThat(january).extracting(Case::inNumerator).containsExactlyInAnyOrder(true, false);
        assertThat(cases("admission-notice-on-time", data, FEBRUARY)).hasSize(1);
    }

    @Test
    void sip_call_in_counts_decided_deadlines_of_episodes_needing_both_principals() {
        var data = episodes(List.of(
                callIn("met", true, "2026-01-10T08:00:00Z", "met"),
                callIn("missed", true, "2026-01-11T08:00:00Z", "missed"),
                callIn("open", true, "2026-01-12T08:00:00Z", "open"),
                callIn("region-only", false, "2026-01-12T08:00:00Z", "met"),
                callIn("february", true, "2026-01-31T23:30:00Z", "met")));

        List<Case> january = cases("sip-called-on-time", data, JANUARY);

        assertThat(january).extracting(Case::inNumerator).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void days_from_ready_to_discharge_are_swedish_calendar_days_with_the_notice_day_as_day_0() {
        var data = episodes(List.of(
                discharge("two", "2026-01-03T08:00:00Z", "2026-01-05T10:00:00Z"),
                // 23:30 on 10 January in Stockholm → 11 January: one day.
                discharge("one", "2026-01-10T22:30:00Z", "2026-01-11T08:00:00Z"),
                // 00:30 on 11 January in Stockholm → the same day: day 0.
                discharge("zero", "2026-01-10T23:30:00Z", "2026-01-11T08:00:00Z"),
                discharge("never-ready", null, "2026-01-11T08:00:00Z"),
                discharge("february", "2026-01-30T08:00:00Z", "2026-01-31T23:30:00Z")));

        Tally.Node total = Tally.of(cases("days-ready-to-discharge", data, JANUARY));

        assertThat(total.observations()).containsExactlyInAnyOrder(2.0, 1.0, 0.0);
        assertThat(total.median()).isEqualTo(1.0);
        assertThat(total.mean()).isEqualTo(1.0);
    }

    @Test
    void consent_coverage_counts_active_sips_whose_consent_is_in_force_on_the_last_day() {
        var data = new Indicator.FollowUpData(
                List.of(),
                List.of(
                        sip("until-last-day", "active", "2026-01-01T09:00:00Z", "2026-01-31", null),
                        sip("revoked", "active", "2026-01-01T09:00:00Z", null, "2026-01-20T14:00:00Z"),
                        sip("expired", "active", "2026-01-01T09:00:00Z", "2026-01-30", null),
                        sip("none", "active", null, null, null),
                        sip("draft", "draft", "2026-01-01T09:00:00Z", null, null)),
                List.of(),
                List.of());

        List<Case> january = cases("consent-coverage", data, JANUARY);

        assertThat(january).hasSize(4);
        assertThat(january.stream().filter(Case::inNumerator)).hasSize(1);
    }

    @Test
    void acknowledgement_time_is_minutes_to_the_first_ok_receipt_of_messages_sent_in_the_month() {
        var data = new Indicator.FollowUpData(
                List.of(),
                List.of(),
                List.of(),
                List.of(
                        ack("m1", "2026-01-05T10:00:00Z", "2026-01-05T10:10:00Z"),
                        ack("m2", "2026-01-05T10:00:00Z", "2026-01-05T10:20:00Z"),
                        ack("m3", "2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z"),
                        ack("unacknowledged", "2026-01-05T10:00:00Z", null),
                        ack("february", "2026-01-31T23:30:00Z", "2026-01-31T23:40:00Z")));

        Tally.Node total = Tally.of(cases("acknowledgement-time", data, JANUARY));

        assertThat(total.observations()).containsExactlyInAnyOrder(10.0, 20.0, 60.0);
        assertThat(total.median()).isEqualTo(20.0);
        assertThat(total.mean()).isEqualTo(30.0);
    }

    @Test
    void cases_are_stratified_by_unit_within_kommun_and_by_county() {
        var data = contracts(concat(
                activeContracts(6, VC01, JONKOPING),
                activeContracts(7, VC02, JONKOPING),
                activeContracts(8, VC03, NASSJO)));

        Tally.Node total = Tally.of(cases("complete-contracts", data, JANUARY));

        assertThat(total.count(Tally.DENOMINATOR)).isEqualTo(21);
        assertThat(total.at(Tally.Level.MACRO)).extracting(Tally.Node::key).containsExactly("06");
        assertThat(total.at(Tally.Level.MESO))
                .extracting(Tally.Node::key, n -> n.count(Tally.DENOMINATOR))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JONKOPING, 13L),
                        org.assertj.core.groups.Tuple.tuple(NASSJO, 8L));
        assertThat(total.at(Tally.Level.MICRO)).extracting(Tally.Node::key).containsExactly(VC01, VC02, VC03);
    }

    @SafeVarargs
    static <T> List<T> concat(List<T>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
