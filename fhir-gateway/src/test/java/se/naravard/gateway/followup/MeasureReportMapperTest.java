package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.gateway.followup.FollowUpFixtures.*;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.validation.Validations;

class MeasureReportMapperTest {

    static final Clock CLOCK = Clock.fixed(at("2026-02-03T08:00:00Z"), ZoneOffset.UTC);
    static final Period JANUARY = new Period(YearMonth.of(2026, 1));

    private static MeasureReport.MeasureReportGroupStratifierComponent stratifier(MeasureReport r, String level) {
        return r.getGroupFirstRep().getStratifier().stream()
                .filter(s ->
                        level.equals(s.getCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
    }

    private static MeasureReport.StratifierGroupComponent stratum(MeasureReport r, String level, String value) {
        return stratifier(r, level).getStratum().stream()
                .filter(s -> value.equals(
                        s.hasValue()
                                ? s.getValue().getCodingFirstRep().getCode()
                                : s.getComponentFirstRep()
                                        .getValue()
                                        .getCodingFirstRep()
                                        .getCode()))
                .findFirst()
                .orElseThrow();
    }

    private static MeasureReport.StratifierGroupPopulationComponent population(
            MeasureReport.StratifierGroupComponent stratum, String code) {
        return stratum.getPopulation().stream()
                .filter(p -> code.equals(p.getCode().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
    }

    private static MeasureReport completeContracts() {
        List<Facts.ContractVersion> contracts = new ArrayList<>(IndicatorsTest.concat(
                activeContracts(10, VC01, JONKOPING),
                activeContracts(3, VC02, JONKOPING),
                activeContracts(20, "SE2321000057-VC04", JONKOPING),
                activeContracts(6, VC03, NASSJO)));
        for (int i = 0; i < 5; i++) {
            contracts.add(contract("incomplete" + i, 1, "2026-01-02T10:00:00Z", "active", false, VC03, NASSJO));
        }
        return FollowUpReports.compute(
                Indicators.byId("complete-contracts").orElseThrow(), JANUARY, contracts(contracts), CLOCK);
    }

    @Test
    void a_report_has_the_totals_and_a_stratifier_per_level_with_suppressed_cells_masked() {
        MeasureReport r = completeContracts();

        assertThat(r.getIdPart()).isEqualTo("complete-contracts-2026-01");
        assertThat(r.getMeasure()).isEqualTo("https://naravard.se/fhir/Measure/complete-contracts");
        assertThat(r.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
        assertThat(r.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-01-31");
        assertThat(r.getGroupFirstRep().getPopulation())
                .extracting(p -> p.getCode().getCodingFirstRep().getCode(), p -> p.getCount())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("denominator", 44),
                        org.assertj.core.groups.Tuple.tuple("numerator", 39));
        assertThat(r.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("0.8864");
        assertThat(r.getGroupFirstRep().getStratifier())
                .extracting(s -> s.getCodeFirstRep().getCodingFirstRep().getCode())
                .containsExactly("micro", "meso", "macro");

        var vc02 = stratum(r, "micro", VC02);
        assertThat(population(vc02, "denominator").getCountElement().hasValue()).isFalse();
        assertThat(MeasureReportMapper.isMasked(population(vc02, "denominator").getCountElement()))
                .isTrue();
        assertThat(MeasureReportMapper.isMasked(vc02.getMeasureScore())).isTrue();
        assertThat(vc02.getExtensionByUrl(se.naravard.gateway.fhir.Systems.EXT_KOMMUN)
                        .getValue()
                        .primitiveValue())
                .isEqualTo(JONKOPING);
        var vc01 = stratum(r, "micro", VC01);
        assertThat(population(vc01, "denominator").getCountElement().hasValue())
                .as("the complementary cell")
                .isFalse();
        assertThat(population(stratum(r, "micro", "SE2321000057-VC04"), "denominator")
                        .getCount())
                .isEqualTo(20);
        assertThat(population(stratum(r, "meso", JONKOPING), "denominator").getCount())
                .isEqualTo(33);
        var nassjo = stratum(r, "meso", NASSJO);
        assertThat(population(nassjo, "denominator").getCount()).isEqualTo(11);
        assertThat(population(nassjo, "numerator").getCount()).isEqualTo(6);
        assertThat(population(stratum(r, "macro", "06"), "denominator").getCount())
                .isEqualTo(44);
    }

    @Test
    void measures_and_reports_validate_against_base_r4_without_errors() {
        List<String> errors = new ArrayList<>();
        for (Indicator i : Indicators.ALL) {
            errors.addAll(Validations.errors("Measure " + i.id(), MeasureMapper.toMeasure(i)));
        }
        errors.addAll(Validations.errors("MeasureReport", completeContracts()));
        var discharges = IndicatorsTest.concat(List.of(
                discharge("a", "2026-01-03T08:00:00Z", "2026-01-05T10:00:00Z"),
                discharge("b", "2026-01-03T08:00:00Z", "2026-01-06T10:00:00Z")));
        errors.addAll(Validations.errors(
                "MeasureReport days",
                FollowUpReports.compute(
                        Indicators.byId("days-ready-to-discharge").orElseThrow(),
                        JANUARY,
                        episodes(discharges),
                        CLOCK)));
        assertThat(errors).isEmpty();
    }
}
