package se.naravard.contract.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import se.naravard.platform.outbox.RelaySettings;

/** What PostgreSQL says about a run: its settings, query plans and (optionally) pg_stat_statements. */
final class PgDiagnostics {

    static final String COLUMNS = "seq, topic, event_id, source, event_type, subject, event_time, record_key, kommun,"
            + " aggregate_version, data, created_at";

    /** OutboxStore.pending's query as it is. */
    static final String PENDING_AS_IS = "select " + COLUMNS + " from naravard_platform.outbox_event"
            + " where sent_at is null and lane = any(?) order by seq limit ?";

    private PgDiagnostics() {}

    static void printSessionSettings(DurablePostgres postgres, String db) throws SQLException {
        try (Connection c = postgres.connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name, setting, unit from pg_settings where name in"
                        + " ('server_version', 'synchronous_commit', 'fsync', 'full_page_writes', 'wal_level',"
                        + " 'shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'max_connections',"
                        + " 'wal_compression', 'effective_io_concurrency', 'work_mem') order by name")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2) + (rs.getString(3) == null ? "" : rs.getString(3)));
            }
            System.out.println("  PostgreSQL session settings: " + String.join(", ", out));
        }
    }

    /** Prints the plan of {@code sql} (parameters: all lanes, then {@code batch}) as executed. */
    static void explain(HikariDataSource ds, int batch, String title, String sql) throws SQLException {
        System.out.printf("  plan of %s, batch %d:%n", title, batch);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("explain (analyze, buffers, costs off) " + sql)) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "int4",
                            IntStream.range(0, RelaySettings.defaults().lanes())
                                    .boxed()
                                    .toArray()));
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.println("    | " + rs.getString(1));
                }
            }
        }
    }

    /** pg_stat_statements (only with -Dbench.pgss=true): reset before the run. */
    static void resetStatements(DurablePostgres postgres, String db) throws SQLException {
        try (Connection c = postgres.connect(db);
                Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** pg_stat_statements (only with -Dbench.pgss=true): the top statements after the run. */
    static void printStatements(DurablePostgres postgres, String db) throws SQLException {
        try (Connection c = postgres.connect(db);
                Statement s = c.createStatement()) {
            System.out.println("  pg_stat_statements, this database, by total execution time:");
            try (ResultSet rs = s.executeQuery("select calls, round(total_exec_time::numeric, 0),"
                    + " round(mean_exec_time::numeric, 3), rows, regexp_replace(query, '\\s+', ' ', 'g')"
                    + " from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())"
                    + " order by total_exec_time desc limit 14")) {
                while (rs.next()) {
                    String q = rs.getString(5);
                    System.out.printf(
                            "    calls %7d  total %6d ms  mean %7.3f ms  rows %7d  %s%n",
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getDouble(3),
                            rs.getLong(4),
                            q.length() > 150 ? q.substring(0, 150) + "…" : q);
                }
            }
        }
    }
}
