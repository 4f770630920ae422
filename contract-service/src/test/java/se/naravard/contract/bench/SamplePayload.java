package se.naravard.contract.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import se.naravard.platform.events.EventEnvelope;

/**
 * The contract-created payload the outbox and NOTIFY phases write: a real one from the relay phase's
 * outbox when that ran, else synthetic JSON of about the same size.
 *
 * @param data the payload bytes (JSON, UTF-8)
 * @param subject the contract id inside {@code data}, which the outbox phase replaces per row
 */
record SamplePayload(byte[] data, String subject) {

    /** The newest outbox row of {@code db}; prints its size. Null when the outbox is empty. */
    static SamplePayload latest(DurablePostgres postgres, String db) throws SQLException {
        try (Connection c = postgres.connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select data, subject,"
                        + " (select avg(octet_length(data))::int from naravard_platform.outbox_event),"
                        + " (select pg_column_size(data) from naravard_platform.outbox_event order by seq desc limit 1)"
                        + " from naravard_platform.outbox_event order by seq desc limit 1")) {
            if (!rs.next()) {
                return null;
            }
            System.out.printf(
                    "  contract-created payload: %d bytes on average (%d bytes stored after PostgreSQL"
                            + " compression)%n",
                    rs.getInt(3), rs.getInt(4));
            return new SamplePayload(rs.getBytes(1), rs.getString(2));
        }
    }

    static SamplePayload synthetic() {
        String subject = "00000000-0000-0000-0000-000000000000";
        StringBuilder b = new StringBuilder("{\"event\":\"contract-created\",\"contract\":{\"id\":\"")
                .append(subject)
                .append("\",\"parts\":[");
        while (b.length() < 2000) {
            b.append("{\"id\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"text\":\"Uppföljande besök på vårdcentralen\"},");
        }
        b.setLength(b.length() - 1);
        return new SamplePayload(b.append("]}}").toString().getBytes(StandardCharsets.UTF_8), subject);
    }

    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** A contract-created event as contract-service writes it (kommun 0680, aggregate version 1). */
    static EventEnvelope contractCreated(String subject, String recordKey, byte[] data) {
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/contract-service",
                "se.naravard.contract.contract-created.v1",
                subject,
                OffsetDateTime.now(ZoneOffset.UTC),
                recordKey,
                "0680",
                1,
                data);
    }
}
