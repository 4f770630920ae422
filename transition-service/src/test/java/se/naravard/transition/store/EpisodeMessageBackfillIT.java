package se.naravard.transition.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import se.naravard.infra.TestInfra;

/**
 * V4 records the messages of the episodes stored before it (their ids were only inside the documents),
 * so that every message is found by its id; an id two episodes share stays with the first one recorded.
 */
class EpisodeMessageBackfillIT {

    private static final TestInfra INFRA = TestInfra.get();

    private final String database = INFRA.postgres().createDatabase("transition");
    private final String url = INFRA.postgres().jdbcUrl(database);

    @Test
    void the_migration_records_which_episode_holds_each_stored_message() throws SQLException {
        flyway("3").migrate();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        insertEpisode(first, Instant.parse("2026-11-01T08:00:00Z"), a, b);
        insertEpisode(second, Instant.parse("2026-11-02T08:00:00Z"), b);
        insertEpisode(quiet, Instant.parse("2026-11-03T08:00:00Z"));

        flyway(null).migrate();

        assertThat(messages()).containsExactlyInAnyOrderEntriesOf(Map.of(a, first, b, first));
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(url, INFRA.postgres().user(), INFRA.postgres().password())
                .locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    private void insertEpisode(UUID id, Instant at, UUID... messageIds) throws SQLException {
        StringBuilder messages = new StringBuilder();
        for (UUID m : messageIds) {
            messages.append(messages.isEmpty() ? "" : ",")
                    .append("{\"id\":\"")
                    .append(m)
                    .append("\",\"type\":\"inskrivningsmeddelande\"}");
        }
        String document = "{\"id\":\"" + id + "\",\"messages\":[" + messages + "],\"tasks\":[]}";
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("insert into episode (id, patient_system, patient_value,"
                        + " patient_key, kommun, admitting_unit, status, version, addressee_units, document,"
                        + " admitted_at, created_at, updated_at) values (?, 'pnr', '191212121212', 'key', '0680',"
                        + " 'SE2321000057-AVD1', 'admitted', 1, '{}', ?::json, ?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, document);
            java.sql.Timestamp t = java.sql.Timestamp.from(at);
            s.setTimestamp(3, t);
            s.setTimestamp(4, t);
            s.setTimestamp(5, t);
            s.executeUpdate();
        }
    }

    private Map<UUID, UUID> messages() throws SQLException {
        Map<UUID, UUID> out = new LinkedHashMap<>();
        try (Connection c = connect();
                ResultSet rs = c.createStatement().executeQuery("select message_id, episode_id from episode_message")) {
            while (rs.next()) {
                out.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
            }
        }
        return out;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                url, INFRA.postgres().user(), INFRA.postgres().password());
    }
}
