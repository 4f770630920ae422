package se.naravard.gateway.subscription;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The subscriptions, their notifications and their delivery state in the gateway's own database
 * (migration V5). Plain JDBC, as the access log: the consumer's transaction hands its connection in
 * ({@link #activeFor}, {@link #append}), the delivery worker holds one per round.
 */
public final class SubscriptionStore {

    private static final String COLUMNS = "id, version, status, status_reason, topic, kommun, addressee_unit, endpoint,"
            + " headers, content, heartbeat_seconds, reason, fhir_base, owner_subject, owner_hsa_id, owner_care_unit,"
            + " owner_kommun, created_at, updated_at, activated_at, events_since_start, end_at, timeout_seconds,"
            + " max_count, delivery_receipt";

    private static final String NOTIFICATION_COLUMNS = "subscription_id, event_number, event_id, event_type,"
            + " event_time, patient_key, focus, resource_json, delivered_at, attempts, receipt_units";

    /** One stored notification. */
    public record Notification(
            UUID subscriptionId,
            long eventNumber,
            UUID eventId,
            String eventType,
            Instant eventTime,
            String patientKey,
            String focus,
            String resourceJson,
            Instant deliveredAt,
            int attempts,
            List<String> receiptUnits) {}

    /** The backlog: undelivered notifications, and when the oldest of them happened. */
    public record Backlog(long count, Instant oldestEventTime, Instant oldestRecordedAt, String lastError) {}

    private final DataSource dataSource;

    public SubscriptionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    // --- the resource -------------------------------------------------------------------------------

    public void insert(StoredSubscription s) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(c, ps, s);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO subscription_delivery (subscription_id, next_attempt_at) VALUES (?, ?)")) {
                ps.setObject(1, s.id());
                ps.setObject(2, utc(s.createdAt()));
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public Optional<StoredSubscription> find(UUID id) {
        List<StoredSubscription> found = select("SELECT " + COLUMNS + " FROM subscription WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The owner's subscriptions, oldest first. */
    public List<StoredSubscription> byOwner(String kommun, String hsaId) {
        return select(
                "SELECT " + COLUMNS + " FROM subscription WHERE owner_kommun = ? AND owner_hsa_id = ?"
                        + " ORDER BY created_at, id",
                kommun,
                hsaId);
    }

    /**
     * Replaces what the client sets, if {@code version} is still the current one; false otherwise. A
     * subscription asked to be requested again is shaken hands with anew; one turned off drops its
     * backlog from delivery (the notifications stay for {@code $events}).
     */
    public boolean update(StoredSubscription s, int version) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            lockDelivery(c, s.id());
            int changed;
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET version = ?, status = ?,"
                    + " status_reason = ?, topic = ?, kommun = ?, addressee_unit = ?, endpoint = ?, headers = ?,"
                    + " content = ?, heartbeat_seconds = ?, reason = ?, updated_at = ?, activated_at = ?, end_at = ?,"
                    + " timeout_seconds = ?, max_count = ?, delivery_receipt = ? WHERE id = ? AND version = ?")) {
                ps.setInt(1, s.version());
                ps.setString(2, s.status());
                ps.setString(3, s.statusReason());
                ps.setString(4, s.topic().url());
                ps.setString(5, s.kommun());
                ps.setString(6, s.addresseeUnit());
                ps.setString(7, s.endpoint().toString());
                ps.setArray(8, c.createArrayOf("text", s.headers().toArray()));
                ps.setString(9, s.content());
                setSeconds(ps, 10, s.heartbeat());
                ps.setString(11, s.reason());
                ps.setObject(12, utc(s.updatedAt()));
                ps.setObject(13, utc(s.activatedAt()));
                ps.setObject(14, utc(s.end()));
                setSeconds(ps, 15, s.timeout());
                setInt(ps, 16, s.maxCount());
                ps.setBoolean(17, s.deliveryReceipt());
                ps.setObject(18, s.id());
                ps.setInt(19, version);
                changed = ps.executeUpdate();
            }
            if (changed == 1 && StoredSubscription.OFF.equals(s.status())) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_notification SET dropped_at = ?"
                        + " WHERE subscription_id = ? AND delivered_at IS NULL AND dropped_at IS NULL")) {
                    ps.setObject(1, utc(s.updatedAt()));
                    ps.setObject(2, s.id());
                    ps.executeUpdate();
                }
            }
            if (changed == 1) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_delivery SET next_attempt_at = ?,"
                        + " failures = 0, last_error = NULL WHERE subscription_id = ?")) {
                    ps.setObject(1, utc(s.updatedAt()));
                    ps.setObject(2, s.id());
                    ps.executeUpdate();
                }
            }
            c.commit();
            return changed == 1;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public boolean delete(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            lockDelivery(c, id);
            boolean deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM subscription WHERE id = ?")) {
                ps.setObject(1, id);
                deleted = ps.executeUpdate() == 1;
            }
            c.commit();
            return deleted;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The delivery row first, the subscription after, as the delivery worker takes them: the other order
     * would deadlock with a worker's round (it waits, at most a round, instead).
     */
    private static void lockDelivery(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM subscription_delivery WHERE subscription_id = ? FOR UPDATE")) {
            ps.setObject(1, id);
            ps.executeQuery().close();
        }
    }

    // --- intake: in the consumer's transaction ---------------------------------------------------------

    /** The active subscriptions of {@code topic} for any of {@code kommuner}. */
    List<StoredSubscription> activeFor(Connection c, SubscriptionTopics topic, List<String> kommuner)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM subscription WHERE status = 'active'" + " AND topic = ? AND kommun = ANY (?)")) {
            ps.setString(1, topic.url());
            ps.setArray(2, c.createArrayOf("text", kommuner.toArray()));
            return rows(ps);
        }
    }

    /** One subscription's notification of an event: its resource (full-resource only) and receipt units. */
    record NewNotification(UUID subscription, String resourceJson, List<String> receiptUnits) {}

    /**
     * Numbers the event for each subscription and stores its notification, all in one round trip (a
     * JDBC batch of one statement per subscription: the numbering update and the insert together, so
     * the intake costs two round trips per event, not two per event and subscription). A subscription
     * turned off or deleted meanwhile gets none. An event a subscription already has is a unique
     * violation that fails the consumer's transaction (the idempotent consumer never hands an event in
     * twice, so it would be a fault, and a number must not be skipped).
     *
     * @return how many notifications were stored
     */
    int append(
            Connection c,
            UUID eventId,
            String eventType,
            Instant eventTime,
            Instant now,
            String patientKey,
            String focus,
            List<NewNotification> notifications)
            throws SQLException {
        if (notifications.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("WITH numbered AS (UPDATE subscription SET events_since_start"
                + " = events_since_start + 1 WHERE id = ? AND status = 'active' RETURNING id, events_since_start)"
                + " INSERT INTO subscription_notification (subscription_id, event_number, event_id, event_type,"
                + " event_time, recorded_at, patient_key, focus, resource_json, receipt_units)"
                + " SELECT id, events_since_start, ?::uuid, ?::text, ?::timestamptz, ?::timestamptz, ?::text, ?::text,"
                + " ?::text, ?::text[] FROM numbered")) {
            for (NewNotification n : notifications) {
                ps.setObject(1, n.subscription());
                ps.setObject(2, eventId);
                ps.setString(3, eventType);
                ps.setObject(4, utc(eventTime));
                ps.setObject(5, utc(now));
                ps.setString(6, patientKey);
                ps.setString(7, focus);
                ps.setString(8, n.resourceJson());
                List<String> units = n.receiptUnits();
                ps.setArray(9, units == null || units.isEmpty() ? null : c.createArrayOf("text", units.toArray()));
                ps.addBatch();
            }
            int stored = 0;
            for (int count : ps.executeBatch()) {
                stored += Math.max(count, 0);
            }
            return stored;
        }
    }

    // --- delivery: on the worker's connection, in its transaction --------------------------------------

    /** What a worker found to do for one subscription, locked for it until its transaction ends. */
    record Claim(StoredSubscription subscription, int failures, Instant lastSentAt) {}

    /**
     * Locks one subscription with work due at {@code now} (a handshake, undelivered notifications whose
     * retry time has come, or a heartbeat), skipping those another worker or instance holds.
     */
    Optional<Claim> claim(Connection c, Instant now) throws SQLException {
        String sql = "SELECT d.subscription_id, d.failures, d.last_sent_at FROM subscription_delivery d"
                + " JOIN subscription s ON s.id = d.subscription_id"
                + " WHERE d.next_attempt_at <= ? AND (s.end_at IS NULL OR s.end_at > ?)"
                + " AND (s.status = 'requested' OR (s.status = 'active' AND ("
                + " EXISTS (SELECT 1 FROM subscription_notification n WHERE n.subscription_id = d.subscription_id"
                + " AND n.delivered_at IS NULL AND n.dropped_at IS NULL)"
                + " OR (s.heartbeat_seconds IS NOT NULL AND coalesce(d.last_sent_at, s.activated_at)"
                + " + make_interval(secs => s.heartbeat_seconds) <= ?))))"
                + " ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE OF d SKIP LOCKED";
        UUID id;
        int failures;
        Instant lastSent;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, utc(now));
            ps.setObject(2, utc(now));
            ps.setObject(3, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getObject(1, UUID.class);
                failures = rs.getInt(2);
                lastSent = instant(rs, 3);
            }
        }
        List<StoredSubscription> s = rows(c, "SELECT " + COLUMNS + " FROM subscription WHERE id = ?", id);
        return s.isEmpty() ? Optional.empty() : Optional.of(new Claim(s.get(0), failures, lastSent));
    }

    /** The oldest undelivered notifications, in event-number order. */
    List<Notification> backlog(Connection c, UUID subscription, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + NOTIFICATION_COLUMNS
                + " FROM subscription_notification WHERE subscription_id = ? AND delivered_at IS NULL"
                + " AND dropped_at IS NULL ORDER BY event_number LIMIT ?")) {
            ps.setObject(1, subscription);
            ps.setInt(2, limit);
            return notifications(ps);
        }
    }

    /** Marks the notifications numbered {@code numbers} delivered at {@code at}, in one statement. */
    void delivered(Connection c, UUID subscription, List<Long> numbers, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_notification SET delivered_at = ?,"
                + " attempts = attempts + 1, last_error = NULL WHERE subscription_id = ? AND event_number = ANY (?)")) {
            ps.setObject(1, utc(at));
            ps.setObject(2, subscription);
            ps.setArray(3, c.createArrayOf("bigint", numbers.toArray()));
            ps.executeUpdate();
        }
    }

    void failed(Connection c, UUID subscription, List<Long> numbers, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_notification SET attempts = attempts + 1,"
                + " last_error = ? WHERE subscription_id = ? AND event_number = ANY (?)")) {
            ps.setString(1, error);
            ps.setObject(2, subscription);
            ps.setArray(3, c.createArrayOf("bigint", numbers.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The kvittens a delivery makes, one per message and addressee: a second delivery, or another
     * subscription's, adds nothing.
     */
    void receipt(Connection c, UUID messageId, String addressee, UUID subscription, long number, Instant answeredAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO subscription_receipt (message_id, addressee,"
                + " subscription_id, event_number, answered_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (message_id, addressee) DO NOTHING")) {
            ps.setObject(1, messageId);
            ps.setString(2, addressee);
            ps.setObject(3, subscription);
            ps.setLong(4, number);
            ps.setObject(5, utc(answeredAt));
            ps.setObject(6, utc(answeredAt));
            ps.executeUpdate();
        }
    }

    /** The delivery state after a round. */
    void schedule(Connection c, UUID subscription, Instant next, int failures, String lastError, Instant lastSentAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_delivery SET next_attempt_at = ?,"
                + " failures = ?, last_error = ?, last_sent_at = coalesce(?, last_sent_at)"
                + " WHERE subscription_id = ?")) {
            ps.setObject(1, utc(next));
            ps.setInt(2, failures);
            ps.setString(3, lastError);
            ps.setObject(4, utc(lastSentAt));
            ps.setObject(5, subscription);
            ps.executeUpdate();
        }
    }

    /** The outcome of a handshake: active from {@code activatedAt}, or error with the reason. */
    void handshake(Connection c, UUID subscription, boolean ok, String reason, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET status = ?, status_reason = ?,"
                + " activated_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = 'requested'")) {
            ps.setString(1, ok ? StoredSubscription.ACTIVE : StoredSubscription.ERROR);
            ps.setString(2, ok ? null : reason);
            ps.setObject(3, ok ? utc(at) : null);
            ps.setObject(4, utc(at));
            ps.setObject(5, subscription);
            ps.executeUpdate();
        }
    }

    // --- $status and $events --------------------------------------------------------------------------

    public Backlog backlogOf(UUID subscription) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*), min(n.event_time), min(n.recorded_at),"
                        + " (SELECT last_error FROM subscription_delivery WHERE subscription_id = ?)"
                        + " FROM subscription_notification n WHERE n.subscription_id = ? AND n.delivered_at IS NULL"
                        + " AND n.dropped_at IS NULL")) {
            ps.setObject(1, subscription);
            ps.setObject(2, subscription);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), instant(rs, 2), instant(rs, 3), rs.getString(4));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The notifications numbered {@code from} to {@code until} (both included), at most {@code limit}. */
    public List<Notification> events(UUID subscription, long from, long until, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + NOTIFICATION_COLUMNS
                        + " FROM subscription_notification WHERE subscription_id = ? AND event_number BETWEEN ? AND ?"
                        + " ORDER BY event_number LIMIT ?")) {
            ps.setObject(1, subscription);
            ps.setLong(2, from);
            ps.setLong(3, until);
            ps.setInt(4, limit);
            return notifications(ps);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // --- housekeeping ----------------------------------------------------------------------------------

    /**
     * Turns off the subscriptions whose {@code end} has come (the Backport IG: the server sets status
     * off), dropping their backlog from delivery as a client's off does; their ids.
     */
    List<UUID> endDue(Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<UUID> ended = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE subscription SET status = 'off',"
                    + " status_reason = NULL, version = version + 1, updated_at = ?"
                    + " WHERE end_at IS NOT NULL AND end_at <= ? AND status <> 'off' RETURNING id")) {
                ps.setObject(1, utc(now));
                ps.setObject(2, utc(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ended.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            if (!ended.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_notification SET dropped_at = ?"
                        + " WHERE subscription_id = ANY (?) AND delivered_at IS NULL AND dropped_at IS NULL")) {
                    ps.setObject(1, utc(now));
                    ps.setArray(2, c.createArrayOf("uuid", ended.toArray()));
                    ps.executeUpdate();
                }
            }
            c.commit();
            return ended;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Deletes the notifications delivered (or dropped) before {@code before}, at most {@code limit} per
     * statement until none is left; how many. The backlog (undelivered) is never touched, nor the
     * subscriptions' event numbering.
     */
    public long purge(Instant before, int limit) {
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String column : List.of("delivered_at", "dropped_at")) {
                int deleted;
                do {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM subscription_notification"
                            + " WHERE ctid = ANY (ARRAY (SELECT ctid FROM subscription_notification WHERE " + column
                            + " < ? LIMIT ?))")) {
                        ps.setObject(1, utc(before));
                        ps.setInt(2, limit);
                        deleted = ps.executeUpdate();
                    }
                    total += deleted;
                } while (deleted >= limit);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM subscription_receipt"
                            + " WHERE coalesce(recorded_at, answered_at) < ? AND (recorded_at IS NOT NULL OR refused IS NOT NULL)")) {
                ps.setObject(1, utc(before));
                ps.executeUpdate();
            }
            return total;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** One subscription's backlog for the metrics. */
    public record BacklogGauge(UUID subscription, long count, Instant oldestRecordedAt) {}

    /** The backlog of every active or requested subscription (zero for those without one). */
    public List<BacklogGauge> backlogs() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.id, count(n.event_number), min(n.recorded_at)"
                        + " FROM subscription s LEFT JOIN subscription_notification n ON n.subscription_id = s.id"
                        + " AND n.delivered_at IS NULL AND n.dropped_at IS NULL"
                        + " WHERE s.status IN ('active', 'requested', 'error') GROUP BY s.id")) {
            List<BacklogGauge> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new BacklogGauge(rs.getObject(1, UUID.class), rs.getLong(2), instant(rs, 3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // --- the kvittens a delivery makes ------------------------------------------------------------------

    /** A kvittens to send to transition-service. */
    record PendingReceipt(UUID messageId, String addressee, Instant answeredAt, int attempts) {}

    /** Locks up to {@code limit} kvittenser due at {@code now} (skipping those another instance holds). */
    List<PendingReceipt> dueReceipts(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, addressee, answered_at, attempts"
                + " FROM subscription_receipt WHERE recorded_at IS NULL AND refused IS NULL AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setObject(1, utc(now));
            ps.setInt(2, limit);
            List<PendingReceipt> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new PendingReceipt(
                            rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3), rs.getInt(4)));
                }
            }
            return found;
        }
    }

    /**
     * The outcome of sending one: recorded (or held already), refused with {@code refused}, or to be
     * tried again at {@code next} after {@code error}.
     */
    void receiptOutcome(
            Connection c, PendingReceipt r, Instant at, boolean recorded, String refused, String error, Instant next)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE subscription_receipt SET attempts = attempts + 1,"
                + " recorded_at = ?, refused = ?, last_error = ?, next_attempt_at = coalesce(?, next_attempt_at)"
                + " WHERE message_id = ? AND addressee = ?")) {
            ps.setObject(1, recorded ? utc(at) : null);
            ps.setString(2, refused);
            ps.setString(3, error);
            ps.setObject(4, utc(next));
            ps.setObject(5, r.messageId());
            ps.setString(6, r.addressee());
            ps.executeUpdate();
        }
    }

    // --- rows -------------------------------------------------------------------------------------------

    private List<StoredSubscription> select(String sql, Object... values) {
        try (Connection c = dataSource.getConnection()) {
            return rows(c, sql, values);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static List<StoredSubscription> rows(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return rows(ps);
        }
    }

    private static List<StoredSubscription> rows(PreparedStatement ps) throws SQLException {
        List<StoredSubscription> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(row(rs));
            }
        }
        return found;
    }

    private static StoredSubscription row(ResultSet rs) throws SQLException {
        Array headers = rs.getArray(9);
        int heartbeat = rs.getInt(11);
        Duration period = rs.wasNull() ? null : Duration.ofSeconds(heartbeat);
        return new StoredSubscription(
                rs.getObject(1, UUID.class),
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                SubscriptionTopics.byUrl(rs.getString(5))
                        .orElseThrow(() -> new SQLException("unknown topic in the subscription table")),
                rs.getString(6),
                rs.getString(7),
                URI.create(rs.getString(8)),
                headers == null ? List.of() : Arrays.asList((String[]) headers.getArray()),
                rs.getString(10),
                period,
                rs.getString(12),
                rs.getString(13),
                new StoredSubscription.Owner(rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17)),
                instant(rs, 18),
                instant(rs, 19),
                instant(rs, 20),
                rs.getLong(21),
                instant(rs, 22),
                seconds(rs, 23),
                integer(rs, 24),
                rs.getBoolean(25));
    }

    private static Duration seconds(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : Duration.ofSeconds(v);
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static List<Notification> notifications(PreparedStatement ps) throws SQLException {
        List<Notification> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Notification(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        instant(rs, 5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        instant(rs, 9),
                        rs.getInt(10),
                        strings(rs.getArray(11))));
            }
        }
        return found;
    }

    private static void bind(Connection c, PreparedStatement ps, StoredSubscription s) throws SQLException {
        ps.setObject(1, s.id());
        ps.setInt(2, s.version());
        ps.setString(3, s.status());
        ps.setString(4, s.statusReason());
        ps.setString(5, s.topic().url());
        ps.setString(6, s.kommun());
        ps.setString(7, s.addresseeUnit());
        ps.setString(8, s.endpoint().toString());
        ps.setArray(9, c.createArrayOf("text", s.headers().toArray()));
        ps.setString(10, s.content());
        setSeconds(ps, 11, s.heartbeat());
        ps.setString(12, s.reason());
        ps.setString(13, s.fhirBase());
        ps.setString(14, s.owner().subject());
        ps.setString(15, s.owner().hsaId());
        ps.setString(16, s.owner().careUnit());
        ps.setString(17, s.owner().kommun());
        ps.setObject(18, utc(s.createdAt()));
        ps.setObject(19, utc(s.updatedAt()));
        ps.setObject(20, utc(s.activatedAt()));
        ps.setLong(21, s.eventsSinceStart());
        ps.setObject(22, utc(s.end()));
        setSeconds(ps, 23, s.timeout());
        setInt(ps, 24, s.maxCount());
        ps.setBoolean(25, s.deliveryReceipt());
    }

    private static void setInt(PreparedStatement ps, int index, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, v);
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static void setSeconds(PreparedStatement ps, int index, Duration d) throws SQLException {
        if (d == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, (int) d.toSeconds());
        }
    }

    /** An instant as timestamptz (a Timestamp would be read in the session's time zone). */
    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("the subscriptions' database: SQLState " + e.getSQLState(), e);
    }
}
