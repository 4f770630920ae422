package se.naravard.gateway.followup;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.platform.security.Caller;

/**
 * FHIR Bulk Data Access (v2) of the follow-up data, for analysts ({@link FollowUpAccess}): {@code GET
 * [base]/$export} with {@code Prefer: respond-async} → 202 and {@code Content-Location} of the job's
 * status; {@code GET} of the status → 202 with {@code X-Progress} and {@code Retry-After} while it runs,
 * 200 with the completion manifest when done; {@code DELETE} of it cancels; the manifest's file URLs
 * ({@code $export-download}) serve {@code application/fhir+ndjson} with the same token check.
 *
 * <p>What an analyst gets: the MeasureReports of every indicator and month (aggregates, suppressed as
 * everywhere). Not the pseudonymous fact rows: a patient key is still personal data (it links a person's
 * episodes, SIPs and contracts), and rows of single patients are what suppression exists to prevent.
 */
public final class BulkExportProvider {

    public static final String EXPORT = "$export";
    public static final String STATUS = "$export-poll-status";
    public static final String DOWNLOAD = "$export-download";

    /** Kick-off without {@code Prefer: respond-async}. */
    public static final String NOT_ASYNC = "GATEWAY-135";
    /** An output format or resource type this export does not offer. */
    public static final String UNSUPPORTED = "GATEWAY-136";
    /** {@code _since} is not an instant or date, or too far back. */
    public static final String BAD_SINCE = "GATEWAY-137";
    /** No such job (or not the caller's, or cancelled), or no such file. */
    public static final String NO_JOB = "GATEWAY-138";
    /** The job failed. */
    public static final String JOB_FAILED = "GATEWAY-139";

    static final Set<String> FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");
    /** Without {@code _since}: this many months up to the current one. */
    static final int DEFAULT_MONTHS = 12;

    static final int MAX_MONTHS = 36;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportJobs jobs;
    private final Clock clock;

    public BulkExportProvider(ExportJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Operation(name = EXPORT, idempotent = true, manualResponse = true)
    public void export(
            @OperationParam(name = "_outputFormat") StringType outputFormat,
            @OperationParam(name = "_type") StringType type,
            @OperationParam(name = "_since") StringType since,
            ServletRequestDetails request,
            HttpServletResponse response) {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.contains("respond-async")) {
            throw FhirErrors.badParameter("Prefer", null, NOT_ASYNC, "a bulk export needs Prefer: respond-async");
        }
        if (outputFormat != null && outputFormat.hasValue() && !FORMATS.contains(outputFormat.getValue())) {
            throw FhirErrors.badParameter(
                    "_outputFormat", null, UNSUPPORTED, "_outputFormat must be application/fhir+ndjson");
        }
        if (type != null && type.hasValue() && !"MeasureReport".equals(type.getValue())) {
            throw FhirErrors.badParameter(
                    "_type",
                    null,
                    UNSUPPORTED,
                    "_type must be MeasureReport: the follow-up export holds the aggregate reports only");
        }
        YearMonth last = YearMonth.now(clock.withZone(Period.SWEDEN));
        YearMonth first = first(since, last);
        String url = request.getCompleteUrl();
        UUID id = jobs.create(owner(request), url, first, last);
        response.setStatus(202);
        response.setHeader("Content-Location", request.getFhirServerBase() + "/" + STATUS + "?_jobId=" + id);
    }

    @Operation(name = STATUS, idempotent = true, manualResponse = true, deleteEnabled = true)
    public void status(
            @OperationParam(name = "_jobId") StringType jobId,
            ServletRequestDetails request,
            HttpServletResponse response)
            throws IOException {
        UUID id = jobId(jobId);
        String owner = owner(request);
        if (request.getRequestType() == RequestTypeEnum.DELETE) {
            if (!jobs.cancel(id, owner)) {
                throw noJob();
            }
            response.setStatus(202);
            return;
        }
        ExportJobs.Job job = jobs.find(id, owner).orElseThrow(BulkExportProvider::noJob);
        switch (job.status()) {
            case ExportJobs.COMPLETED -> manifest(job, request, response);
            case ExportJobs.FAILED -> throw FhirErrors.withStatus(
                    500, new FhirErrors.Issue(IssueType.EXCEPTION, JOB_FAILED, job.error(), List.of(), null));
            default -> {
                response.setStatus(202);
                response.setHeader("X-Progress", job.progress() == null ? job.status() : job.progress());
                response.setHeader("Retry-After", "1");
            }
        }
    }

    @Operation(name = DOWNLOAD, idempotent = true, manualResponse = true)
    public void download(
            @OperationParam(name = "_jobId") StringType jobId,
            @OperationParam(name = "_file") StringType file,
            ServletRequestDetails request,
            HttpServletResponse response)
            throws IOException {
        UUID id = jobId(jobId);
        int number;
        try {
            number = Integer.parseInt(file == null ? "" : file.getValue());
        } catch (NumberFormatException e) {
            throw noJob();
        }
        byte[] content = jobs.content(id, owner(request), number).orElseThrow(BulkExportProvider::noJob);
        response.setStatus(200);
        response.setContentType("application/fhir+ndjson");
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }

    private void manifest(ExportJobs.Job job, ServletRequestDetails request, HttpServletResponse response)
            throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put(
                "transactionTime",
                job.transactionTime() == null
                        ? Instant.EPOCH.toString()
                        : job.transactionTime().toString());
        m.put("request", job.request());
        m.put("requiresAccessToken", true);
        ArrayNode output = m.putArray("output");
        for (ExportJobs.OutputFile f : jobs.files(job.id())) {
            output.addObject()
                    .put("type", f.resourceType())
                    .put(
                            "url",
                            request.getFhirServerBase() + "/" + DOWNLOAD + "?_jobId=" + job.id() + "&_file="
                                    + f.number())
                    .put("count", f.count());
        }
        m.putArray("error");
        byte[] body = JSON.writeValueAsBytes(m);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(body);
    }

    /** The first month: {@code _since}'s (an instant or a date), else {@value #DEFAULT_MONTHS} months back. */
    private static YearMonth first(StringType since, YearMonth last) {
        if (since == null || !since.hasValue()) {
            return last.minusMonths(DEFAULT_MONTHS - 1L);
        }
        YearMonth first;
        try {
            Instant t = FollowUpEvents.instant(since.getValue(), false);
            first = YearMonth.from(t.atZone(Period.SWEDEN));
        } catch (DateTimeParseException e) {
            throw FhirErrors.badParameter(
                    "_since", null, BAD_SINCE, "_since must be an instant or a date (yyyy-MM-dd)");
        }
        if (first.isAfter(last)) {
            throw FhirErrors.badParameter("_since", null, BAD_SINCE, "_since is in the future");
        }
        if (first.isBefore(last.minusMonths(MAX_MONTHS - 1L))) {
            throw FhirErrors.badParameter(
                    "_since", null, BAD_SINCE, "_since may reach back at most " + MAX_MONTHS + " months");
        }
        return first;
    }

    private static UUID jobId(StringType jobId) {
        try {
            return UUID.fromString(jobId == null ? "" : jobId.getValue());
        } catch (IllegalArgumentException e) {
            throw noJob();
        }
    }

    private static String owner(ServletRequestDetails request) {
        Caller caller = TokenAuthentication.caller(request);
        return caller == null ? "anonymous" : caller.subject();
    }

    private static ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException noJob() {
        return FhirErrors.withStatus(
                404,
                new FhirErrors.Issue(
                        IssueType.NOTFOUND, NO_JOB, "no such export job or file of yours", List.of(), "http._jobId"));
    }
}
