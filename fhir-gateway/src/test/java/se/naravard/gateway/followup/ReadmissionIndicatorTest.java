package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static se.naravard.gateway.followup.FollowUpFixtures.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.followup.Indicator.Case;
import se.naravard.platform.events.EventEnvelope;

/** "Readmission ≤ 30 days" (DOMAIN.md §8) on hand-built facts with known answers. */
class ReadmissionIndicatorTest {

    static final Period JANUARY = new Period(YearMonth.of(2026, 1));
    static final Period FEBRUARY = new Period(YearMonth.of(2026, 2));
    static final Period MARCH = new Period(YearMonth.of(2026, 3));
    static final String WARD = "SE2321000057-AVD1";
    static final String OTHER_WARD = "SE2321000057-AVD2";

    private static int seq;

    /** An episode of patient {@code key}: admitted (of {@code kind}: unplanned, planned, null) and maybe discharged. */
    static Facts.Episode stay(String key, String admittedAt, String kind, String dischargedAt, String unit) {
        return new Facts.Episode(
                "e" + (seq++),
                3,
                key,
                JONKOPING,
                unit,
                at(admittedAt),
                null,
                false,
                null,
                dischargedAt == null ? null : at(dischargedAt),
                null,
                kind);
    }

    static Facts.Episode stay(String key, String admittedAt, String kind, String dischargedAt) {
        return stay(key, admittedAt, kind, dischargedAt, WARD);
    }

    /** A patient key of its own. */
    static String patient() {
        return String.format("%032x", seq++);
    }

    /** What the store gives: the episodes of the month, and the same patients' later admissions. */
    static Indicator.FollowUpData data(List<Facts.Episode> episodes) {
        return new Indicator.FollowUpData(
                List.of(),
                List.of(),
                episodes,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                episodes,
                at("2026-06-01T00:00:00Z"));
    }

    private static List<Case> cases(List<Facts.Episode> episodes, Period period) {
        return Indicators.byId("readmission-30d").orElseThrow().cases().apply(data(episodes), period);
    }

    @Test
    void a_discharge_counts_in_the_month_of_its_discharge_time_in_sweden() {
        String p = patient();
        String q = patient();
        List<Facts.Episode> e = List.of(
                // 23:59 on 31 January in Stockholm: January's
                stay(p, "2026-01-20T08:00:00Z", "planned", "2026-01-31T22:59:00Z"),
                // 00:00 on 1 February in Stockholm: February's
                stay(q, "2026-01-20T08:00:00Z", "planned", "2026-01-31T23:00:00Z"),
                // still in hospital: no discharge
                stay(patient(), "2026-01-25T08:00:00Z", "unplanned", null));

        assertThat(cases(e, JANUARY)).extracting(Case::inNumerator).containsExactly(false);
        assertThat(cases(e, FEBRUARY)).extracting(Case::inNumerator).containsExactly(false);
    }

    @Test
    void a_readmission_at_exactly_30_days_counts_one_minute_later_does_not() {
        String p = patient();
        String q = patient();
        List<Facts.Episode> e = List.of(
                stay(p, "2026-01-02T08:00:00Z", "planned", "2026-01-10T10:00:00Z"),
                stay(p, "2026-02-09T10:00:00Z", "unplanned", null), // 30 × 24 h after the discharge
                stay(q, "2026-01-02T08:00:00Z", "planned", "2026-01-10T10:00:00Z"),
                stay(q, "2026-02-09T10:01:00Z", "unplanned", null)); // 30 × 24 h + 1 minute

        assertThat(cases(e, JANUARY)).extracting(Case::inNumerator).containsExactly(true, false);
    }

    @Test
    void the_window_is_30_times_24_hours_across_the_change_to_summer_time() {
        // Discharged 10 March 11:00 in Stockholm (CET); 30 × 24 h later is 9 April 12:00 (CEST).
        String p = patient();
        String q = patient();
        List<Facts.Episode> e = List.of(
                stay(p, "2026-03-02T08:00:00Z", null, "2026-03-10T10:00:00Z"),
                stay(p, "2026-04-09T10:00:00Z", "unplanned", null),
                stay(q, "2026-03-02T08:00:00Z", null, "2026-03-10T10:00:00Z"),
                stay(q, "2026-04-09T10:00:30Z", "unplanned", null));

        assertThat(cases(e, MARCH)).extracting(Case::inNumerator).containsExactly(true, false);
    }

    @Test
    void only_an_unplanned_admission_is_a_readmission_planned_and_unknown_are_not() {
        String unplanned = patient();
        String planned = patient();
        String unknown = patient();
        List<Facts.Episode> e = List.of(
                stay(unplanned, "2026-01-02T08:00:00Z", "planned", "2026-01-05T10:00:00Z"),
                stay(unplanned, "2026-01-12T03:00:00Z", "unplanned", null),
                stay(planned, "2026-01-02T08:00:00Z", "unplanned", "2026-01-05T10:00:00Z"),
                stay(planned, "2026-01-12T03:00:00Z", "planned", null),
                stay(unknown, "2026-01-02T08:00:00Z", "unplanned", "2026-01-05T10:00:00Z"),
                stay(unknown, "2026-01-12T03:00:00Z", null, null));

        assertThat(cases(e, JANUARY)).extracting(Case::inNumerator).containsExactly(true, false, false);
    }

    @Test
    void two_readmissions_after_one_discharge_count_once_and_each_discharge_is_a_case() {
        String p = patient();
        List<Facts.Episode> e = List.of(
                stay(p, "2026-01-02T08:00:00Z", "planned", "2026-01-05T10:00:00Z"),
                // readmitted twice within 30 days of the first discharge; the second stay also ends in January
                stay(p, "2026-01-08T08:00:00Z", "unplanned", "2026-01-12T10:00:00Z"),
                stay(p, "2026-01-20T08:00:00Z", "unplanned", null));

        List<Case> counted = cases(e, JANUARY);

        assertThat(counted).hasSize(2).allMatch(Case::inNumerator);
    }

    @Test
    void an_admission_of_another_patient_or_before_the_discharge_is_no_readmission() {
        String p = patient();
        String other = patient();
        List<Facts.Episode> e = List.of(
                stay(p, "2026-01-02T08:00:00Z", "planned", "2026-01-05T10:00:00Z"),
                stay(other, "2026-01-07T08:00:00Z", "unplanned", null), // someone else
                stay(p, "2026-01-01T08:00:00Z", "unplanned", null), // before the discharge (still open)
                stay(p, "2026-01-05T10:00:00Z", "unplanned", null)); // the very instant of the discharge

        assertThat(cases(e, JANUARY)).extracting(Case::inNumerator).containsExactly(false);
    }

    @Test
    void a_discharge_is_stratified_by_its_admitting_unit_and_kommun() {
        String p = patient();
        List<Facts.Episode> e = List.of(
                stay(p, "2026-01-02T08:00:00Z", "planned", "2026-01-05T10:00:00Z", OTHER_WARD),
                stay(p, "2026-01-09T08:00:00Z", "unplanned", null, WARD));

        assertThat(cases(e, JANUARY))
                .extracting(Case::unit, Case::kommun, Case::inNumerator)
                .containsExactly(tuple(OTHER_WARD, JONKOPING, true));
    }

    @Test
    void small_cells_are_suppressed_in_the_report() {
        List<Facts.Episode> e = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String p = patient();
            e.add(stay(p, "2026-01-02T08:00:00Z", "planned", "2026-01-10T10:00:00Z"));
            if (i < 8) {
                e.add(stay(p, "2026-01-25T08:00:00Z", "unplanned", null));
            }
        }
        for (int i = 0; i < 3; i++) {
            String p = patient();
            e.add(stay(p, "2026-01-02T08:00:00Z", "unplanned", "2026-01-10T10:00:00Z", OTHER_WARD));
            e.add(stay(p, "2026-01-12T08:00:00Z", "unplanned", null, OTHER_WARD));
        }
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

        MeasureReport r =
                FollowUpReports.compute(Indicators.byId("readmission-30d").orElseThrow(), JANUARY, data(e), clock);

        assertThat(r.getGroupFirstRep().getPopulation())
                .extracting(
                        x -> x.getCode().getCodingFirstRep().getCode(),
                        MeasureReport.MeasureReportGroupPopulationComponent::getCount)
                .containsExactly(tuple("denominator", 23), tuple("numerator", 11));
        var micro = r.getGroupFirstRep().getStratifier().stream()
                .filter(x ->
                        "micro".equals(x.getCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
        var other = micro.getStratum().stream()
                .filter(x -> OTHER_WARD.equals(x.getValue().getText()))
                .findFirst()
                .orElseThrow();
        assertThat(other.getPopulation()).allMatch(x -> MeasureReportMapper.isMasked(x.getCountElement()));
        assertThat(other.getMeasureScore().hasValue()).isFalse();
        var ward = micro.getStratum().stream()
                .filter(x -> WARD.equals(x.getValue().getText()))
                .findFirst()
                .orElseThrow();
        assertThat(MeasureReportMapper.isMasked(ward.getPopulationFirstRep().getCountElement()))
                .as("the only sibling: else 23 − 20 tells the other ward's 3")
                .isTrue();
    }

    @Test
    void the_measure_says_lower_is_better_and_how_it_counts() {
        Measure m = MeasureMapper.toMeasure(Indicators.byId("readmission-30d").orElseThrow());

        assertThat(m.getImprovementNotation().getCodingFirstRep().getCode()).isEqualTo("decrease");
        assertThat(m.getScoring().getCodingFirstRep().getCode()).isEqualTo("proportion");
        assertThat(m.getDescription()).contains("unplanned", "30 × 24 hours", "unknown kind");
        assertThat(MeasureMapper.toMeasure(Indicators.byId("next-step-on-time").orElseThrow())
                        .getImprovementNotation()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("increase");
    }

    @Test
    void a_transition_event_gives_the_admission_kind_and_an_older_one_none() {
        String json =
                """
                {"type":"patient-admitted","episode":{"id":"e1","version":1,
                 "patient":{"system":"http://electronichealth.se/identifier/personnummer","value":"191212121212"},
                 "admittingUnit":"SE2321000057-AVD1","kommun":"0680","admittedAt":"2026-01-12T03:00:00Z",
                 %s"physicianAssessedAt":"2026-01-12T03:30:00Z","needsBothPrincipals":false,
                 "status":{"code":"admitted"},"messages":[],"tasks":[]}}
                """;

        Facts.Episode unplanned = FollowUpEvents.read(event(json.formatted("\"admissionKind\":\"unplanned\",")))
                .episodes()
                .get(0);
        Facts.Episode older =
                FollowUpEvents.read(event(json.formatted(""))).episodes().get(0);

        assertThat(unplanned.admissionKind()).isEqualTo("unplanned");
        assertThat(unplanned.unplanned()).isTrue();
        assertThat(unplanned.patientKey()).isEqualTo(KEY);
        assertThat(older.admissionKind()).isNull();
        assertThat(older.unplanned()).isFalse();
    }

    private static EventEnvelope event(String json) {
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/transition-service",
                "se.naravard.transition.patient-admitted.v1",
                "e1",
                OffsetDateTime.parse("2026-01-12T03:00:01Z"),
                KEY,
                "0680",
                1,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
