package se.naravard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.deploy.Repo.elements;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml, which cannot be run here (no Docker engine): parsed, and held to what the
 * services read, the topics the code uses and the images jib builds.
 */
class ComposeTest {

    private static final JsonNode COMPOSE =
            Repo.documents(Repo.path("deploy/compose/compose.yaml")).get(0);
    private static final JsonNode SERVICES = COMPOSE.path("services");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET)");
    private static final Pattern LOCAL_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-[^}]*local[^}]*}");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

    @Test
    void the_whole_system_is_there() {
        assertThat(fieldNames(SERVICES))
                .containsAll(List.of("postgres", "kafka", "kafka-topics"))
                .containsAll(ServiceSettings.ALL.stream()
                        .map(ServiceSettings::module)
                        .toList());
    }

    @Test
    void every_service_runs_the_image_jib_builds_with_a_healthcheck_and_waits_for_what_it_needs() {
        for (ServiceSettings service : ServiceSettings.ALL) {
            JsonNode s = SERVICES.path(service.module());
            String image = s.path("image").asText();
            assertThat(resolve(image))
                    .as(service.module() + " image: jib's ${image.repository}/<module>:${project.version}")
                    .isEqualTo("naravard/" + service.module() + ":" + Repo.projectVersion());
            List<String> test = elements(s.path("healthcheck").path("test")).stream()
                    .map(JsonNode::asText)
                    .toList();
            assertThat(test).as(service.module() + " healthcheck").isNotEmpty();
            assertThat(test.get(test.size() - 1)).isEqualTo("http://localhost:" + service.port() + "/health/readiness");
            assertThat(s.path("depends_on").path("postgres").path("condition").asText())
                    .isEqualTo("service_healthy");
            if (!service.module().equals("fhir-gateway")) {
                assertThat(s.path("depends_on")
                                .path("kafka-topics")
                                .path("condition")
                                .asText())
                        .isEqualTo("service_completed_successfully");
            }
            assertThat(memoryLimit(s))
                    .as(service.module() + " memory limit (the heap is half of it)")
                    .isNotBlank();
        }
        JsonNode gateway = SERVICES.path("fhir-gateway").path("depends_on");
        for (String upstream : List.of("contract-service", "sip-service", "transition-service")) {
            assertThat(gateway.path(upstream).path("condition").asText()).isEqualTo("service_healthy");
        }
        assertThat(SERVICES.path("postgres").path("healthcheck").path("test").isArray())
                .isTrue();
        assertThat(SERVICES.path("kafka").path("healthcheck").path("test").isArray())
                .isTrue();
        assertThat(SERVICES.path("kafka-topics")
                        .path("depends_on")
                        .path("kafka")
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void every_setting_a_service_needs_is_set_and_every_one_set_is_read() {
        for (ServiceSettings service : ServiceSettings.ALL) {
            Map<String, String> env = environment(SERVICES.path(service.module()));
            assertThat(env.keySet()).as(service.module()).containsAll(service.required());
            assertThat(service.readable())
                    .as(service.module() + ": set but never read")
                    .containsAll(env.keySet());
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            String url = env.get(service.prefix() + "_DB_URL");
            assertThat(url).isEqualTo("jdbc:postgresql://postgres:5432/" + service.database());
            assertThat(env.get(service.prefix() + "_DB_USER")).isEqualTo(service.database());
        }
    }

    @Test
    void each_service_database_and_its_password_come_from_the_init_script() throws IOException {
        String script = Files.readString(Repo.path("deploy/compose/postgres/init-databases.sh"));
        Matcher loop = Pattern.compile("for db in ([a-z ]+); do").matcher(script);
        assertThat(loop.find()).isTrue();
        Set<String> databases = Set.of(loop.group(1).trim().split(" +"));
        Map<String, String> postgres = environment(SERVICES.path("postgres"));
        for (ServiceSettings service : ServiceSettings.ALL) {
            assertThat(databases).contains(service.database());
            String password = service.prefix() + "_DB_PASSWORD";
            assertThat(resolve(postgres.get(password)))
                    .as(password + " is the same for PostgreSQL's init script and the service")
                    .isEqualTo(
                            resolve(environment(SERVICES.path(service.module())).get(password)));
        }
        assertThat(elements(SERVICES.path("postgres").path("volumes")).toString())
                .contains("./postgres/init-databases.sh:/docker-entrypoint-initdb.d/");
    }

    @Test
    void no_secret_but_a_laptop_only_default_taken_from_the_environment() {
        for (String name : fieldNames(SERVICES)) {
            environment(SERVICES.path(name)).forEach((variable, value) -> {
                if (SECRET_NAME.matcher(variable).matches()) {
                    assertThat(value)
                            .as(name + " " + variable + ": ${VAR:-...local...}, the real value from the environment")
                            .matches(LOCAL_DEFAULT);
                }
            });
        }
        // Every published port is on the loopback interface only.
        for (String name : fieldNames(SERVICES)) {
            for (JsonNode port : elements(SERVICES.path(name).path("ports"))) {
                assertThat(port.asText()).startsWith("127.0.0.1:");
            }
        }
    }

    @Test
    void every_topic_the_code_uses_is_created_before_the_services_start() {
        String command = elements(SERVICES.path("kafka-topics").path("command")).toString();
        Matcher loop = Pattern.compile("for topic in ([a-z. ]+); do").matcher(command);
        assertThat(loop.find()).isTrue();
        Set<String> created = new TreeSet<>();
        for (String topic : loop.group(1).trim().split(" +")) {
            created.add(topic);
            assertThat(command).contains("--topic \\\"$$topic.dlq\\\"");
            created.add(se.naravard.platform.events.Topics.deadLetter(topic));
        }
        assertThat(created)
                .contains(
                        se.naravard.platform.events.Topics.CONTRACT_EVENTS,
                        se.naravard.platform.events.Topics.SIP_EVENTS,
                        se.naravard.platform.events.Topics.TRANSITION_EVENTS);
        assertThat(environment(SERVICES.path("kafka")).get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))
                .isEqualTo("false");
    }

    @Test
    void no_image_floats() {
        for (String name : fieldNames(SERVICES)) {
            String image = resolve(SERVICES.path(name).path("image").asText());
            assertThat(image).as(name).contains(":").doesNotEndWith(":latest");
        }
    }

    private static String memoryLimit(JsonNode service) {
        String limit = service.path("deploy")
                .path("resources")
                .path("limits")
                .path("memory")
                .asText();
        return limit.isBlank()
                ? COMPOSE.path("x-service-defaults")
                        .path("deploy")
                        .path("resources")
                        .path("limits")
                        .path("memory")
                        .asText()
                : limit;
    }

    /** ${VAR:-default} with its default, as compose reads it when VAR is not set. */
    private static String resolve(String value) {
        return value == null
                ? null
                : INTERPOLATION.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new TreeMap<>();
        service.path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
