package se.naravard.gateway.followup;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * The follow-up indicators as {@code Measure}: read, search ({@code url}, {@code name}, {@code status},
 * {@code _id}) and {@code $evaluate-measure} for one month ({@code periodStart} the first day,
 * {@code periodEnd} the last; {@code reportType} summary only: no report of an individual is offered).
 */
public final class MeasureProvider implements IResourceProvider {

    /** A period that is not exactly one month, or missing. */
    public static final String BAD_PERIOD = "GATEWAY-130";
    /** An $evaluate-measure parameter this server does not offer (subject, reportType other than summary). */
    public static final String UNSUPPORTED_PARAMETER = "GATEWAY-131";

    private final FollowUpReports reports;

    public MeasureProvider(FollowUpReports reports) {
        this.reports = reports;
    }

    @Override
    public Class<Measure> getResourceType() {
        return Measure.class;
    }

    @Read
    public Measure read(@IdParam IdType id) {
        if (PaymentLiability.MEASURE_ID.equals(id.getIdPart())) {
            return PaymentLiability.measure();
        }
        return MeasureMapper.toMeasure(indicator(id.getIdPart()));
    }

    @Search
    public List<Measure> search(
            @OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = Measure.SP_URL) UriParam url,
            @OptionalParam(name = Measure.SP_NAME) StringParam name,
            @OptionalParam(name = Measure.SP_STATUS) TokenParam status) {
        return java.util.stream.Stream.concat(
                        reports.indicators().stream().map(MeasureMapper::toMeasure),
                        java.util.stream.Stream.of(PaymentLiability.measure()))
                .filter(m -> id == null || m.getIdElement().getIdPart().equals(id.getValue()))
                .filter(m -> url == null || m.getUrl().equals(url.getValue()))
                .filter(m -> name == null
                        || m.getName()
                                .toLowerCase(Locale.ROOT)
                                .startsWith(name.getValue().toLowerCase(Locale.ROOT)))
                .filter(m -> status == null || m.getStatus().toCode().equals(status.getValue()))
                .toList();
    }

    @Operation(name = "$evaluate-measure", idempotent = true)
    public MeasureReport evaluate(
            @IdParam IdType id,
            @OperationParam(name = "periodStart") StringType periodStart,
            @OperationParam(name = "periodEnd") StringType periodEnd,
            @OperationParam(name = "reportType") StringType reportType,
            @OperationParam(name = "subject") StringType subject) {
        Indicator indicator = indicator(id.getIdPart());
        if (subject != null && subject.hasValue()) {
            throw FhirErrors.badParameter(
                    "subject",
                    null,
                    UNSUPPORTED_PARAMETER,
                    "subject is not supported: the follow-up reports aggregates (summary), never one person");
        }
        if (reportType != null && reportType.hasValue() && !"summary".equals(reportType.getValue())) {
            throw FhirErrors.badParameter(
                    "reportType", null, UNSUPPORTED_PARAMETER, "reportType must be summary (the only one offered)");
        }
        return reports.report(indicator, period(value(periodStart), value(periodEnd)));
    }

    /** The month a request names, or 400 {@value #BAD_PERIOD} naming the parameter. */
    static Period period(String start, String end) {
        Object parsed = Period.parse(start, end);
        if (parsed instanceof Period.Refusal r) {
            throw FhirErrors.badParameter(r.parameter(), null, BAD_PERIOD, r.why());
        }
        return (Period) parsed;
    }

    Indicator indicator(String id) {
        return reports.indicator(id).orElseThrow(() -> FhirErrors.notFound("Measure", id, null));
    }

    private static String value(StringType s) {
        return s == null ? null : s.getValue();
    }
}
