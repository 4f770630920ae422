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
import org.junit.jupiter.api.Assumptions;
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
     * {@code kubectl kustomize deploy/k8s/overlays/<overlay>}: the manifests as they are applied. kubectl
     * (with kustomize built in) is on every machine of this project's kind; elsewhere these checks are
     * skipped, except in CI, where a missing kubectl fails.
     */
    static List<JsonNode> render(String overlay) {
        Path dir = path("deploy/k8s/overlays/" + overlay);
        ProcessBuilder command = new ProcessBuilder("kubectl", "kustomize", dir.toString());
        Process process;
        try {
            process = command.redirectErrorStream(false).start();
        } catch (IOException e) {
            if (System.getenv("CI") != null) {
                fail("kubectl is needed to render deploy/k8s in CI: " + e.getMessage());
            }
            Assumptions.abort("kubectl not found; the rendered-manifest checks need it: " + e.getMessage());
            throw new AssertionError("unreachable", e);
        }
        try {
            process.getOutputStream().close();
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
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
