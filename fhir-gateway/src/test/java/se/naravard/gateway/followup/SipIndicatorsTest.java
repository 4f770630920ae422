package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.naravard.gateway.followup.FollowUpFixtures.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.followup.Indicator.Case;
import se.naravard.platform.events.EventEnvelope;

/** "SIP held within target" and "SIP follow-up done" (DOMAIN.md §8) on hand-built facts with known answers. */
class SipIndicatorsTest {

    static final Period JANUARY = new Period(YearMonth.of(2026, 1));
    static final Period FEBRUARY = new Period(YearMonth.of(2026, 2));
    /** Long after January and February: every target and due date has passed. */
    static final Instant LATER = at("2026-06-01T00:00:00Z");

    private static int seq;

    static Facts.SipMeeting meeting(String calledAt, String heldAt, String status, String unit, String kommun) {
        return new Facts.SipMeeting(
                "sip" + (seq++),
                3,
                KEY,
                kommun,
                unit,
                status,
                calledAt == null ? null : at(calledAt),
                heldAt == null ? null : at(heldAt));
    }

    static Facts.SipMeeting meeting(String calledAt, String heldAt) {
        return meeting(calledAt, heldAt, "active", VC01, JONKOPING);
    }

    static Facts.SipFollowUp followUp(String due, String doneAt, String status, String unit, String kommun) {
        return new Facts.SipFollowUp(
                "sip" + (seq++),
                0,
                4,
                KEY,
                kommun,
                unit,
                status,
                LocalDate.parse(due),
                doneAt == null ? null : at(doneAt));
    }

    static Facts.SipFollowUp followUp(String due, String doneAt) {
        return followUp(due, doneAt, "active", VC01, JONKOPING);
    }

    static Indicator.FollowUpData meetings(List<Facts.SipMeeting> m, Instant asOf) {
        return new Indicator.FollowUpData(List.of(), List.of(), List.of(), List.of(), m, List.of(), asOf);
    }

    static Indicator.FollowUpData followUps(List<Facts.SipFollowUp> f, Instant asOf) {
        return new Indicator.FollowUpData(List.of(), List.of(), List.of(), List.of(), List.of(), f, asOf);
    }

    private static List<Case> cases(String indicator, Indicator.FollowUpData data, Period period) {
        return Indicators.byId(indicator).orElseThrow().cases().apply(data, period);
    }

    @Test
    void a_sip_is_held_on_time_up_to_the_end_of_the_14th_swedish_day_after_the_day_it_was_called() {
        var data = meetings(
                List.of(
                        // Called 10 January (day 0); target day 24 January, ends 23:00 UTC.
                        meeting("2026-01-10T09:00:00Z", "2026-01-24T22:59:00Z"),
                        meeting("2026-01-10T09:00:00Z", "2026-01-24T23:00:00Z"),
                        // Called 23:30 on 9 January in Stockholm (22:30 UTC): day 0 is the 9th, target the 23rd.
                        meeting("2026-01-09T22:30:00Z", "2026-01-23T23:30:00Z"),
                        meeting("2026-01-15T09:00:00Z", null),
                        meeting("2026-01-15T09:00:00Z", "2026-01-16T09:00:00Z")),
                LATER);

        assertThat(cases("sip-held-on-time", data, JANUARY))
                .extracting(Case::inNumerator)
                .containsExactly(true, false, false, false, true);
    }

    @Test
    void the_countys_own_target_replaces_the_default_and_is_told_in_the_measure() {
        var data = meetings(
                List.of(
                        // Called 10 January (day 0): day 7 ends 17 January 23:00 UTC, day 14 the 24th.
                        meeting("2026-01-10T09:00:00Z", "2026-01-17T22:59:00Z"),
                        meeting("2026-01-10T09:00:00Z", "2026-01-20T09:00:00Z")),
                LATER);
        Indicator sevenDays = Indicators.catalogue(7).stream()
                .filter(i -> i.id().equals("sip-held-on-time"))
                .findFirst()
                .orElseThrow();

        assertThat(sevenDays.cases().apply(data, JANUARY))
                .extracting(Case::inNumerator)
                .containsExactly(true, false);
        assertThat(cases("sip-held-on-time", data, JANUARY))
                .extracting(Case::inNumerator)
                .containsExactly(true, true);
        assertThat(sevenDays.description()).contains("latest 7 days");
        assertThatThrownBy(() -> Indicators.catalogue(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sip-held-target-days");
        assertThatThrownBy(() -> Indicators.catalogue(366)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_sip_counts_in_the_month_it_was_called_in_swedish_time() {
        var data = meetings(
                List.of(
                        meeting("2026-01-31T22:30:00Z", "2026-02-02T09:00:00Z"), // 23:30 on 31 January: January
                        meeting("2026-01-31T23:30:00Z", "2026-02-02T09:00:00Z"), // 00:30 on 1 February: February
                        meeting(null, null)), // never called
                LATER);

        assertThat(cases("sip-held-on-time", data, JANUARY)).hasSize(1);
        assertThat(cases("sip-held-on-time", data, FEBRUARY)).hasSize(1);
    }

    @Test
    void a_sip_not_yet_held_is_undecided_until_its_target_day_has_passed() {
        List<Facts.SipMeeting> m = List.of(
                meeting("2026-01-20T09:00:00Z", null), // target day 3 February
                meeting("2026-01-20T09:00:00Z", "2026-01-21T09:00:00Z"));

        assertThat(cases("sip-held-on-time", meetings(m, at("2026-02-03T12:00:00Z")), JANUARY))
                .as("on the target day")
                .extracting(Case::inNumerator)
                .containsExactly(true);
        assertThat(cases("sip-held-on-time", meetings(m, at("2026-02-03T23:00:00Z")), JANUARY))
                .as("once it has passed")
                .extracting(Case::inNumerator)
                .containsExactly(false, true);
    }

    @Test
    void sips_cancelled_before_a_meeting_or_entered_in_error_are_left_out() {
        var data = meetings(
                List.of(
                        meeting("2026-01-05T09:00:00Z", null, "cancelled", VC01, JONKOPING),
                        meeting("2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z", "cancelled", VC01, JONKOPING),
                        meeting("2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z", "entered-in-error", VC01, JONKOPING),
                        meeting("2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z", "completed", VC01, JONKOPING)),
                LATER);

        assertThat(cases("sip-held-on-time", data, JANUARY)).hasSize(2).allMatch(Case::inNumerator);
    }

    @Test
    void a_follow_up_is_done_in_time_when_its_result_is_recorded_by_the_end_of_its_date_in_sweden() {
        var data = followUps(
                List.of(
                        followUp("2026-01-20", "2026-01-20T22:59:00Z"), // 23:59 on the 20th in Stockholm
                        followUp("2026-01-20", "2026-01-20T23:00:00Z"), // 00:00 on the 21st
                        followUp("2026-01-20", "2026-01-10T09:00:00Z"), // early is in time
                        followUp("2026-01-20", null),
                        followUp("2026-01-20", null, "cancelled", VC01, JONKOPING),
                        followUp("2026-01-20", null, "draft", VC01, JONKOPING),
                        followUp("2026-01-20", "2026-01-20T09:00:00Z", "completed", VC01, JONKOPING)),
                LATER);

        assertThat(cases("sip-follow-up-done", data, JANUARY))
                .extracting(Case::inNumerator)
                .containsExactly(true, false, true, false, true);
    }

    @Test
    void a_follow_up_counts_in_the_month_of_its_date_once_that_date_has_passed() {
        List<Facts.SipFollowUp> f =
                List.of(followUp("2026-01-31", null), followUp("2026-02-01", null), followUp("2026-01-01", null));

        assertThat(cases("sip-follow-up-done", followUps(f, LATER), JANUARY)).hasSize(2);
        assertThat(cases("sip-follow-up-done", followUps(f, LATER), FEBRUARY)).hasSize(1);
        // During 31 January (Stockholm) the follow-up due that day is not yet missed.
        assertThat(cases("sip-follow-up-done", followUps(f, at("2026-01-31T12:00:00Z")), JANUARY))
                .hasSize(1);
        assertThat(cases("sip-follow-up-done", followUps(f, at("2026-01-31T23:00:00Z")), JANUARY))
                .hasSize(2);
    }

    @Test
    void small_cells_of_the_sip_indicators_are_suppressed_in_the_report() {
        List<Facts.SipFollowUp> f = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            f.add(followUp("2026-01-15", i < 15 ? "2026-01-14T09:00:00Z" : null, "active", VC01, JONKOPING));
        }
        for (int i = 0; i < 3; i++) {
            f.add(followUp("2026-01-15", "2026-01-14T09:00:00Z", "active", VC02, JONKOPING));
        }
        Clock clock = Clock.fixed(LATER, ZoneOffset.UTC);

        MeasureReport r = FollowUpReports.compute(
                Indicators.byId("sip-follow-up-done").orElseThrow(), JANUARY, followUps(f, LATER), clock);

        assertThat(r.getGroupFirstRep().getPopulation())
                .extracting(
                        p -> p.getCode().getCodingFirstRep().getCode(),
                        MeasureReport.MeasureReportGroupPopulationComponent::getCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("denominator", 23),
                        org.assertj.core.groups.Tuple.tuple("numerator", 18));
        var micro = r.getGroupFirstRep().getStratifier().stream()
                .filter(s ->
                        "micro".equals(s.getCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
        var vc02 = micro.getStratum().stream()
                .filter(s -> VC02.equals(s.getValue().getText()))
                .findFirst()
                .orElseThrow();
        assertThat(vc02.getPopulation()).allMatch(p -> MeasureReportMapper.isMasked(p.getCountElement()));
        // VC01 is the only sibling: suppressed too, or 23 − VC01 would tell VC02's 3.
        var vc01 = micro.getStratum().stream()
                .filter(s -> VC01.equals(s.getValue().getText()))
                .findFirst()
                .orElseThrow();
        assertThat(MeasureReportMapper.isMasked(vc01.getPopulationFirstRep().getCountElement()))
                .isTrue();
    }

    @Test
    void a_sip_event_gives_its_first_call_first_held_meeting_and_planned_follow_ups() {
        String json =
                """
                {"type":"meeting-held","sip":{"id":"s1","version":5,"kommun":"0680",
                 "person":{"system":"http://electronichealth.se/identifier/personnummer","value":"191212121212"},
                 "status":{"code":"active"},"created":{"actor":{"unit":"SE2321000057-VC01"}},
                 "meetings":[{"id":"m1","plannedAt":"2026-01-20T08:00:00Z","held":{"at":"2026-01-20T09:00:00Z"}},
                             {"id":"m2","plannedAt":"2026-03-01T08:00:00Z"}],
                 "followUps":[{"date":"2026-02-15","by":"vc","result":{"text":"ok","at":"2026-02-14T10:00:00Z"}},
                              {"date":"2026-04-15","by":"vc"}]},
                 "change":{"at":"2026-01-20T09:05:00Z"}}
                """;
        var event = new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/sip-service",
                "se.naravard.sip.meeting-held.v1",
                "s1",
                OffsetDateTime.parse("2026-01-20T09:05:00Z"),
                KEY,
                "0680",
                5,
                json.getBytes(StandardCharsets.UTF_8));

        FollowUpEvents.Extracted facts = FollowUpEvents.read(event);

        Facts.SipMeeting m = facts.sipMeetings().get(0);
        assertThat(m.calledAt())
                .as("this version's time: the store keeps the earliest")
                .isEqualTo(at("2026-01-20T09:05:00Z"));
        assertThat(m.heldAt()).isEqualTo(at("2026-01-20T09:00:00Z"));
        assertThat(m.unit()).isEqualTo(VC01);
        assertThat(facts.sipFollowUps())
                .extracting(Facts.SipFollowUp::dueDate, Facts.SipFollowUp::doneAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-02-15"), at("2026-02-14T10:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-04-15"), null));
        assertThat(facts.toString()).doesNotContain("191212121212");
    }
}
