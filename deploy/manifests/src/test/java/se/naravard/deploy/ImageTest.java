package se.naravard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The services' container images. No registry is reachable here, so each service's package phase has
 * jib build the image on an empty base into {@code target/jib-image-check.tar} (an OCI layout) (root pom, execution
 * image-check): everything but the base, i.e. user, ports, entrypoint, JVM flags, labels and layers,
 * exactly as {@code jib:build} makes it. This test reads those tars.
 */
class ImageTest {

    private static final String ROOT_POM = read(Repo.path("pom.xml"));

    @Test
    void the_base_is_a_non_root_jre_pinned_by_digest() {
        Matcher base = Pattern.compile("<image.base>([^<]+)</image.base>").matcher(ROOT_POM);
        assertThat(base.find()).isTrue();
        assertThat(base.group(1)).matches("[a-z0-9./-]+/java17[a-z0-9-]*:nonroot@sha256:[0-9a-f]{64}");
        assertThat(ROOT_POM).contains("<user>65532:65532</user>");
        // The Kubernetes manifests run the same uid.
        for (Path file : Repo.yamlFiles("deploy/k8s/base/app")) {
            for (JsonNode doc : Repo.documents(file)) {
                if (Repo.kind(doc).equals("Deployment")) {
                    assertThat(doc.path("spec")
                                    .path("template")
                                    .path("spec")
                                    .path("securityContext")
                                    .path("runAsUser")
                                    .asInt())
                            .isEqualTo(65532);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"contract-service", "sip-service", "transition-service", "fhir-gateway"})
    void the_image_runs_the_service_as_65532_with_its_ports_and_container_sized_heap(String module) throws IOException {
        Image image = Image.read(module);
        JsonNode config = image.config.path("config");
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");

        Set<String> exposed = new TreeSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
        Set<String> declared = new TreeSet<>();
        for (JsonNode doc : Repo.documents(Repo.path("deploy/k8s/base/app/" + module + ".yaml"))) {
            if (Repo.kind(doc).equals("Deployment")) {
                KubernetesManifestsTest.ports(KubernetesManifestsTest.container(doc))
                        .values()
                        .forEach(p -> declared.add(p + "/tcp"));
            }
        }
        assertThat(exposed)
                .as("the image's ports are the Deployment's container ports")
                .isEqualTo(declared);

        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint)
                .contains(
                        "-XX:MaxRAMPercentage=50",
                        "-XX:+UseG1GC",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Dfile.encoding=UTF-8",
                        "-cp",
                        "@/app/jib-classpath-file")
                .noneMatch(flag -> flag.startsWith("-Xmx"));
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(mainClass(module));
        assertThat(config.path("Labels").path("org.opencontainers.image.title").asText())
                .isEqualTo(module);

        String mainClassFile = "app/classes/" + mainClass(module).replace('.', '/') + ".class";
        assertThat(image.files).contains(mainClassFile);
        // deploy/compose's healthcheck runs the platform's HealthCheck from /app/libs.
        assertThat(image.files).anyMatch(f -> f.matches("app/libs/platform-[^/]+\\.jar"));
        assertThat(image.files).noneMatch(f -> f.contains("embedded-infra") || f.contains("kafka_2.13"));
    }

    private static String mainClass(String module) {
        Matcher m = Pattern.compile("<exec.mainClass>([^<]+)</exec.mainClass>")
                .matcher(read(Repo.path(module + "/pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The image config and the files of all its layers. */
    private record Image(JsonNode config, Set<String> files) {

        static Image read(String module) throws IOException {
            Path tar = Repo.path(module + "/target/jib-image-check.tar");
            if (!Files.isRegularFile(tar)) {
                String why = tar + " is missing: the module's package phase builds it (mvn package, without"
                        + " -Dmaven.test.skip=true)";
                if (System.getenv("CI") != null) {
                    fail(why);
                }
                Assumptions.abort(why);
            }
            // An OCI layout (jib's <format>OCI</format>): index.json -> manifest -> config and layers,
            // every blob under blobs/sha256/<digest>. Layers are gzip; the small JSON blobs are kept.
            Map<String, byte[]> json = new HashMap<>();
            Map<String, Set<String>> layers = new HashMap<>();
            try (InputStream in = Files.newInputStream(tar)) {
                Tar.each(new BufferedInputStream(in), (name, content) -> {
                    BufferedInputStream blob = new BufferedInputStream(content);
                    blob.mark(2);
                    boolean gzip = blob.read() == 0x1f && blob.read() == 0x8b;
                    blob.reset();
                    String digest = name.replaceFirst("^blobs/sha256/", "sha256:");
                    if (gzip) {
                        Set<String> files = new TreeSet<>();
                        Tar.each(new GZIPInputStream(blob), (file, ignored) -> files.add(file.replaceFirst("^/", "")));
                        layers.put(digest, files);
                    } else {
                        json.put(digest, blob.readAllBytes());
                    }
                });
            }
            JsonNode index = Repo.YAML.readTree(json.get("index.json"));
            JsonNode manifest = Repo.YAML.readTree(
                    json.get(index.path("manifests").get(0).path("digest").asText()));
            JsonNode config = Repo.YAML.readTree(
                    json.get(manifest.path("config").path("digest").asText()));
            Set<String> files = new TreeSet<>();
            for (JsonNode layer : manifest.path("layers")) {
                files.addAll(layers.getOrDefault(layer.path("digest").asText(), Set.of()));
            }
            return new Image(config, files);
        }
    }
}
