package se.naravard.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code run.sh} prints once everything is up: per service its addresses, the databases, Kafka,
 * the demo data per service (ids, states and stories, never a personnummer), the demo tokens and curl
 * examples (the internal APIs' with the local run's service token, the FHIR API's with a persona's).
 */
final class Banner {

    /** What each service's demo loader loaded or found. */
    record Demos(DemoData.Result contracts, TransitionDemo.Result episodes, SipDemo.Result sips) {
        /** NARAVARD_DEMO=false: nothing loaded, nothing listed. */
        static final Demos NONE = new Demos(
                new DemoData.Result(false, java.util.List.of()),
                new TransitionDemo.Result(false, java.util.List.of(), null, null),
                new SipDemo.Result(false, java.util.List.of()));
    }

    /** How to reach a service's database: its JDBC URL by database name, user and password. */
    record Database(Function<String, String> jdbcUrl, String user, String password) {}

    private static final String RULE = "=".repeat(100);

    private final LocalSettings settings;
    private final List<ServiceProcess> services;
    private final Database database;
    private final Demos demos;
    private final String month;
    private final Map<DemoTokens.Persona, String> tokens;
    private final Path tokensFile;

    /** @param month the current month {@code yyyy-MM}, for the liability report example */
    Banner(
            LocalSettings settings,
            List<ServiceProcess> services,
            Database database,
            Demos demos,
            String month,
            Map<DemoTokens.Persona, String> tokens,
            Path tokensFile) {
        this.tokens = tokens;
        this.tokensFile = tokensFile;
        this.settings = settings;
        this.services = List.copyOf(services);
        this.database = database;
        this.demos = demos;
        this.month = month;
    }

    String text(double readySeconds) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(RULE);
        lines.add(String.format(Locale.ROOT, " Nära vård: the local system is up (ready in %.1f s)", readySeconds));
        lines.add(RULE);
        addresses(lines);
        lines.add("");
        if (!settings.demoData()) {
            lines.add(" Demo data: not loaded (NARAVARD_DEMO=false).");
        } else {
            lines.add(" Demo data (fictional test patients; their personnummer are never shown):");
            demo(
                    lines,
                    "contract-service",
                    "contracts",
                    demos.contracts().loadedNow(),
                    demos.contracts().rows());
            demo(
                    lines,
                    "transition-service",
                    "episodes",
                    demos.episodes().loadedNow(),
                    demos.episodes().rows());
            if (demos.episodes().missedId() != null) {
                lines.add("   (the deadline clock marks the missed admission notice within seconds of the start)");
            }
            demo(
                    lines,
                    "sip-service",
                    "SIPs",
                    demos.sips().loadedNow(),
                    demos.sips().rows());
        }
        lines.add("");
        demoTokens(lines);
        lines.add("");
        lines.add(" Try:");
        if (!tokens.isEmpty()) {
            lines.add("   source " + tokensFile + "    # the tokens above");
        }
        contractExamples(lines);
        episodeExamples(lines);
        sipExamples(lines);
        fhirExamples(lines);
        lines.add(
                "   (more in docs/contract-api.md, docs/sip-api.md and docs/fhir.md; every API's OpenAPI document above)");
        lines.add("");
        events(lines);
        lines.add("");
        lines.add(" Ctrl-C stops "
                + services.stream().map(ServiceProcess::moduleDirectory).collect(Collectors.joining(", "))
                + ", Kafka and PostgreSQL.");
        lines.add(RULE);
        return String.join(System.lineSeparator(), lines);
    }

    private void addresses(List<String> lines) {
        for (ServiceProcess s : services) {
            lines.add(String.format(" %-19s %s", s.moduleDirectory(), s.apiUri()));
            lines.add(String.format("   %-17s %s", "health", s.healthUri()));
            if (s.name().equals(LocalStack.GATEWAY)) {
                lines.add(String.format("   %-17s %s", "capabilities", s.apiUri() + "/metadata"));
                lines.add(String.format(
                        "   %-17s %s  (log in with $NARAVARD_TOKEN_CITIZEN below)", "citizen page", citizenPage(s)));
                lines.add(String.format(
                        "   %-17s %s  (log in with $NARAVARD_TOKEN_REGION_MANAGER below)",
                        "dashboard", s.apiUri().resolve("/uppfoljning/")));
                continue;
            }
            String openApi = s.openApiUri(settings.root())
                    .map(Object::toString)
                    .orElse(s.baseUri() + "/openapi/ (no document found in target/classes)");
            lines.add(String.format("   %-17s %s", "OpenAPI", openApi));
        }
        for (ServiceProcess s : services) {
            if (s.database() != null) {
                lines.add(String.format(
                        " %-19s %s  (user %s, password %s)",
                        "PostgreSQL", database.jdbcUrl().apply(s.database()), database.user(), database.password()));
            }
        }
        lines.add(String.format(
                " %-19s %s  (%d partitions per topic)",
                "Kafka bootstrap", settings.kafkaBootstrap(), LocalStack.PARTITIONS));
        lines.add(String.format(
                " %-19s %s",
                "Kafka topics",
                String.join(
                        ", ",
                        services.stream().flatMap(s -> s.topics().stream()).toList())));
        lines.add(String.format(
                " %-19s %s  (kept between runs; delete it to start empty)", "Data", settings.dataDirectory()));
    }

    /** The citizen's page "Mitt patientkontrakt", beside the FHIR API on the gateway's FHIR port. */
    static URI citizenPage(ServiceProcess gateway) {
        return gateway.apiUri().resolve("/min-plan/");
    }

    private static void demo(List<String> lines, String service, String noun, boolean loadedNow, List<DemoRow> rows) {
        lines.add(
                loadedNow
                        ? " " + service + ": " + rows.size() + " " + noun + " loaded"
                        : " " + service + ": " + noun + " found in the database, so no demo data loaded; most recent:");
        rows.forEach(r -> lines.add(r.line()));
    }

    /** curl with the local run's service token: the internal APIs accept nothing else. */
    static final String SERVICE_CURL = "curl -s -H \"Authorization: Bearer $" + DemoTokens.SERVICE_TOKEN + "\" ";

    /** A command and its comment, the comments aligned. */
    private static final String COMMENTED = "   %-" + (80 + SERVICE_CURL.length()) + "s %s";

    private void contractExamples(List<String> lines) {
        api("contract").ifPresent(contracts -> {
            String id = demos.contracts().exampleId();
            lines.add("   " + SERVICE_CURL + "'" + contracts + "?limit=5'");
            if (id != null) {
                lines.add("   " + SERVICE_CURL + contracts + "/" + id);
                lines.add("   " + SERVICE_CURL + contracts + "/" + id + "/versions");
            }
        });
    }

    private void episodeExamples(List<String> lines) {
        api("transition").ifPresent(episodes -> {
            TransitionDemo.Result demo = demos.episodes();
            URI base = episodes.resolve("/");
            String missed = demo.missedId() != null ? demo.missedId() : DemoRow.firstIn(demo.rows(), "admitted");
            String liable =
                    demo.liableId() != null ? demo.liableId() : DemoRow.firstIn(demo.rows(), "utskrivningsklar");
            lines.add("   " + SERVICE_CURL + "'" + episodes + "?kommun=0680'");
            if (missed != null) {
                lines.add(String.format(COMMENTED, SERVICE_CURL + episodes + "/" + missed, "# tasks"));
            }
            if (liable != null) {
                lines.add(String.format(
                        COMMENTED, SERVICE_CURL + episodes + "/" + liable + "/liability", "# liable days"));
            }
            lines.add("   " + SERVICE_CURL + "'" + base + "tasks?kommun=0680&state=missed'");
            lines.add("   " + SERVICE_CURL + base + "liability/0680/" + month);
        });
    }

    private void sipExamples(List<String> lines) {
        api("sip").ifPresent(sips -> {
            String id = DemoRow.firstIn(demos.sips().rows(), "active");
            lines.add("   " + SERVICE_CURL + "'" + sips + "?kommun=0680'");
            if (id != null) {
                lines.add("   " + SERVICE_CURL + sips + "/" + id);
                lines.add("   " + SERVICE_CURL + sips + "/" + id + "/versions");
            }
        });
    }

    /**
     * FHIR R4 through the gateway. The search names Tolvan (19121212-1212), Skatteverket's best-known
     * test personnummer and the demo's agreed contract; the gateway turns it into the pseudonymous
     * patient id, so no number appears in the answer's links.
     */
    private void fhirExamples(List<String> lines) {
        api(LocalStack.GATEWAY).ifPresent(fhir -> {
            String id = demos.contracts().exampleId();
            String nurse = "curl -s -H \"Authorization: Bearer $NARAVARD_TOKEN_REGION_NURSE\" ";
            lines.add(
                    "   curl -s " + fhir + "/metadata                                  # the only one without a token");
            if (id != null) {
                lines.add("   " + nurse + fhir + "/CarePlan/" + id);
            }
            lines.add("   " + nurse + "'" + fhir + "/CarePlan?patient.identifier=" + TOLVAN_TOKEN
                    + "&_include=CarePlan:care-team&_include=CarePlan:goal'");
            lines.add("   curl -s -H \"Authorization: Bearer $NARAVARD_TOKEN_CITIZEN\" '" + fhir
                    + "/Encounter?patient.identifier=" + TOLVAN_TOKEN + "'");
        });
    }

    /** The personas' tokens as shell exports (also in {@code tokensFile}) and what each may do. */
    private void demoTokens(List<String> lines) {
        if (tokens.isEmpty()) {
            return;
        }
        lines.add(" Demo tokens, for the FHIR API and (the last) the internal APIs (local identity key; valid "
                + DemoTokens.VALIDITY.toHours() + " h; `source " + tokensFile + "` sets them all):");
        for (Map.Entry<DemoTokens.Persona, String> t : tokens.entrySet()) {
            lines.add("   # " + t.getKey().who() + ": " + t.getKey().may());
            lines.add("   export " + t.getKey().variable() + "=" + t.getValue());
        }
    }

    static final String TOLVAN_TOKEN = "http://electronichealth.se/identifier/personnummer%7C191212121212";

    private void events(List<String> lines) {
        List<String> eventTopics = services.stream()
                .flatMap(s -> s.topics().stream())
                .filter(t -> !t.endsWith(".dlq"))
                .toList();
        lines.add(" Events: every change is a CloudEvent (docs/events.md) on " + String.join(", ", eventTopics)
                + "; dead letters on *.dlq.");
        lines.add(" No Kafka command-line tools (kafka-console-consumer) ship here; any Kafka client on "
                + settings.kafkaBootstrap() + " works,");
        lines.add(" e.g. with kcat installed:");
        for (String topic : eventTopics) {
            lines.add("   kcat -b " + settings.kafkaBootstrap() + " -C -t " + topic
                    + " -o beginning -f '%k %h\\n%s\\n\\n'");
        }
    }

    private Optional<URI> api(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().map(ServiceProcess::apiUri);
    }
}
