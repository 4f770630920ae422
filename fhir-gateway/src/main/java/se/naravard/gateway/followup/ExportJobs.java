package se.naravard.gateway.followup;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk export jobs (V7__followup_export.sql): created at kick-off, run one at a time on a thread of
 * their own (every indicator's MeasureReport of every month asked for, as one ndjson file), polled, and
 * cancelled. A job survives a restart: unfinished jobs are run again when the gateway starts ({@link
 * #resumeUnfinished}). Only the analyst who kicked a job off sees it (owner = the token's {@code sub}).
 */
public final class ExportJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportJobs.class);

    public static final String ACCEPTED = "accepted";
    public static final String IN_PROGRESS = "in-progress";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** One job as its owner sees it. */
    public record Job(
            UUID id,
            String request,
            YearMonth first,
            YearMonth last,
            String status,
            String progress,
            Instant transactionTime,
            String error) {}

    /** One output file of a completed job. */
    public record OutputFile(int number, String resourceType, int count) {}

    private final DataSource dataSource;
    private final FollowUpReports reports;
    private final FhirContext fhir;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "followup-export");
        t.setDaemon(true);
        return t;
    });

    public ExportJobs(DataSource dataSource, FollowUpReports reports, FhirContext fhir, Clock clock) {
        this.dataSource = dataSource;
        this.reports = reports;
        this.fhir = fhir;
        this.clock = clock;
    }

    /** Stores a new job and starts it; its id. */
    public UUID create(String owner, String request, YearMonth first, YearMonth last) {
        UUID id = UUID.randomUUID();
        update(
                "INSERT INTO followup_export_job (id, owner, request, first_month, last_month, status, progress,"
                        + " created_at) VALUES (?,?,?,?,?,?,?,?)",
                id,
                owner,
                request,
                first.toString(),
                last.toString(),
                ACCEPTED,
                "accepted",
                clock.instant());
        runner.submit(() -> run(id));
        return id;
    }

    /** The job, if {@code owner} kicked it off and it was not cancelled. */
    public Optional<Job> find(UUID id, String owner) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT * FROM followup_export_job WHERE id = ? AND owner = ? AND status <> ?")) {
            s.setObject(1, id);
            s.setString(2, owner);
            s.setString(3, CANCELLED);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Timestamp tt = r.getTimestamp("transaction_time");
                return Optional.of(new Job(
                        id,
                        r.getString("request"),
                        YearMonth.parse(r.getString("first_month")),
                        YearMonth.parse(r.getString("last_month")),
                        r.getString("status"),
                        r.getString("progress"),
                        tt == null ? null : tt.toInstant(),
                        r.getString("error")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export jobs cannot be read: " + e.getMessage(), e);
        }
    }

    public List<OutputFile> files(UUID id) {
        List<OutputFile> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT file_no, resource_type, line_count FROM"
                        + " followup_export_file WHERE job_id = ? ORDER BY file_no")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new OutputFile(r.getInt(1), r.getString(2), r.getInt(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export files cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** A file's ndjson, if the job is {@code owner}'s and completed. */
    public Optional<byte[]> content(UUID id, String owner, int number) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT f.content FROM followup_export_file f JOIN"
                        + " followup_export_job j ON j.id = f.job_id WHERE j.id = ? AND j.owner = ? AND j.status = ?"
                        + " AND f.file_no = ?")) {
            s.setObject(1, id);
            s.setString(2, owner);
            s.setString(3, COMPLETED);
            s.setInt(4, number);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export files cannot be read: " + e.getMessage(), e);
        }
    }

    /** Cancels {@code owner}'s job and deletes its files; false if there is no such job. */
    public boolean cancel(UUID id, String owner) {
        int n = update(
                "UPDATE followup_export_job SET status = ?, finished_at = ? WHERE id = ? AND owner = ?"
                        + " AND status <> ?",
                CANCELLED,
                clock.instant(),
                id,
                owner,
                CANCELLED);
        update("DELETE FROM followup_export_file WHERE job_id = ?", id);
        return n == 1;
    }

    /** Runs again every job a stopped gateway left unfinished. */
    public void resumeUnfinished() {
        List<UUID> unfinished = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM followup_export_job WHERE status IN (?, ?)" + " ORDER BY created_at")) {
            s.setString(1, ACCEPTED);
            s.setString(2, IN_PROGRESS);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    unfinished.add(r.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            LOG.warn("unfinished export jobs not resumed: {}", e.getMessage());
            return;
        }
        unfinished.forEach(id -> runner.submit(() -> run(id)));
    }

    private void run(UUID id) {
        try {
            Instant transactionTime = clock.instant();
            if (update(
                            "UPDATE followup_export_job SET status = ?, transaction_time = ? WHERE id = ? AND status IN"
                                    + " (?, ?)",
                            IN_PROGRESS,
                            transactionTime,
                            id,
                            ACCEPTED,
                            IN_PROGRESS)
                    == 0) {
                return; // cancelled meanwhile
            }
            Job job = job(id);
            StringBuilder ndjson = new StringBuilder();
            int lines = 0;
            int months = (int) job.first().until(job.last(), java.time.temporal.ChronoUnit.MONTHS) + 1;
            for (int i = 0; i < months; i++) {
                for (MeasureReport r : reports.reports(new Period(job.first().plusMonths(i)))) {
                    ndjson.append(fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(r))
                            .append('\n');
                    lines++;
                }
                if (update(
                                "UPDATE followup_export_job SET progress = ? WHERE id = ? AND status = ?",
                                (i + 1) + " of " + months + " months",
                                id,
                                IN_PROGRESS)
                        == 0) {
                    return; // cancelled
                }
            }
            finish(id, ndjson.toString().getBytes(StandardCharsets.UTF_8), lines);
        } catch (RuntimeException | SQLException e) {
            LOG.error("export job {} failed: {}", id, e.toString());
            update(
                    "UPDATE followup_export_job SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = ?",
                    FAILED,
                    "the export could not be completed",
                    clock.instant(),
                    id,
                    IN_PROGRESS);
        }
    }

    private Job job(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT owner FROM followup_export_job WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return find(id, r.getString(1)).orElseThrow();
            }
        }
    }

    /** The file and the completion in one transaction, unless the job was cancelled meanwhile. */
    private void finish(UUID id, byte[] content, int lines) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement done = c.prepareStatement("UPDATE followup_export_job SET status = ?, progress = ?,"
                            + " finished_at = ? WHERE id = ? AND status = ?");
                    PreparedStatement file = c.prepareStatement("INSERT INTO followup_export_file (job_id, file_no,"
                            + " resource_type, line_count, content) VALUES (?, 1, 'MeasureReport', ?, ?)")) {
                done.setString(1, COMPLETED);
                done.setString(2, "completed");
                done.setTimestamp(3, Timestamp.from(clock.instant()));
                done.setObject(4, id);
                done.setString(5, IN_PROGRESS);
                if (done.executeUpdate() == 0) {
                    c.rollback();
                    return;
                }
                file.setObject(1, id);
                file.setInt(2, lines);
                file.setBytes(3, content);
                file.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int update(String sql, Object... values) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                s.setObject(i + 1, v instanceof Instant t ? Timestamp.from(t) : v);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("export jobs cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
        try {
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
