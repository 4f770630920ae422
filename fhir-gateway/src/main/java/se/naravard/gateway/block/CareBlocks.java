package se.naravard.gateway.block;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * The spärrar in the gateway's own database ({@code care_block}, migration V4): the gateway is where
 * access is decided, so it keeps what decides it. Rows are only inserted, and lifted once; the database
 * refuses any other change. Every question is asked of the database, not a cache: a block registered on
 * one gateway instance counts on every other at once.
 *
 * <p>A database that cannot answer is a 503: without knowing the patient's blocks the gateway cannot
 * tell what it may show, so it shows nothing.
 */
public final class CareBlocks {

    private static final String COLUMNS = "id, patient_key, provider, unit, registered_at, registered_by,"
            + " registered_by_unit, lifted_at, lifted_by, lifted_by_unit";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CareBlocks.class);

    private final DataSource dataSource;
    private final Clock clock;

    public CareBlocks(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The patient's blocks in force. */
    public List<CareBlock> inForce(String patientKey) {
        return query(
                "SELECT " + COLUMNS + " FROM care_block WHERE patient_key = ? AND lifted_at IS NULL"
                        + " ORDER BY registered_at, id",
                patientKey);
    }

    /** All the patient's blocks, lifted ones too, oldest first. */
    public List<CareBlock> all(String patientKey) {
        return query(
                "SELECT " + COLUMNS + " FROM care_block WHERE patient_key = ? ORDER BY registered_at, id", patientKey);
    }

    public Optional<CareBlock> get(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM care_block WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Registers a block in force from now. */
    public CareBlock register(String patientKey, String provider, String unit, String by, String byUnit) {
        CareBlock b = new CareBlock(UUID.randomUUID(), patientKey, provider, unit, now(), by, byUnit, null, null, null);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO care_block (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
            ps.setObject(1, b.id());
            ps.setString(2, patientKey);
            ps.setString(3, provider);
            ps.setString(4, unit);
            ps.setTimestamp(5, Timestamp.from(b.registeredAt()));
            ps.setString(6, by);
            ps.setString(7, byUnit);
            ps.executeUpdate();
            return b;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Lifts the block if it is still in force; the block as it is afterwards, or empty if there is
     * none with this id.
     */
    public Optional<CareBlock> lift(UUID id, String by, String byUnit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE care_block SET lifted_at = ?, lifted_by = ?, lifted_by_unit = ?"
                                + " WHERE id = ? AND lifted_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now()));
            ps.setString(2, by);
            ps.setString(3, byUnit);
            ps.setObject(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return get(id);
    }

    private Instant now() {
        // Microseconds, as PostgreSQL keeps them: what is returned is what a later read gives.
        return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private List<CareBlock> query(String sql, String patientKey) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, patientKey);
            try (ResultSet rs = ps.executeQuery()) {
                List<CareBlock> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(row(rs));
                }
                return found;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static CareBlock row(ResultSet rs) throws SQLException {
        Timestamp lifted = rs.getTimestamp("lifted_at");
        return new CareBlock(
                rs.getObject("id", UUID.class),
                rs.getString("patient_key").strip(),
                rs.getString("provider"),
                rs.getString("unit"),
                rs.getTimestamp("registered_at").toInstant(),
                rs.getString("registered_by"),
                rs.getString("registered_by_unit"),
                lifted == null ? null : lifted.toInstant(),
                rs.getString("lifted_by"),
                rs.getString("lifted_by_unit"));
    }

    private static RuntimeException unavailable(SQLException e) {
        LOG.warn("care_block: {}", e.getMessage());
        return FhirErrors.unavailable(
                "the gateway's database", "the patient's blocks (spärrar) cannot be read or written");
    }
}
