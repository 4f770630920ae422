package se.naravard.gateway.followup;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.security.TokenAuthentication;

/**
 * The monthly reports of the follow-up indicators as {@code MeasureReport}, computed when asked: read by
 * id ({@code <measure id>-<yyyy-MM>}, e.g. {@code complete-contracts-2026-11}) and search by {@code
 * measure} (a Measure reference or canonical URL; every indicator when absent) and {@code period} (one
 * month, {@code period=2026-11}, required).
 */
public final class MeasureReportProvider implements IResourceProvider {

    /** A search without a month, or with a period that is not one month. */
    public static final String PERIOD_REQUIRED = "GATEWAY-132";

    /** The type-level operation that answers a kommun's payment liability in a month. */
    public static final String LIABILITY = "$liability";

    private final FollowUpReports reports;
    private final PaymentLiability liability;

    public MeasureReportProvider(FollowUpReports reports, PaymentLiability liability) {
        this.reports = reports;
        this.liability = liability;
    }

    /**
     * {@code GET [base]/MeasureReport/$liability?kommun=0680&period=2026-11}: the kommun's payment
     * liability in the month as a MeasureReport of {@code Measure/payment-liability} (docs/followup.md).
     */
    @Operation(name = LIABILITY, idempotent = true)
    public MeasureReport liability(
            @OperationParam(name = "kommun", min = 1, max = 1) StringType kommun,
            @OperationParam(name = "period", min = 1, max = 1) StringType period,
            RequestDetails request) {
        return liability.report(
                TokenAuthentication.caller(request),
                kommun == null ? null : kommun.getValue(),
                period == null ? null : period.getValue());
    }

    @Override
    public Class<MeasureReport> getResourceType() {
        return MeasureReport.class;
    }

    @Read
    public MeasureReport read(@IdParam IdType id) {
        String value = id.getIdPart();
        if (value.length() > 8) {
            String month = value.substring(value.length() - 7);
            String measure = value.substring(0, value.length() - 8);
            try {
                YearMonth m = YearMonth.parse(month);
                var indicator = reports.indicator(measure);
                if (indicator.isPresent() && value.charAt(value.length() - 8) == '-') {
                    return reports.report(indicator.get(), new Period(m));
                }
            } catch (DateTimeParseException e) {
                // not a report id: not found below
            }
        }
        throw FhirErrors.notFound("MeasureReport", value, null);
    }

    @Search
    public List<MeasureReport> search(
            @OptionalParam(name = MeasureReport.SP_MEASURE) ReferenceParam measure,
            @OptionalParam(name = MeasureReport.SP_PERIOD) DateParam period) {
        Period month = month(period);
        List<Indicator> indicators = new ArrayList<>();
        if (measure == null) {
            indicators.addAll(reports.indicators());
        } else {
            String value = measure.getValue();
            String id = value.substring(value.lastIndexOf('/') + 1);
            reports.indicator(id)
                    .filter(i ->
                            value.equals(id) || value.equals("Measure/" + id) || value.equals(MeasureMapper.url(id)))
                    .ifPresent(indicators::add);
        }
        if (indicators.size() == reports.indicators().size()) {
            return reports.reports(month);
        }
        return indicators.stream().map(i -> reports.report(i, month)).toList();
    }

    private static Period month(DateParam period) {
        if (period == null || period.getValue() == null) {
            throw FhirErrors.badParameter(
                    "period", "MeasureReport.period", PERIOD_REQUIRED, "period is required: one month, period=yyyy-MM");
        }
        String raw = period.getValueAsString();
        boolean eq = period.getPrefix() == null || period.getPrefix() == ParamPrefixEnum.EQUAL;
        if (!eq || raw.length() != 7) {
            throw FhirErrors.badParameter(
                    "period",
                    "MeasureReport.period",
                    PERIOD_REQUIRED,
                    "period must name one month (period=yyyy-MM): reports are monthly");
        }
        return new Period(YearMonth.parse(raw));
    }
}
