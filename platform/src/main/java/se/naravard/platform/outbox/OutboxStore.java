package se.naravard.platform.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.observability.TraceParent;

/** Plain-JDBC access to the outbox table; every method works on the caller's connection and transaction. */
public final class OutboxStore {

    private static final String T = PlatformSchema.SCHEMA + ".outbox_event";

    /** Advisory-lock class id for relay lanes ("NV" in ASCII); the lane number is the object id. */
    static final int LANE_LOCK_CLASS = 0x4e56;

    private final int lanes;

    public OutboxStore(int lanes) {
        if (lanes < 1 || lanes > 1024) {
            throw new IllegalArgumentException("lanes must be in 1..1024");
        }
        this.lanes = lanes;
    }

    public int lanes() {
        return lanes;
    }

    int laneOf(String recordKey) {
        return Math.floorMod(recordKey.hashCode(), lanes);
    }

    public void append(Connection c, String topic, EventEnvelope e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + T
                + " (event_id, topic, record_key, lane, event_type, source, subject, event_time, kommun,"
                + " aggregate_version, data, trace_parent, trace_state) values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            TraceParent trace = TraceParent.current();
            ps.setObject(1, e.id());
            ps.setString(2, topic);
            ps.setString(3, e.patientKey());
            ps.setShort(4, (short) laneOf(e.patientKey()));
            ps.setString(5, e.type());
            ps.setString(6, e.source());
            ps.setString(7, e.subject());
            ps.setObject(8, e.time());
            ps.setString(9, e.kommun());
            ps.setLong(10, e.aggregateVersion());
            ps.setBytes(11, e.data());
            ps.setString(12, trace == null ? null : trace.traceparent());
            ps.setString(13, trace == null ? null : trace.tracestate());
            ps.executeUpdate();
        }
    }

    /** Takes the lanes no other relay holds, until the end of the current transaction. */
    List<Integer> lockFreeLanes(Connection c) throws SQLException {
        List<Integer> owned = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select lane from generate_series(0, ?) lane where pg_try_advisory_xact_lock(?, lane)")) {
            ps.setInt(1, lanes - 1);
            ps.setInt(2, LANE_LOCK_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owned.add(rs.getInt(1));
                }
            }
        }
        return owned;
    }

    /** The oldest unsent rows of the given lanes, in commit order within each patient. */
    List<PendingEvent> pending(Connection c, List<Integer> ownedLanes, int limit) throws SQLException {
        Array laneArray = c.createArrayOf("int4", ownedLanes.toArray());
        try (PreparedStatement ps = c.prepareStatement("select seq, topic, event_id, source, event_type, subject,"
                + " event_time, record_key, kommun, aggregate_version, data, created_at, trace_parent, trace_state from "
                + T
                + " where sent_at is null and lane = any(?) order by seq limit ?")) {
            ps.setArray(1, laneArray);
            ps.setInt(2, limit);
            List<PendingEvent> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EventEnvelope envelope = new EventEnvelope(
                            rs.getObject(3, java.util.UUID.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getObject(7, java.time.OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getLong(10),
                            rs.getBytes(11));
                    String traceParent = rs.getString(13);
                    rows.add(new PendingEvent(
                            rs.getLong(1),
                            rs.getString(2),
                            envelope,
                            rs.getTimestamp(12).toInstant(),
                            traceParent == null ? null : new TraceParent(traceParent, rs.getString(14))));
                }
            }
            return rows;
        } finally {
            laneArray.free();
        }
    }

    void markSent(Connection c, List<PendingEvent> sent) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("update " + T + " set sent_at = clock_timestamp() where seq = any(?)")) {
            Array seqs =
                    c.createArrayOf("int8", sent.stream().map(PendingEvent::seq).toArray());
            ps.setArray(1, seqs);
            ps.executeUpdate();
            seqs.free();
        }
    }

    void recordFailure(Connection c, List<PendingEvent> failed, String error) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("update " + T + " set attempts = attempts + 1, last_error = ? where seq = any(?)")) {
            Array seqs = c.createArrayOf(
                    "int8", failed.stream().map(PendingEvent::seq).toArray());
            ps.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setArray(2, seqs);
            ps.executeUpdate();
            seqs.free();
        }
    }

    /** Deletes rows sent before {@code cutoff}, at most {@code limit}; returns how many. */
    int deleteSentBefore(Connection c, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + T + " where seq in (select seq from " + T
                + " where sent_at < ? order by sent_at limit ?)")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    /** Unsent rows and the age of the oldest: what an operator looks at first. */
    public Backlog backlog(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("select count(*), min(created_at) from " + T + " where sent_at is null");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(
                    rs.getLong(1), oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now));
        }
    }

    /** A row waiting to be published, with the trace context it was appended in (null: none). */
    record PendingEvent(long seq, String topic, EventEnvelope envelope, Instant createdAt, TraceParent trace) {}

    /** The relay's backlog: unsent events and how long the oldest has waited. */
    public record Backlog(long pending, Duration oldestAge) {}
}
