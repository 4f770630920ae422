package se.naravard.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log table of the gateway's own database (migration V1): rows are only ever inserted,
 * the database refuses UPDATE, DELETE and TRUNCATE. The gateway reads no other service's tables.
 *
 * <p>Group commit: {@link #append} hands its rows to one writer thread and waits until they are
 * committed. The writer takes whatever rows are waiting (up to {@link #MAX_BATCH}) and stores them in
 * one transaction, so concurrent requests share a commit (and its {@code fsync}) instead of paying one
 * each; every caller still returns only once its rows are durable, or with the reason they are not.
 */
public final class AccessLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    static final int MAX_BATCH = 500;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String INSERT = "INSERT INTO access_log (id, recorded_at, actor_kind, actor_subject,"
            + " actor_hsa_id, care_unit, organisation_type, kommun, purpose_of_use, patient_key, action,"
            + " resource_type, resource_id, query_parameters, outcome, http_status)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Rows of one request and the answer to it. */
    private record Pending(List<AccessRecord> records, CompletableFuture<Void> stored) {}

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final Thread writer;
    private volatile boolean running = true;

    public AccessLog(DataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::write, "access-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Stores the records, all or none, and returns once they are committed.
     *
     * @throws IllegalStateException when the database refuses, cannot be reached, or does not commit
     *     within 5 s
     */
    public void append(List<AccessRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Pending p = new Pending(List.copyOf(records), new CompletableFuture<>());
        if (!running || !queue.offer(p)) {
            throw new IllegalStateException("the access log is not accepting rows (overloaded or stopped)");
        }
        try {
            p.stored().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the access log did not commit within " + WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the access log committed", e);
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                insert(batch);
                batch.forEach(p -> p.stored().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException | SQLException e) {
                IllegalStateException why =
                        new IllegalStateException("the access log cannot be written: " + describe(e), e);
                batch.forEach(p -> p.stored().completeExceptionally(why));
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new IllegalStateException("the access log stopped"));
        }
    }

    private void insert(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (Pending p : batch) {
                    for (AccessRecord r : p.records()) {
                        bind(s, r);
                        s.addBatch();
                    }
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String describe(Exception e) {
        return e instanceof SQLException sql
                ? "SQLState " + sql.getSQLState()
                : e.getClass().getSimpleName();
    }

    /** Stops the writer after the rows already handed over are stored. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("the access log writer did not stop within {} s", WAIT.toSeconds());
        }
    }

    /** The patient's records, newest first, at most {@code limit}. */
    public List<AccessRecord> forPatient(String patientKey, int limit) {
        String sql = "SELECT id, recorded_at, actor_kind, actor_subject, actor_hsa_id, care_unit, organisation_type,"
                + " kommun, purpose_of_use, patient_key, action, resource_type, resource_id, query_parameters, outcome,"
                + " http_status FROM access_log WHERE patient_key = ? ORDER BY recorded_at DESC, id LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, patientKey);
            s.setInt(2, limit);
            List<AccessRecord> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new AccessRecord(
                            rs.getObject(1, UUID.class),
                            rs.getTimestamp(2).toInstant(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getString(12),
                            rs.getString(13),
                            rs.getString(14),
                            rs.getString(15),
                            rs.getInt(16)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("the access log cannot be read: " + e.getSQLState(), e);
        }
    }

    private static void bind(PreparedStatement s, AccessRecord r) throws SQLException {
        s.setObject(1, r.id());
        s.setTimestamp(2, Timestamp.from(r.at()));
        s.setString(3, r.actorKind());
        s.setString(4, r.actorSubject());
        s.setString(5, r.actorHsaId());
        s.setString(6, r.careUnit());
        s.setString(7, r.organisationType());
        s.setString(8, r.kommun());
        s.setString(9, r.purposeOfUse());
        if (r.patientKey() == null) {
            s.setNull(10, Types.CHAR);
        } else {
            s.setString(10, r.patientKey());
        }
        s.setString(11, r.action());
        s.setString(12, r.resourceType());
        s.setString(13, r.resourceId());
        s.setString(14, r.queryParameters());
        s.setString(15, r.outcome());
        s.setInt(16, r.httpStatus());
    }
}
