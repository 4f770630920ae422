package se.naravard.gateway.followup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Quantity;
import se.naravard.gateway.fhir.Systems;

/**
 * One indicator's suppressed {@link Tally} of one month as a FHIR R4 {@code MeasureReport} (type
 * summary): the totals per group, and a stratifier per level with a stratum per county, kommun or unit.
 * A suppressed count is left out and marked with the {@code data-absent-reason} extension {@code
 * masked} on the element; so is a score that would reveal it.
 */
public final class MeasureReportMapper {

    public static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    public static final String MASKED = "masked";
    public static final String KOMMUN_SYSTEM = MeasureMapper.BASE + "/CodeSystem/kommun";
    public static final String COUNTY_SYSTEM = MeasureMapper.BASE + "/CodeSystem/lan";
    static final String UNITS = "http://unitsofmeasure.org";

    private MeasureReportMapper() {}

    /** {@code complete-contracts-2026-11}. */
    public static String id(Indicator i, Period p) {
        return i.id() + "-" + p;
    }

    public static MeasureReport toReport(Indicator i, Period p, Tally.Node total, Instant computedAt) {
        MeasureReport r = new MeasureReport();
        r.setId(id(i, p));
        r.setMeta(new Meta().setLastUpdated(Date.from(computedAt)));
        r.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        r.setType(MeasureReport.MeasureReportType.SUMMARY);
        r.setMeasure(MeasureMapper.url(i.id()));
        r.setDate(Date.from(computedAt));
        r.getPeriod()
                .setStartElement(new DateTimeType(p.firstDay().toString()))
                .setEndElement(new DateTimeType(p.lastDay().toString()));
        for (String g : MeasureMapper.groups(i)) {
            MeasureReport.MeasureReportGroupComponent group = r.addGroup();
            group.setCode(new CodeableConcept(new Coding(MeasureMapper.GROUP_SYSTEM, g, null)));
            populations(i, total).forEach(group::addPopulation);
            group.setMeasureScore(score(i, g, total));
            for (Tally.Level level : List.of(Tally.Level.MICRO, Tally.Level.MESO, Tally.Level.MACRO)) {
                MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
                stratifier.addCode(MeasureMapper.levelCode(level));
                for (Tally.Node n : total.at(level)) {
                    MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
                    stratum.setValue(value(n));
                    if (level == Tally.Level.MICRO) {
                        // A unit may serve several kommuner: its stratum is the unit within one kommun.
                        stratum.addExtension(
                                Systems.EXT_KOMMUN, new CodeType(n.parent().key()));
                    }
                    for (MeasureReport.MeasureReportGroupPopulationComponent pop : populations(i, n)) {
                        stratum.addPopulation().setCode(pop.getCode()).setCountElement(pop.getCountElement());
                    }
                    stratum.setMeasureScore(score(i, g, n));
                }
            }
        }
        return r;
    }

    private static List<MeasureReport.MeasureReportGroupPopulationComponent> populations(Indicator i, Tally.Node n) {
        if (i.scoring() == Indicator.Scoring.PROPORTION) {
            return List.of(count("denominator", n, Tally.DENOMINATOR), count("numerator", n, Tally.NUMERATOR));
        }
        return List.of(count("measure-population", n, Tally.DENOMINATOR));
    }

    private static MeasureReport.MeasureReportGroupPopulationComponent count(String code, Tally.Node n, int p) {
        MeasureReport.MeasureReportGroupPopulationComponent pop = MeasureMapper.population(code);
        if (n.suppressed(p)) {
            pop.getCountElement().addExtension(masked());
        } else {
            pop.setCount((int) n.count(p));
        }
        return pop;
    }

    /** The score, or a masked Quantity when a count it depends on is suppressed; null when undefined. */
    private static Quantity score(Indicator i, String group, Tally.Node n) {
        if (i.scoring() == Indicator.Scoring.PROPORTION) {
            if (n.suppressed(Tally.DENOMINATOR) || n.suppressed(Tally.NUMERATOR)) {
                return maskedQuantity();
            }
            if (n.count(Tally.DENOMINATOR) == 0) {
                return null;
            }
            BigDecimal value = BigDecimal.valueOf(n.count(Tally.NUMERATOR))
                    .divide(BigDecimal.valueOf(n.count(Tally.DENOMINATOR)), 4, RoundingMode.HALF_UP);
            return new Quantity().setValue(value).setUnit("1").setSystem(UNITS).setCode("1");
        }
        if (n.suppressed(Tally.DENOMINATOR)) {
            return maskedQuantity();
        }
        Double v = "median".equals(group) ? n.median() : n.mean();
        if (v == null) {
            return null;
        }
        return new Quantity()
                .setValue(BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP))
                .setUnit(i.unit())
                .setSystem(UNITS)
                .setCode(i.unit());
    }

    private static Quantity maskedQuantity() {
        Quantity q = new Quantity();
        q.addExtension(masked());
        return q;
    }

    static Extension masked() {
        return new Extension(DATA_ABSENT_REASON, new CodeType(MASKED));
    }

    /** A stratum's value: a unit's HSA-id, a kommun code or a county code. */
    private static CodeableConcept value(Tally.Node n) {
        String system =
                switch (n.level()) {
                    case MICRO -> Systems.HSA_ID;
                    case MESO -> KOMMUN_SYSTEM;
                    default -> COUNTY_SYSTEM;
                };
        return new CodeableConcept(
                        new Coding(system, n.key(), n.level() == Tally.Level.MESO ? kommunName(n.key()) : null))
                .setText(n.key());
    }

    /** The kommun's name as SCB writes it (e.g. Jönköping), or null for {@code unknown}. */
    private static String kommunName(String code) {
        try {
            return se.naravard.platform.identity.Kommunkod.of(code).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether a population or score element is marked masked (for tests and readers). */
    public static boolean isMasked(org.hl7.fhir.r4.model.Element e) {
        return e.getExtensionByUrl(DATA_ABSENT_REASON) != null;
    }
}
