package se.naravard.contract.listing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Listings in contract-service's database (V3__listing.sql): the current state per patient in {@code
 * listing_patient}, every version in {@code listing_version} (immutable). Plain JDBC on the connection of
 * the use case's transaction.
 */
@Singleton
public class ListingStore {

    private static final Argument<List<Listing>> LISTINGS = Argument.listOf(Listing.class);

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;

    public ListingStore(TransactionOperations<Connection> transactions, JsonMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    /** The patient's listings, locked until the transaction ends when {@code forUpdate}. */
    public Optional<PatientListings> byKey(String patientKey, boolean forUpdate) {
        if (forUpdate) {
            // Also serializes two first listings of one patient, for whom no row exists yet to lock.
            try (PreparedStatement s =
                    transactions.getConnection().prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                s.setString(1, "listing:" + patientKey);
                s.execute();
            } catch (SQLException e) {
                throw new IllegalStateException("could not lock a listing: " + e.getMessage(), e);
            }
        }
        return one(
                "SELECT * FROM listing_patient WHERE patient_key = ?" + (forUpdate ? " FOR UPDATE" : ""), patientKey);
    }

    /** Stores a new version: the first one inserts, later ones must follow the stored version. */
    public void save(PatientListings p, String change, Instant at) {
        String document = write(p.listings());
        try {
            Connection c = transactions.getConnection();
            if (p.version() == 1) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO listing_patient (patient_key,"
                        + " patient_system, patient_value, version, document, updated_at)"
                        + " VALUES (?,?,?,?,CAST(? AS jsonb),?)")) {
                    s.setString(1, p.patientKey());
                    s.setString(2, p.system());
                    s.setString(3, p.value());
                    s.setInt(4, p.version());
                    s.setString(5, document);
                    s.setTimestamp(6, Timestamp.from(at));
                    s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement("UPDATE listing_patient SET version = ?,"
                        + " document = CAST(? AS jsonb), updated_at = ? WHERE patient_key = ? AND version = ?")) {
                    s.setInt(1, p.version());
                    s.setString(2, document);
                    s.setTimestamp(3, Timestamp.from(at));
                    s.setString(4, p.patientKey());
                    s.setInt(5, p.version() - 1);
                    if (s.executeUpdate() != 1) {
                        throw new IllegalStateException("the listing changed under its row lock");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO listing_version (patient_key, version,"
                    + " change, changed_at, document) VALUES (?,?,?,?,CAST(? AS jsonb))")) {
                s.setString(1, p.patientKey());
                s.setInt(2, p.version());
                s.setString(3, change);
                s.setTimestamp(4, Timestamp.from(at));
                s.setString(5, document);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a listing: " + e.getMessage(), e);
        }
    }

    private Optional<PatientListings> one(String sql, String parameter) {
        try (PreparedStatement s = transactions.getConnection().prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PatientListings(
                        r.getString("patient_key"),
                        r.getString("patient_system"),
                        r.getString("patient_value"),
                        r.getInt("version"),
                        read(r.getString("document"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a listing: " + e.getMessage(), e);
        }
    }

    private String write(List<Listing> listings) {
        try {
            return json.writeValueAsString(listings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Listing> read(String document) {
        try {
            return json.readValue(document, LISTINGS);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored listing is unreadable", e);
        }
    }
}
