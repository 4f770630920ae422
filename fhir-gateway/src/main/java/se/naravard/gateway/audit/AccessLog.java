package se.naravard.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The access log table of the gateway's own database (migration V1): rows are only ever inserted,
 * the database refuses UPDATE, DELETE and TRUNCATE. The gateway reads no other service's tables.
 */
public final class AccessLog {

    private static final String INSERT = "INSERT INTO access_log (id, recorded_at, actor_kind, actor_subject,"
            + " actor_hsa_id, care_unit, organisation_type, kommun, purpose_of_use, patient_key, action,"
            + " resource_type, resource_id, query_parameters, outcome, http_status)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public AccessLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the records in one transaction: all are stored, or none (and the exception says why).
     *
     * @throws IllegalStateException when the database refuses or cannot be reached
     */
    public void append(List<AccessRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(records.size() == 1);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (AccessRecord r : records) {
                    bind(s, r);
                    if (records.size() == 1) {
                        s.executeUpdate();
                    } else {
                        s.addBatch();
                    }
                }
                if (records.size() > 1) {
                    s.executeBatch();
                    c.commit();
                }
            } catch (SQLException e) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the access log cannot be written: " + e.getSQLState(), e);
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
