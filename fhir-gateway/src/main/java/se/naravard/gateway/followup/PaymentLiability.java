package se.naravard.gateway.followup;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.transition.TransitionClient;
import se.naravard.gateway.transition.TransitionDocs.LiabilityMonth;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.security.Caller;

/**
 * Payment liability (betalningsansvar, LUS) per kommun and month as a FHIR {@code MeasureReport} of the
 * Measure {@value #MEASURE_ID}: the liable days and kronor from transition-service's evidence ({@code GET
 * /liability/{kommun}/{month}}, counted under the county agreement there), fetched with the gateway's
 * service token. The gateway owns none of it and computes nothing of it: it only totals what the service
 * answers. Only totals leave: no episode, no patient; the number of liable episodes is a cell like any
 * other (1–4 masked). Days and kronor are the settlement between region and kommun, shown as they are.
 *
 * <p>Who: analysts and managers (FollowUpAccess lets them reach the MeasureReport type); here, in
 * addition, a kommun's managers see their own kommun only, a private provider's none (403 {@value
 * #NOT_YOURS}). A region's managers and analysts see every kommun: the region settles with each kommun of
 * its county, and one gateway serves one county.
 */
public final class PaymentLiability {

    public static final String MEASURE_ID = "payment-liability";
    /** {@code kommun} missing or not a Swedish kommunkod. */
    public static final String BAD_KOMMUN = "GATEWAY-140";
    /** {@code period} missing or not one month (yyyy-MM), or in the future. */
    public static final String BAD_MONTH = "GATEWAY-141";
    /** Not a manager or analyst of the region or of that kommun. */
    public static final String NOT_YOURS = "GATEWAY-142";

    static final String CURRENCY = "urn:iso:std:iso:4217";
    static final String GROUP_DAYS = "liable-days";
    static final String GROUP_KRONOR = "liable-kronor";

    private final TransitionClient transition;
    private final Clock clock;

    public PaymentLiability(TransitionClient transition, Clock clock) {
        this.transition = transition;
        this.clock = clock;
    }

    /** The report of {@code kommun} in {@code month} for {@code caller}, or a 4xx naming the parameter. */
    public MeasureReport report(Caller caller, String kommun, String month) {
        String code = kommun(kommun);
        YearMonth m = month(month);
        allowed(caller, code);
        return toReport(transition.liability(code, m), m, clock);
    }

    static String kommun(String value) {
        if (value == null || value.isBlank()) {
            throw FhirErrors.badParameter("kommun", null, BAD_KOMMUN, "kommun is required: a kommunkod, e.g. 0680");
        }
        try {
            return Kommunkod.of(value.trim()).value();
        } catch (RejectedException e) {
            throw FhirErrors.badParameter(
                    "kommun", null, BAD_KOMMUN, "kommun must be a kommunkod (four digits of a Swedish municipality)");
        }
    }

    YearMonth month(String value) {
        YearMonth m;
        try {
            m = value == null || value.length() != 7 ? null : YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            m = null;
        }
        if (m == null) {
            throw FhirErrors.badParameter("period", null, BAD_MONTH, "period is required: one month, period=yyyy-MM");
        }
        if (m.isAfter(YearMonth.now(clock.withZone(Period.SWEDEN)))) {
            throw FhirErrors.badParameter("period", null, BAD_MONTH, "period is in the future: nothing is liable yet");
        }
        return m;
    }

    /** Analysts and a region's managers: every kommun; a kommun's managers: their own; anyone else: none. */
    static void allowed(Caller caller, String kommun) {
        boolean ok = caller != null
                && (caller.kind() == Caller.Kind.ANALYST
                        || caller.kind() == Caller.Kind.STAFF
                                && (caller.organisationType() == Caller.OrganisationType.REGION
                                        || caller.organisationType() == Caller.OrganisationType.KOMMUN
                                                && kommun.equals(caller.kommun())));
        if (!ok) {
            throw refused("the payment liability of kommun " + kommun
                    + " is for the region's managers and analysts and for that kommun's managers");
        }
    }

    private static BaseServerResponseException refused(String why) {
        return FhirErrors.withStatus(403, new FhirErrors.Issue(IssueType.FORBIDDEN, NOT_YOURS, why, List.of(), null));
    }

    /**
     * The published Measure of the liability reports (read {@code Measure/payment-liability}; its
     * reports come from {@code MeasureReport/$liability}, not {@code $evaluate-measure}).
     */
    public static org.hl7.fhir.r4.model.Measure measure() {
        var m = new org.hl7.fhir.r4.model.Measure();
        m.setId(MEASURE_ID);
        m.setMeta(new Meta().setVersionId(MeasureMapper.VERSION).setLastUpdated(MeasureMapper.PUBLISHED));
        m.setUrl(MeasureMapper.url(MEASURE_ID));
        m.setVersion(MeasureMapper.VERSION);
        m.setName("PaymentLiability");
        m.setTitle("Betalningsansvar per kommun");
        m.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        m.setExperimental(false);
        m.setDate(MeasureMapper.PUBLISHED);
        m.setPublisher("Nära vård: region och kommuner i länet (gemensam uppföljning)");
        String description = "Payment liability (betalningsansvar, LUS) of one kommun in one month: the liable days"
                + " beyond the agreed grace days and their kronor, as transition-service counts them from its"
                + " evidence under the county agreement. Per kommun and month: MeasureReport/$liability.";
        m.setDescription(description);
        m.setScoring(new CodeableConcept(new Coding(MeasureMapper.SCORING_SYSTEM, "continuous-variable", null)));
        var text = new org.hl7.fhir.r4.model.Narrative()
                .setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Betalningsansvar per kommun: "
                + description.replace("&", "&amp;").replace("<", "&lt;") + "</p></div>");
        m.setText(text);
        var days = m.addGroup();
        days.setCode(new CodeableConcept(new Coding(MeasureMapper.GROUP_SYSTEM, GROUP_DAYS, null)));
        days.setDescription("liable days in the month (unit d); population: episodes with a liable day in it");
        MeasureMapper.population(
                days, "measure-population", "episodes of the kommun's residents with a liable day in the month");
        var kronor = m.addGroup();
        kronor.setCode(new CodeableConcept(new Coding(MeasureMapper.GROUP_SYSTEM, GROUP_KRONOR, null)));
        kronor.setDescription("the liable days' kronor (SEK) at the agreement's amounts");
        return m;
    }

    /** {@code payment-liability-0680-2026-11}. */
    static String id(String kommun, YearMonth month) {
        return MEASURE_ID + "-" + kommun + "-" + month;
    }

    static MeasureReport toReport(LiabilityMonth l, YearMonth month, Clock clock) {
        String kommun = l.kommun();
        MeasureReport r = new MeasureReport();
        r.setId(id(kommun, month));
        Date now = Date.from(clock.instant());
        r.setMeta(new Meta().setLastUpdated(now));
        LocalDate through = l.countedThrough() == null ? null : LocalDate.parse(l.countedThrough());
        // The current month is counted through today: pending until it has ended.
        boolean whole = through == null || !through.isBefore(month.atEndOfMonth());
        r.setStatus(whole ? MeasureReport.MeasureReportStatus.COMPLETE : MeasureReport.MeasureReportStatus.PENDING);
        r.setType(MeasureReport.MeasureReportType.SUMMARY);
        r.setMeasure(MeasureMapper.url(MEASURE_ID));
        r.setDate(now);
        r.getPeriod()
                .setStartElement(new DateTimeType(month.atDay(1).toString()))
                .setEndElement(new DateTimeType((whole ? month.atEndOfMonth() : through).toString()));
        r.addExtension(Systems.EXT_KOMMUN, new CodeType(kommun));
        long episodes = l.episodesOrEmpty().stream().filter(e -> e.days() > 0).count();

        MeasureReport.MeasureReportGroupComponent days = r.addGroup();
        days.setCode(new CodeableConcept(new Coding(MeasureMapper.GROUP_SYSTEM, GROUP_DAYS, "Betalningsansvarsdagar")));
        MeasureReport.MeasureReportGroupPopulationComponent population = days.addPopulation();
        population.setCode(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/measure-population",
                "measure-population",
                "Measure Population")));
        if (Suppression.small(episodes)) {
            population.getCountElement().addExtension(MeasureReportMapper.masked());
        } else {
            population.setCount((int) episodes);
        }
        days.setMeasureScore(new Quantity()
                .setValue(BigDecimal.valueOf(l.totalDays()))
                .setUnit("d")
                .setSystem(MeasureReportMapper.UNITS)
                .setCode("d"));

        MeasureReport.MeasureReportGroupComponent kronor = r.addGroup();
        kronor.setCode(new CodeableConcept(new Coding(MeasureMapper.GROUP_SYSTEM, GROUP_KRONOR, "Kronor")));
        kronor.setMeasureScore(new Quantity()
                .setValue(BigDecimal.valueOf(l.totalKronor()))
                .setUnit(l.currency() == null ? "SEK" : l.currency())
                .setSystem(CURRENCY)
                .setCode(l.currency() == null ? "SEK" : l.currency()));
        return r;
    }
}
