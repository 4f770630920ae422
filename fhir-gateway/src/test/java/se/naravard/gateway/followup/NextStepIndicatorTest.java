package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
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

/** "Next step on time" (DOMAIN.md §8) on hand-built facts with known answers. */
class NextStepIndicatorTest {

    static final Period JANUARY = new Period(YearMonth.of(2026, 1));
    static final Period FEBRUARY = new Period(YearMonth.of(2026, 2));
    /** Long after January and February: every due date has passed. */
    static final Instant LATER = at("2026-06-01T00:00:00Z");

    private static int seq;

    /** A step of its own contract ("n<seq>"), active since 1 January 2026 unless the test says otherwise. */
    static Facts.NextStep step(String due, String status, String completedAt, String unit, String kommun) {
        return new Facts.NextStep(
                "n" + (seq++),
                "s1",
                2,
                KEY,
                kommun,
                unit,
                status,
                LocalDate.parse(due),
                completedAt == null ? null : at(completedAt));
    }

    static Facts.NextStep step(String due, String status, String completedAt) {
        return step(due, status, completedAt, VC01, JONKOPING);
    }

    static Indicator.FollowUpData data(List<Facts.NextStep> steps, Instant asOf) {
        List<Facts.ContractVersion> history = new ArrayList<>();
        for (Facts.NextStep s : steps) {
            history.add(contract(s.contractId(), 1, "2026-01-01T10:00:00Z", "active", true, s.unit(), s.kommun()));
        }
        return data(steps, history, asOf);
    }

    static Indicator.FollowUpData data(List<Facts.NextStep> steps, List<Facts.ContractVersion> history, Instant asOf) {
        return new Indicator.FollowUpData(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), steps, history, asOf);
    }

    private static List<Case> cases(Indicator.FollowUpData data, Period period) {
        return Indicators.byId("next-step-on-time").orElseThrow().cases().apply(data, period);
    }

    @Test
    void a_step_is_on_time_when_done_by_the_end_of_its_date_in_sweden() {
        var data = data(
                List.of(
                        step("2026-01-20", "DONE", "2026-01-20T22:59:00Z"), // 23:59 on the 20th in Stockholm
                        step("2026-01-20", "DONE", "2026-01-20T23:00:00Z"), // 00:00 on the 21st: late
                        step("2026-01-20", "DONE", "2026-01-10T09:00:00Z"), // early is on time
                        step("2026-01-20", "BOOKED", null), // not done
                        step("2026-01-20", "PLANNED", null), // not done
                        step("2026-01-20", "CANCELLED", null), // left out
                        step("2026-01-20", "DONE", null)), // done before the time was recorded: left out
                LATER);

        assertThat(cases(data, JANUARY)).extracting(Case::inNumerator).containsExactly(true, false, true, false, false);
    }

    @Test
    void a_step_counts_in_the_month_of_its_date_once_that_date_is_over() {
        List<Facts.NextStep> s = List.of(
                step("2026-01-31", "BOOKED", null),
                step("2026-02-01", "BOOKED", null),
                step("2026-01-01", "DONE", "2026-01-01T08:00:00Z"));

        assertThat(cases(data(s, LATER), JANUARY)).hasSize(2);
        assertThat(cases(data(s, LATER), FEBRUARY)).hasSize(1);
        // During 31 January (Stockholm) the step due that day is not counted yet, done or not.
        assertThat(cases(data(s, at("2026-01-31T12:00:00Z")), JANUARY)).hasSize(1);
        assertThat(cases(data(s, at("2026-01-31T23:00:00Z")), JANUARY)).hasSize(2);
        // Summer time: a step due 31 March ends 22:00 UTC.
        var march = new Period(YearMonth.of(2026, 3));
        List<Facts.NextStep> m = List.of(
                step("2026-03-31", "DONE", "2026-03-31T21:59:00Z"), step("2026-03-31", "DONE", "2026-03-31T22:00:00Z"));
        assertThat(cases(data(m, LATER), march)).extracting(Case::inNumerator).containsExactly(true, false);
    }

    @Test
    void only_steps_of_contracts_in_force_at_the_end_of_their_date_are_counted() {
        Facts.NextStep draftThen = step("2026-01-20", "BOOKED", null);
        Facts.NextStep revokedBefore = step("2026-01-20", "BOOKED", null);
        Facts.NextStep revisedThen = step("2026-01-20", "DONE", "2026-01-19T09:00:00Z");
        Facts.NextStep activatedThatDay = step("2026-01-20", "BOOKED", null);
        List<Facts.ContractVersion> history = List.of(
                contract(draftThen.contractId(), 1, "2026-01-01T10:00:00Z", "draft", true),
                contract(draftThen.contractId(), 2, "2026-01-21T10:00:00Z", "active", true),
                contract(revokedBefore.contractId(), 1, "2026-01-01T10:00:00Z", "active", true),
                contract(revokedBefore.contractId(), 2, "2026-01-15T10:00:00Z", "revoked", true),
                contract(revisedThen.contractId(), 1, "2026-01-01T10:00:00Z", "active", true),
                contract(revisedThen.contractId(), 2, "2026-01-19T09:00:00Z", "revised", true),
                contract(activatedThatDay.contractId(), 1, "2026-01-02T10:00:00Z", "draft", true),
                contract(activatedThatDay.contractId(), 2, "2026-01-20T22:30:00Z", "active", true)); // 23:30 Stockholm

        var counted =
                cases(data(List.of(draftThen, revokedBefore, revisedThen, activatedThatDay), history, LATER), JANUARY);

        assertThat(counted).extracting(Case::inNumerator).containsExactly(true, false);
    }

    @Test
    void small_cells_are_suppressed_in_the_report() {
        List<Facts.NextStep> s = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            s.add(step("2026-01-15", i < 15 ? "DONE" : "BOOKED", i < 15 ? "2026-01-14T09:00:00Z" : null));
        }
        for (int i = 0; i < 3; i++) {
            s.add(step("2026-01-15", "DONE", "2026-01-15T09:00:00Z", VC02, JONKOPING));
        }
        Clock clock = Clock.fixed(LATER, ZoneOffset.UTC);

        MeasureReport r = FollowUpReports.compute(
                Indicators.byId("next-step-on-time").orElseThrow(), JANUARY, data(s, LATER), clock);

        assertThat(r.getGroupFirstRep().getPopulation())
                .extracting(
                        p -> p.getCode().getCodingFirstRep().getCode(),
                        MeasureReport.MeasureReportGroupPopulationComponent::getCount)
                .containsExactly(tuple("denominator", 23), tuple("numerator", 18));
        var micro = r.getGroupFirstRep().getStratifier().stream()
                .filter(x ->
                        "micro".equals(x.getCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
        var vc02 = micro.getStratum().stream()
                .filter(x -> VC02.equals(x.getValue().getText()))
                .findFirst()
                .orElseThrow();
        assertThat(vc02.getPopulation()).allMatch(p -> MeasureReportMapper.isMasked(p.getCountElement()));
        assertThat(vc02.getMeasureScore().hasValue()).isFalse();
        var vc01 = micro.getStratum().stream()
                .filter(x -> VC01.equals(x.getValue().getText()))
                .findFirst()
                .orElseThrow();
        assertThat(MeasureReportMapper.isMasked(vc01.getPopulationFirstRep().getCountElement()))
                .as("the only sibling: else 23 − VC01 tells VC02's 3")
                .isTrue();
    }

    @Test
    void a_contract_event_gives_its_dated_steps_with_unit_due_day_and_completion() {
        String json =
                """
                {"event":"contract-part-changed","contract":{"id":"c1","version":4,"kommun":"0680",
                 "patient":{"system":"http://electronichealth.se/identifier/personnummer","value":"191212121212"},
                 "status":{"code":"revised","agreedAt":"2026-01-02T09:00:00Z"},
                 "parts":{"nasta-steg":{"owner":"SE2321000057-VC01","steps":[
                   {"id":"s1","what":"Besök","who":{"unit":"SE2321000057-VC02"},"date":"2026-01-20","how":"VISIT",
                    "status":"DONE","completedAt":"2026-01-20T10:00:00.123Z"},
                   {"id":"s2","what":"Samtal","date":"2026-01-22","windowEnd":"2026-01-26","how":"PHONE","status":"PLANNED"},
                   {"id":"s3","what":"Brev","how":"LETTER","status":"PLANNED"}]}}},
                 "change":{"at":"2026-01-20T10:00:00.123Z"}}
                """;
        var event = new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/contract-service",
                "se.naravard.contract.contract-part-changed.v1",
                "c1",
                OffsetDateTime.parse("2026-01-20T10:00:00Z"),
                KEY,
                "0680",
                4,
                json.getBytes(StandardCharsets.UTF_8));

        FollowUpEvents.Extracted facts = FollowUpEvents.read(event);

        assertThat(facts.nextSteps())
                .extracting(
                        Facts.NextStep::stepId,
                        Facts.NextStep::unit,
                        Facts.NextStep::dueDate,
                        Facts.NextStep::completedAt,
                        Facts.NextStep::contractVersion)
                .containsExactly(
                        tuple("s1", VC02, LocalDate.parse("2026-01-20"), at("2026-01-20T10:00:00.123Z"), 4L),
                        tuple("s2", VC01, LocalDate.parse("2026-01-26"), null, 4L));
        assertThat(facts.toString()).doesNotContain("191212121212");
    }
}
