package se.naravard.infra;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates uniquely named PostgreSQL databases; shared by the embedded and container servers. */
final class Databases {

    static final String ADMIN_DATABASE = "postgres";

    private static final int MAX_PREFIX_LENGTH = 40;
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Databases() {}

    /** Creates a fresh database on the server behind {@code handle} and returns its name. */
    static String create(PostgresHandle handle, String namePrefix) {
        String name = uniqueName(namePrefix);
        try (Connection connection =
                        DriverManager.getConnection(handle.jdbcUrl(ADMIN_DATABASE), handle.user(), handle.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /**
     * Lower-case letters, digits and underscores only, so the name never needs quoting in JDBC URLs,
     * Flyway or psql; a counter plus random characters keep it unique within the JVM and across
     * runs against a persistent data directory.
     */
    static String uniqueName(String namePrefix) {
        String prefix = sanitise(namePrefix == null ? "" : namePrefix);
        StringBuilder name = new StringBuilder(prefix)
                .append('_')
                .append(Integer.toString(COUNTER.incrementAndGet(), 36))
                .append('_');
        for (int i = 0; i < 6; i++) {
            name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }

    private static String sanitise(String prefix) {
        String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "db_" + cleaned;
        }
        return cleaned.length() > MAX_PREFIX_LENGTH ? cleaned.substring(0, MAX_PREFIX_LENGTH) : cleaned;
    }
}
