package se.naravard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.deploy.Repo.elements;
import static se.naravard.deploy.Repo.name;
import static se.naravard.deploy.Repo.named;
import static se.naravard.deploy.Repo.ofKind;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/k8s: every file parses, and the overlays, as kustomize renders them, fit the code. */
class KubernetesManifestsTest {

    static final List<String> OVERLAYS = List.of("local", "production", "production-kafka");
    /** Secrets the installation creates (docs/operations.md "Kubernetes"); CNPG makes <db>-db-app itself. */
    static final Set<String> INSTALLATION_SECRETS =
            Set.of("naravard-patient-key", "naravard-backup-s3", "naravard-gateway-service-token");

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9./-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?");

    static List<JsonNode> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Repo::render);
    }

    @Test
    void every_yaml_file_parses_and_every_document_names_its_api_kind_and_name() {
        List<Path> files = Repo.yamlFiles("deploy/k8s");
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            for (JsonNode doc : Repo.documents(file)) {
                assertThat(doc.path("apiVersion").asText())
                        .as(file + ": apiVersion")
                        .isNotBlank();
                assertThat(doc.path("kind").asText()).as(file + ": kind").isNotBlank();
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    assertThat(name(doc)).as(file + ": metadata.name").isNotBlank();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production", "production-kafka"})
    void every_rendered_document_reads_into_its_api_model(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        assertThat(docs).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            assertThat(name(doc)).as("metadata.name").isNotBlank();
            assertThat(doc.path("metadata").path("namespace").asText())
                    .as(name(doc) + ": namespace")
                    .isNotBlank();
            problems.addAll(ApiModels.problems(doc));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_example_restore_is_a_recovery_of_contract_db_to_a_point_in_time() {
        JsonNode cluster = Repo.documents(Repo.path("deploy/k8s/examples/restore-contract-db.yaml"))
                .get(0);
        JsonNode recovery = cluster.path("spec").path("bootstrap").path("recovery");
        assertThat(recovery.path("recoveryTarget").path("targetTime").asText()).isNotBlank();
        JsonNode source =
                elements(cluster.path("spec").path("externalClusters")).get(0);
        assertThat(source.path("name").asText())
                .isEqualTo(recovery.path("source").asText());
        assertThat(source.path("plugin").path("parameters").path("serverName").asText())
                .isEqualTo("contract-db");
        assertThat(source.path("plugin")
                        .path("parameters")
                        .path("barmanObjectName")
                        .asText())
                .isEqualTo("contract-db-backup");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void every_service_runs_as_a_deployment_with_probes_on_its_health_endpoints(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        for (ServiceSettings service : ServiceSettings.ALL) {
            JsonNode container = container(named(docs, "Deployment", service.module()));
            Map<String, Integer> ports = ports(container);
            assertThat(ports).as(service.module() + " ports").containsValue(service.port());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                assertThat(get.isMissingNode())
                        .as(service.module() + " " + probe)
                        .isFalse();
                JsonNode port = get.path("port");
                int number = port.isInt() ? port.asInt() : ports.getOrDefault(port.asText(), -1);
                assertThat(number)
                        .as(service.module() + " " + probe + " port " + port + " is a declared container port")
                        .isEqualTo(service.port());
                assertThat(get.path("path").asText())
                        .isEqualTo(probe.equals("readinessProbe") ? "/health/readiness" : "/health/liveness");
            }
        }
    }

    /**
     * Prometheus scrapes each pod where the code serves its metrics: {@code /prometheus} (Micronaut's
     * prometheus endpoint, enabled and open in application.yml, left open by the services' token check)
     * on the port of /health, a declared container port.
     */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void every_service_is_scraped_where_its_code_serves_metrics(String overlay) throws Exception {
        List<JsonNode> docs = rendered(overlay);
        String authFilter = java.nio.file.Files.readString(
                Repo.path("platform/src/main/java/se/naravard/platform/web/ServiceAuthFilter.java"));
        assertThat(authFilter)
                .as("the services' token check leaves /prometheus open")
                .contains("|/prometheus");
        for (ServiceSettings service : ServiceSettings.ALL) {
            String yml =
                    java.nio.file.Files.readString(Repo.path(service.module() + "/src/main/resources/application.yml"));
            assertThat(yml)
                    .as(service.module() + " serves /prometheus without authentication")
                    .contains("  prometheus:\n    enabled: true\n    sensitive: false");
            JsonNode deployment = named(docs, "Deployment", service.module());
            JsonNode annotations =
                    deployment.path("spec").path("template").path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText())
                    .as(service.module())
                    .isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText())
                    .as(service.module())
                    .isEqualTo("/prometheus");
            assertThat(annotations.path("prometheus.io/port").asText())
                    .as(service.module() + " metrics port: the port of /health")
                    .isEqualTo(String.valueOf(service.port()));
            assertThat(ports(container(deployment))).containsValue(service.port());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void every_container_is_pinned_sized_and_unprivileged(String overlay) {
        for (JsonNode deployment : ofKind(rendered(overlay), "Deployment")) {
            String what = overlay + " " + name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                    .as(what + " runAsNonRoot")
                    .isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt())
                    .as(what + " runAsUser")
                    .isPositive();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            for (JsonNode container : elements(pod.path("containers"))) {
                String image = container.path("image").asText();
                assertThat(image).as(what + " image").matches(IMAGE).doesNotEndWith(":latest");
                assertThat(image.contains(":") || image.contains("@sha256:"))
                        .as(what + " image has a tag or digest: " + image)
                        .isTrue();
                JsonNode resources = container.path("resources");
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(resources.path(bound).path(resource).asText())
                                .as(what + " " + bound + "." + resource)
                                .isNotBlank();
                    }
                }
                // The heap is a share of the limit (jib JVM flags): request = limit, never overcommitted.
                assertThat(resources.path("requests").path("memory").asText())
                        .isEqualTo(resources.path("limits").path("memory").asText());
                JsonNode security = container.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean())
                        .as(what)
                        .isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                        .as(what)
                        .isFalse();
                assertThat(elements(security.path("capabilities").path("drop")).toString())
                        .contains("ALL");
                String tmpVolume = elements(container.path("volumeMounts")).stream()
                        .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                        .map(m -> m.path("name").asText())
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(what + ": no writable /tmp"));
                assertThat(elements(pod.path("volumes")).stream()
                                .filter(v -> v.path("name").asText().equals(tmpVolume))
                                .anyMatch(v -> v.has("emptyDir")))
                        .as(what + " /tmp is an emptyDir")
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void production_images_are_releases_and_local_ones_the_build(String overlay) {
        for (JsonNode deployment : ofKind(rendered(overlay), "Deployment")) {
            String image = container(deployment).path("image").asText();
            if (overlay.equals("production")) {
                assertThat(image).doesNotContain("SNAPSHOT");
            } else {
                assertThat(image).isEqualTo("naravard/" + name(deployment) + ":" + Repo.projectVersion());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void every_setting_a_service_needs_is_set_and_every_one_set_is_read(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        for (ServiceSettings service : ServiceSettings.ALL) {
            Set<String> set = environment(docs, named(docs, "Deployment", service.module()));
            assertThat(set).as(overlay + " " + service.module()).containsAll(service.required());
            assertThat(service.readable())
                    .as(overlay + " " + service.module() + ": variables set that it never reads")
                    .containsAll(set);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void every_service_connects_to_its_own_cloudnativepg_cluster_with_the_credentials_it_made(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        for (ServiceSettings service : ServiceSettings.ALL) {
            JsonNode container = container(named(docs, "Deployment", service.module()));
            String db = service.database();
            JsonNode cluster = named(docs, "Cluster", db + "-db");
            assertThat(cluster.path("spec")
                            .path("bootstrap")
                            .path("initdb")
                            .path("database")
                            .asText())
                    .isEqualTo(db);
            assertThat(env(container, service.prefix() + "_DB_URL")
                            .path("value")
                            .asText())
                    .isEqualTo("jdbc:postgresql://" + db + "-db-rw:5432/" + db);
            for (String[] credential :
                    List.of(new String[] {"_DB_USER", "username"}, new String[] {"_DB_PASSWORD", "password"})) {
                JsonNode ref = env(container, service.prefix() + credential[0])
                        .path("valueFrom")
                        .path("secretKeyRef");
                assertThat(ref.path("name").asText()).isEqualTo(db + "-db-app");
                assertThat(ref.path("key").asText()).isEqualTo(credential[1]);
            }
            // Every replica the autoscaler may start holds a full pool; the database must take them all.
            int replicas = ofKind(docs, "HorizontalPodAutoscaler").stream()
                    .filter(h -> name(h).equals(service.module()))
                    .map(h -> h.path("spec").path("maxReplicas").asInt())
                    .findFirst()
                    .orElse(named(docs, "Deployment", service.module())
                            .path("spec")
                            .path("replicas")
                            .asInt());
            int maxConnections = Integer.parseInt(cluster.path("spec")
                    .path("postgresql")
                    .path("parameters")
                    .path("max_connections")
                    .asText("100"));
            assertThat(replicas * service.poolSize() + 10)
                    .as(overlay + " " + service.module() + ": replicas x pool + CNPG's own connections")
                    .isLessThanOrEqualTo(maxConnections);
        }
    }

    @Test
    void production_databases_are_replicated_synchronously_and_backed_up_for_point_in_time_recovery() {
        List<JsonNode> docs = rendered("production");
        for (ServiceSettings service : ServiceSettings.ALL) {
            JsonNode spec = named(docs, "Cluster", service.database() + "-db").path("spec");
            assertThat(spec.path("instances").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(spec.path("postgresql")
                            .path("synchronous")
                            .path("number")
                            .asInt())
                    .isPositive();
            JsonNode plugin = elements(spec.path("plugins")).get(0);
            assertThat(plugin.path("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
            assertThat(plugin.path("isWALArchiver").asBoolean()).isTrue();
            JsonNode store = named(
                    docs,
                    "ObjectStore",
                    plugin.path("parameters").path("barmanObjectName").asText());
            assertThat(store.path("spec").path("retentionPolicy").asText()).matches("\\d+[dwm]");
            assertThat(store.path("spec")
                            .path("configuration")
                            .path("destinationPath")
                            .asText())
                    .startsWith("s3://");
            assertThat(store.path("spec")
                            .path("configuration")
                            .path("s3Credentials")
                            .toString())
                    .contains("naravard-backup-s3");
            assertThat(ofKind(docs, "ScheduledBackup").stream()
                            .filter(b -> b.path("spec")
                                    .path("cluster")
                                    .path("name")
                                    .asText()
                                    .equals(name(named(docs, "Cluster", service.database() + "-db"))))
                            .filter(b -> b.path("spec").path("method").asText().equals("plugin"))
                            .count())
                    .as(service.database() + "-db has a scheduled backup")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void every_service_port_leads_to_a_declared_container_port_and_budgets_and_autoscalers_name_a_deployment(
            String overlay) {
        List<JsonNode> docs = rendered(overlay);
        for (JsonNode service : ofKind(docs, "Service")) {
            JsonNode deployment = named(docs, "Deployment", name(service));
            assertThat(deployment
                            .path("spec")
                            .path("template")
                            .path("metadata")
                            .path("labels")
                            .toString())
                    .contains(service.path("spec")
                            .path("selector")
                            .path("app.kubernetes.io/name")
                            .asText());
            Map<String, Integer> ports = ports(container(deployment));
            for (JsonNode port : elements(service.path("spec").path("ports"))) {
                assertThat(ports).containsKey(port.path("targetPort").asText());
            }
        }
        for (JsonNode hpa : ofKind(docs, "HorizontalPodAutoscaler")) {
            named(
                    docs,
                    "Deployment",
                    hpa.path("spec").path("scaleTargetRef").path("name").asText());
            assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        }
        for (JsonNode pdb : ofKind(docs, "PodDisruptionBudget")) {
            named(
                    docs,
                    "Deployment",
                    pdb.path("spec")
                            .path("selector")
                            .path("matchLabels")
                            .path("app.kubernetes.io/name")
                            .asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void secrets_are_referenced_not_inlined(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        Set<String> clusters = new HashSet<>();
        ofKind(docs, "Cluster").forEach(c -> clusters.add(name(c) + "-app"));
        for (JsonNode secret : ofKind(docs, "Secret")) {
            assertThat(overlay)
                    .as("a Secret with data in " + overlay + ": " + name(secret))
                    .isEqualTo("local");
            secret.path("data").fields().forEachRemaining(e -> assertThat(new String(
                            java.util.Base64.getDecoder().decode(e.getValue().asText()),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .as("a laptop-only value")
                    .contains("local"));
        }
        Set<String> generated = new HashSet<>();
        ofKind(docs, "Secret").forEach(s -> generated.add(name(s)));
        List<String> refs = new ArrayList<>();
        collect(docs, "secretKeyRef", refs);
        collect(docs, "secretRef", refs);
        // Secret volumes (the gateway's service token) name theirs in secretName.
        docs.forEach(doc -> doc.findValues("secretName").forEach(ref -> refs.add(ref.asText())));
        for (String ref : refs) {
            boolean known = clusters.contains(ref) || INSTALLATION_SECRETS.contains(ref) || generated.contains(ref);
            assertThat(known)
                    .as(overlay + ": Secret " + ref
                            + " is neither made by CNPG, the overlay, nor listed for the installation")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production-kafka"})
    void every_topic_the_code_uses_has_a_kafka_topic_keyed_for_patient_order(String overlay) {
        List<JsonNode> topics = ofKind(rendered(overlay), "KafkaTopic");
        Map<String, JsonNode> byName = new TreeMap<>();
        topics.forEach(t -> byName.put(t.path("spec").path("topicName").asText(name(t)), t));
        Set<String> used = new TreeSet<>();
        for (var field : se.naravard.platform.events.Topics.class.getFields()) {
            if (field.getType() == String.class) {
                try {
                    String topic = (String) field.get(null);
                    used.add(topic);
                    used.add(se.naravard.platform.events.Topics.deadLetter(topic));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(used).hasSize(6);
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(used);
        for (JsonNode topic : topics) {
            JsonNode spec = topic.path("spec");
            String what = overlay + " " + spec.path("topicName").asText();
            assertThat(topic.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .isNotBlank();
            assertThat(spec.path("partitions").asInt()).as(what).isPositive();
            assertThat(Long.parseLong(spec.path("config").path("retention.ms").asText()))
                    .as(what)
                    .isPositive();
            int replicas = spec.path("replicas").asInt();
            int minIsr = Integer.parseInt(
                    spec.path("config").path("min.insync.replicas").asText());
            if (overlay.equals("production-kafka")) {
                assertThat(replicas).as(what).isGreaterThanOrEqualTo(3);
                assertThat(minIsr).as(what + ": one broker may be down").isBetween(2, replicas - 1);
            } else {
                assertThat(minIsr).isLessThanOrEqualTo(replicas);
            }
        }
    }

    static JsonNode container(JsonNode deployment) {
        return deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    }

    static Map<String, Integer> ports(JsonNode container) {
        Map<String, Integer> ports = new TreeMap<>();
        for (JsonNode port : elements(container.path("ports"))) {
            ports.put(port.path("name").asText(), port.path("containerPort").asInt());
        }
        return ports;
    }

    private static JsonNode env(JsonNode container, String name) {
        return elements(container.path("env")).stream()
                .filter(e -> e.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    /** The variables a container gets: its env and the keys of the ConfigMaps it takes whole. */
    private static Set<String> environment(List<JsonNode> docs, JsonNode deployment) {
        JsonNode container = container(deployment);
        Set<String> names = new TreeSet<>();
        elements(container.path("env")).forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : elements(container.path("envFrom"))) {
            String map = from.path("configMapRef").path("name").asText();
            assertThat(map).as(name(deployment) + " envFrom").isNotBlank();
            named(docs, "ConfigMap", map).path("data").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static void collect(List<JsonNode> docs, String field, List<String> names) {
        for (JsonNode doc : docs) {
            doc.findValues(field).forEach(ref -> names.add(ref.path("name").asText()));
        }
    }
}
