package se.naravard.gateway.followup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import se.naravard.platform.consumer.PoisonEventException;
import se.naravard.platform.events.EventEnvelope;

/**
 * The listings (listning) of the follow-up store: read from contract-service's {@code
 * se.naravard.contract.listing-changed.v1} events (docs/events.md), which carry the patient's whole
 * listing history after the change, and kept per patient key as the newest version shows it
 * ({@code V12__followup_listing.sql}): a version not above the stored one changes nothing, so a replay or
 * any order of arrival ends with the newest history.
 */
public final class ListingFacts {

    /** The event type this reads. */
    public static final String TYPE = "se.naravard.contract.listing-changed.v1";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ListingFacts() {}

    /** A patient's listings as one version of their history shows them. */
    public record History(String patientKey, long version, List<Facts.Listing> listings) {}

    public static boolean isListing(EventEnvelope event) {
        return TYPE.equals(event.type());
    }

    /** The history an event carries; empty for any other event. */
    public static Optional<History> read(EventEnvelope event) {
        if (!isListing(event)) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(event.data());
            JsonNode listed = payload.get("listings");
            if (listed == null || !listed.isArray()) {
                throw new PoisonEventException("/listings is missing or not a list");
            }
            long version = payload.path("version").asLong(event.aggregateVersion());
            List<Facts.Listing> out = new ArrayList<>();
            for (JsonNode l : listed) {
                List<String> groups = new ArrayList<>();
                l.path("targetGroups").forEach(g -> groups.add(g.asText()));
                String from = text(l, "from");
                if (from == null) {
                    throw new PoisonEventException("a listing without its first day (from)");
                }
                String kommun = text(l, "kommun");
                String county = text(l, "county");
                out.add(new Facts.Listing(
                        event.patientKey(),
                        version,
                        text(l, "unit"),
                        kommun,
                        county != null
                                ? county
                                : kommun != null && kommun.length() == 4 ? kommun.substring(0, 2) : null,
                        LocalDate.parse(from),
                        text(l, "to") == null ? null : LocalDate.parse(text(l, "to")),
                        groups));
            }
            return Optional.of(new History(event.patientKey(), version, out));
        } catch (IOException | DateTimeParseException e) {
            throw new PoisonEventException(
                    "the listing event cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Stores {@code h} in {@code tx} if it is newer than what is stored for the patient. */
    public static void apply(Connection tx, History h) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("INSERT INTO followup_listing_patient (patient_key, version)"
                + " VALUES (?,?) ON CONFLICT (patient_key) DO UPDATE SET version = excluded.version"
                + " WHERE followup_listing_patient.version < excluded.version")) {
            s.setString(1, h.patientKey());
            s.setLong(2, h.version());
            if (s.executeUpdate() == 0) {
                return; // this version or a newer one is in already
            }
        }
        try (PreparedStatement d = tx.prepareStatement("DELETE FROM followup_listing WHERE patient_key = ?")) {
            d.setString(1, h.patientKey());
            d.executeUpdate();
        }
        try (PreparedStatement s = tx.prepareStatement("INSERT INTO followup_listing (patient_key, from_date, version,"
                + " unit, kommun, county, to_date, target_groups) VALUES (?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (patient_key, from_date) DO NOTHING")) {
            for (Facts.Listing l : h.listings()) {
                s.setString(1, l.patientKey());
                s.setObject(2, l.from());
                s.setLong(3, l.version());
                s.setString(4, l.unit());
                s.setString(5, l.kommun());
                s.setString(6, l.county());
                s.setObject(7, l.to());
                s.setArray(8, tx.createArrayOf("text", l.targetGroups().toArray()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The listings in force at some time of {@code day}: at most one per patient. */
    static List<Facts.Listing> coveringDay(Connection c, LocalDate day) throws SQLException {
        List<Facts.Listing> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM followup_listing WHERE from_date <= ?"
                + " AND (to_date IS NULL OR to_date >= ?) ORDER BY patient_key, from_date")) {
            s.setObject(1, day);
            s.setObject(2, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Array groups = r.getArray("target_groups");
                    out.add(new Facts.Listing(
                            r.getString("patient_key"),
                            r.getLong("version"),
                            r.getString("unit"),
                            r.getString("kommun"),
                            r.getString("county"),
                            r.getObject("from_date", LocalDate.class),
                            r.getObject("to_date", LocalDate.class),
                            groups == null ? List.of() : Arrays.asList((String[]) groups.getArray())));
                }
            }
        }
        return out;
    }
}
