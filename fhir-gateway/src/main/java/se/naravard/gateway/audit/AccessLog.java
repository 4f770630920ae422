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
import java.util.concurrent.atomic.LongAdder;
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
            + " resource_type, resource_id, query_parameters, outcome, http_status, emergency, access_reason,"
            + " actor_patient_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String COLUMNS = "id, recorded_at, actor_kind, actor_subject, actor_hsa_id, care_unit,"
            + " organisation_type, kommun, purpose_of_use, patient_key, action, resource_type, resource_id,"
            + " query_parameters, outcome, http_status, emergency, access_reason, actor_patient_key";

    /** Rows of one request and the answer to it. */
    private record Pending(List<AccessRecord> records, CompletableFuture<Void> stored) {}

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final Thread writer;
    private volatile boolean running = true;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();

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
            failed.add(records.size());
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

    /** Records committed since start (metrics). */
    public long writtenCount() {
        return written.sum();
    }

    /**
     * Records that could not be written (the database refused or was unreachable, or the queue was
     * full): each failed the request that carried it, so nothing was answered unlogged.
     */
    public long failedCount() {
        return failed.sum();
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
                batch.forEach(p -> written.add(p.records().size()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException | SQLException | AssertionError e) {
                // AssertionError: the PostgreSQL driver throws one from executeBatch when the server ends
                // the session under it ("getAutoCommit() should not throw"). Were it to end this thread,
                // every answer with patient data would be refused until a restart: fail this batch only.
                IllegalStateException why =
                        new IllegalStateException("the access log cannot be written: " + describe(e), e);
                batch.forEach(p -> p.stored().completeExceptionally(why));
                batch.forEach(p -> failed.add(p.records().size()));
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

    private static String describe(Throwable e) {
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
        return find(AccessQuery.patient(patientKey), 0, limit);
    }

    /** The row with this id, or null. */
    public AccessRecord byId(UUID id) {
        String sql = "SELECT " + COLUMNS + " FROM access_log WHERE id = ?";
        List<AccessRecord> found = select(sql, List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    /** How many rows the query matches. */
    public int count(AccessQuery query) {
        List<Object> values = new ArrayList<>();
        String sql = "SELECT count(*) FROM access_log" + where(query, values);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, values);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the access log cannot be read: " + e.getSQLState(), e);
        }
    }

    /** The rows the query matches, in its order, skipping {@code offset}, at most {@code limit}. */
    public List<AccessRecord> find(AccessQuery query, int offset, int limit) {
        List<Object> values = new ArrayList<>();
        String order = query.oldestFirst() ? " ORDER BY recorded_at, id" : " ORDER BY recorded_at DESC, id";
        String sql = "SELECT " + COLUMNS + " FROM access_log" + where(query, values) + order + " OFFSET ? LIMIT ?";
        values.add(offset);
        values.add(limit);
        return select(sql, values);
    }

    private static String where(AccessQuery q, List<Object> values) {
        List<String> conditions = new ArrayList<>();
        condition(conditions, values, "patient_key = ?", q.patientKey());
        condition(conditions, values, "care_unit = ?", q.careUnit());
        condition(conditions, values, "kommun = ?", q.kommun());
        condition(conditions, values, "emergency = ?", q.emergency());
        condition(conditions, values, "recorded_at >= ?", utc(q.from()));
        condition(conditions, values, "recorded_at <= ?", utc(q.until()));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** An instant as timestamptz (a Timestamp would be read in the session's time zone). */
    private static java.time.OffsetDateTime utc(java.time.Instant at) {
        return at == null ? null : at.atOffset(java.time.ZoneOffset.UTC);
    }

    private static void condition(List<String> conditions, List<Object> values, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            values.add(value);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            s.setObject(i + 1, values.get(i));
        }
        return s;
    }

    private List<AccessRecord> select(String sql, List<Object> values) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, values);
                ResultSet rs = s.executeQuery()) {
            List<AccessRecord> found = new ArrayList<>();
            while (rs.next()) {
                found.add(row(rs));
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("the access log cannot be read: " + e.getSQLState(), e);
        }
    }

    private static AccessRecord row(ResultSet rs) throws SQLException {
        return new AccessRecord(
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
                rs.getInt(16),
                rs.getBoolean(17),
                rs.getString(18),
                rs.getString(19));
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
        s.setBoolean(17, r.emergency());
        s.setString(18, r.accessReason());
        if (r.actorPatientKey() == null) {
            s.setNull(19, Types.CHAR);
        } else {
            s.setString(19, r.actorPatientKey());
        }
    }
}
