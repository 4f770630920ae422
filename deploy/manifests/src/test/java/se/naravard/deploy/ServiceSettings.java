package se.naravard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service reads from its environment, taken from its code rather than listed by hand: the
 * {@code ${VAR:default}} placeholders of its application.yml, and the {@code naravard.*} properties its
 * code and the platform's read, which Micronaut also takes from {@code NARAVARD_…} variables.
 */
record ServiceSettings(String module, String database, int port, Map<String, String> defaults, Set<String> relaxed) {

    // Before ALL: static fields initialise in order.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):`?([^`}]*)`?}");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(naravard\\.[a-z0-9.-]+)[:}]");
    private static final Pattern REQUIRES = Pattern.compile("property = \"(naravard\\.[a-z0-9.-]+)\"");

    /** The four services: module, database, the port of the API whose /health the probes call. */
    static final List<ServiceSettings> ALL = List.of(
            read("contract-service", "contract", 8081),
            read("sip-service", "sip", 8082),
            read("transition-service", "transition", 8083),
            read("fhir-gateway", "gateway", 8090));

    static ServiceSettings read(String module, String database, int port) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(read(Repo.path(module + "/src/main/resources/application.yml")));
        while (m.find()) {
            defaults.putIfAbsent(m.group(1), m.group(2));
        }
        Set<String> relaxed = new TreeSet<>();
        for (Path source : javaSources(module, "platform")) {
            String text = read(source);
            for (Pattern p : List.of(PROPERTY, REQUIRES)) {
                Matcher pm = p.matcher(text);
                while (pm.find()) {
                    relaxed.add(environmentName(pm.group(1)));
                }
            }
        }
        return new ServiceSettings(module, database, port, defaults, relaxed);
    }

    /** Micronaut's mapping the other way: {@code naravard.patient-key.secret} is {@code NARAVARD_PATIENT_KEY_SECRET}. */
    static String environmentName(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every variable the service reads. */
    Set<String> readable() {
        Set<String> all = new TreeSet<>(defaults.keySet());
        all.addAll(relaxed);
        return all;
    }

    /**
     * What a deployment must set: every variable without a default, or whose default only suits a
     * laptop (localhost, the postgres superuser), and the patient-key secret, whose default is the
     * development value.
     */
    Set<String> required() {
        Set<String> required = new TreeSet<>();
        defaults.forEach((name, value) -> {
            if (value.isBlank() || value.contains("localhost") || value.equals("postgres")) {
                required.add(name);
            }
        });
        required.add("NARAVARD_PATIENT_KEY_SECRET");
        return required;
    }

    /** The connection pool size (the variable behind datasources.default.maximum-pool-size). */
    int poolSize() {
        Matcher m = Pattern.compile("maximum-pool-size: \\$\\{([A-Z_]+):(\\d+)}")
                .matcher(read(Repo.path(module + "/src/main/resources/application.yml")));
        if (!m.find()) {
            throw new AssertionError(module + ": no maximum-pool-size placeholder in application.yml");
        }
        return Integer.parseInt(m.group(2));
    }

    String prefix() {
        return database.toUpperCase(java.util.Locale.ROOT);
    }

    private static List<Path> javaSources(String... modules) {
        return Stream.of(modules)
                .flatMap(module -> {
                    try (Stream<Path> files = Files.walk(Repo.path(module + "/src/main/java"))) {
                        return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
