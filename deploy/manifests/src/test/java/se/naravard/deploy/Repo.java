package se.naravard.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** The repository as the tests see it: its YAML files, and the Kubernetes overlays rendered by kustomize. */
final class Repo {

    static final ObjectMapper YAML = new ObjectMapper();

    private Repo() {}

    static Path root() {
        String root = System.getProperty("naravard.root");
        return (root == null ? Path.of("../..") : Path.of(root))
                .toAbsolutePath()
                .normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String projectVersion() {
        String version = System.getProperty("naravard.version");
        if (version == null) {
            fail("run through Maven: the project version comes from the pom (naravard.version)");
        }
        return version;
    }

    /** Every document of a YAML file (empty documents left out); a file that does not parse fails. */
    static List<JsonNode> documents(Path file) {
        try {
            return documents(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parsed with SnakeYAML, which resolves anchors and merge keys ({@code <<: *defaults}) as compose does. */
    static List<JsonNode> documents(String yaml, String origin) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
                if (doc != null) {
                    docs.add(YAML.valueToTree(doc));
                }
            }
        } catch (YAMLException e) {
            fail(origin + " is not valid YAML: " + e.getMessage());
        }
        return docs;
    }

    static List<Path> yamlFiles(String directory) {
        try (Stream<Path> files = Files.walk(path(directory))) {
            return files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kubectl that renders deploy/k8s: system property {@code kubectl} or environment variable {@code
     * KUBECTL} (a path or a command), else {@code kubectl} on the PATH.
     */
    static String kubectl() {
        String property = System.getProperty("kubectl");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv("KUBECTL");
        return env == null || env.isBlank() ? "kubectl" : env;
    }

    /**
     * {@code kubectl kustomize deploy/k8s/overlays/<overlay>}: the manifests as they are applied. Without a
     * kubectl this fails, never skips: the overlays are only checked when rendered. deploy/k8s is written for
     * kustomize v2.0.3 too, the one in Debian 12's kubectl 1.20 that {@code .ci/run} installs.
     */
    static List<JsonNode> render(String overlay) {
        Path dir = path("deploy/k8s/overlays/" + overlay);
        String kubectl = kubectl();
        Path errors;
        try {
            errors = Files.createTempFile("kustomize-" + overlay, ".err");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                    .redirectError(errors.toFile())
                    .start();
        } catch (IOException e) {
            fail("no kubectl (" + kubectl + "): the deploy/k8s checks render the overlays with `kubectl kustomize`."
                    + " Install one (.ci/run installs Debian's kubernetes-client when kubectl is missing)"
                    + " or name it with KUBECTL=/path/to/kubectl. " + e.getMessage());
            throw new AssertionError("unreachable", e);
        }
        try {
            process.getOutputStream().close();
            var out = process.getInputStream().readAllBytes();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            String err = Files.readString(errors, StandardCharsets.UTF_8);
            Files.deleteIfExists(errors);
            if (!exited || process.exitValue() != 0) {
                process.destroyForcibly();
                fail(kubectl + " kustomize " + dir + " failed: " + err);
            }
            return documents(new String(out, StandardCharsets.UTF_8), "kustomize " + overlay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static String kind(JsonNode doc) {
        return doc.path("kind").asText();
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(kind(d))).toList();
    }

    static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(kind(d)) && name.equals(name(d)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static ObjectNode object(JsonNode node) {
        return (ObjectNode) node;
    }
}
