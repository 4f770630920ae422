package se.naravard.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A schema check without a cluster: each document is read into the Java model of its API (fabric8's,
 * generated from the Kubernetes OpenAPI; Strimzi's own for KafkaTopic). A field the API does not have
 * lands in the model's {@code additionalProperties}, a value of the wrong type fails to read; both are
 * reported with their path. CloudNativePG publishes no Java model: its resources get structural checks
 * in {@link KubernetesManifestsTest}.
 */
final class ApiModels {

    static final Map<String, Class<?>> MODELS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class);

    /** Kinds without a Java model, checked structurally. */
    static final List<String> STRUCTURAL = List.of(
            "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/ScheduledBackup",
            "barmancloud.cnpg.io/v1/ObjectStore");

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ApiModels() {}

    static String type(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    }

    /** Problems of one document against its API model; empty if none. Unknown kinds are a problem. */
    static List<String> problems(JsonNode doc) {
        String type = type(doc);
        Class<?> model = MODELS.get(type);
        if (model == null) {
            return STRUCTURAL.contains(type)
                    ? List.of()
                    : List.of(type + " has no API model here: add one to ApiModels, or a structural check");
        }
        Object value;
        try {
            value = MAPPER.treeToValue(doc, model);
        } catch (Exception e) {
            return List.of(type + " " + Repo.name(doc) + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(value, type + " " + Repo.name(doc), problems);
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child = invoke(getter, value).orElse(null);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": fields the API does not have: " + extra.keySet());
                }
            } else if (child != null
                    && (isModel(child.getClass()) || child instanceof Collection || child instanceof Map)) {
                String field = Character.toLowerCase(getter.getName().charAt(3))
                        + getter.getName().substring(4);
                unknownFields(child, path + "." + field, problems);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum()
                && (name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.strimzi.api."));
    }

    private static Optional<Object> invoke(Method getter, Object target) {
        try {
            return Optional.ofNullable(getter.invoke(target));
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
