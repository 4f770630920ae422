package se.naravard.gateway.followup;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Narrative;

/**
 * An {@link Indicator} as a published FHIR R4 {@code Measure}: scoring proportion (denominator and
 * numerator) or continuous-variable (measure population and measure observation, reported as two
 * groups, {@code median} and {@code mean}), each population's definition in words, and the three
 * {@code level} stratifiers micro, meso and macro.
 */
public final class MeasureMapper {

    public static final String BASE = "https://naravard.se/fhir";
    public static final String LEVEL_SYSTEM = BASE + "/CodeSystem/followup-level";
    public static final String GROUP_SYSTEM = BASE + "/CodeSystem/followup-group";
    static final String SCORING_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-scoring";
    static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
    static final String VERSION = "1";
    /** When the definitions of version 1 were published. */
    static final Date PUBLISHED = Date.from(java.time.Instant.parse("2026-12-05T00:00:00Z"));

    private MeasureMapper() {}

    public static String url(String id) {
        return BASE + "/Measure/" + id;
    }

    /** The groups an indicator is reported in: one for a proportion, {@code median} and {@code mean} else. */
    static List<String> groups(Indicator i) {
        return i.scoring() == Indicator.Scoring.PROPORTION ? List.of("proportion") : List.of("median", "mean");
    }

    public static Measure toMeasure(Indicator i) {
        Measure m = new Measure();
        m.setId(i.id());
        m.setMeta(new Meta().setVersionId(VERSION).setLastUpdated(PUBLISHED));
        m.setUrl(url(i.id()));
        m.setVersion(VERSION);
        m.setName(name(i.id()));
        m.setTitle(i.title());
        m.setStatus(PublicationStatus.ACTIVE);
        m.setExperimental(false);
        m.setDate(PUBLISHED);
        m.setPublisher("Nära vård: region och kommuner i länet (gemensam uppföljning)");
        m.setDescription(i.description());
        m.setScoring(new CodeableConcept(new Coding(SCORING_SYSTEM, scoring(i), null)));
        m.setImprovementNotation(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/measure-improvement-notation", i.improvementNotation(), null)));
        Narrative text = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + escape(i.title()) + ": "
                + escape(i.description()) + "</p></div>");
        m.setText(text);
        for (String g : groups(i)) {
            Measure.MeasureGroupComponent group = m.addGroup();
            group.setCode(new CodeableConcept(new Coding(GROUP_SYSTEM, g, null)));
            if (i.scoring() == Indicator.Scoring.PROPORTION) {
                population(group, "denominator", i.denominator());
                population(group, "numerator", i.numerator());
            } else {
                population(group, "measure-population", i.denominator());
                population(group, "measure-observation", i.numerator() + " (" + g + ", in " + i.unit() + ")");
            }
            for (Tally.Level level : List.of(Tally.Level.MICRO, Tally.Level.MESO, Tally.Level.MACRO)) {
                group.addStratifier().setCode(levelCode(level)).setDescription(levelText(i, level));
            }
        }
        return m;
    }

    static CodeableConcept levelCode(Tally.Level level) {
        return new CodeableConcept(new Coding(LEVEL_SYSTEM, level.code(), null)).setText("level " + level.code());
    }

    static String levelText(Indicator i, Tally.Level level) {
        return switch (level) {
            case MICRO -> "unit/team HSA-id: " + i.micro() + ", within its kommun";
            case MESO -> "kommun (SCB kommunkod) of the patient's residence";
            case MACRO -> "county (länskod: the kommun code's first two digits)";
            case TOTAL -> "all";
        };
    }

    static String scoring(Indicator i) {
        return i.scoring() == Indicator.Scoring.PROPORTION ? "proportion" : "continuous-variable";
    }

    static MeasureReport.MeasureReportGroupPopulationComponent population(String code) {
        return new MeasureReport.MeasureReportGroupPopulationComponent()
                .setCode(new CodeableConcept(new Coding(POPULATION_SYSTEM, code, null)));
    }

    static void population(Measure.MeasureGroupComponent group, String code, String text) {
        group.addPopulation()
                .setCode(new CodeableConcept(new Coding(POPULATION_SYSTEM, code, null)))
                .setDescription(text)
                .setCriteria(criteria(MeasureMapper.name(code)));
    }

    /**
     * A population's or stratifier's criteria: R4 requires an expression language from its value set, so
     * the criteria name the definition as a CQL identifier ({@code Numerator}); the gateway computes it in
     * Java (no CQL library is published), and the element's description says what it counts.
     */
    private static Expression criteria(String identifier) {
        return new Expression().setLanguage("text/cql").setExpression(identifier);
    }

    /** {@code complete-contracts} → {@code CompleteContracts}: a name usable by computers (mea-0). */
    static String name(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
