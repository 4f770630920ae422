package se.naravard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The schema check must be able to fail: misspelt and mistyped fields are caught. */
class ApiModelsTest {

    @Test
    void a_misspelt_field_deep_in_a_deployment_is_reported_with_its_path() {
        JsonNode doc = Repo.documents(
                        """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: x}
                        spec:
                          selector: {matchLabels: {app: x}}
                          template:
                            metadata: {labels: {app: x}}
                            spec:
                              containers:
                                - name: x
                                  image: x:1
                                  readinessProbe:
                                    httpGet: {path: /health, prot: http}
                        """,
                        "test")
                .get(0);
        assertThat(ApiModels.problems(doc))
                .singleElement()
                .asString()
                .contains("containers[0].readinessProbe.httpGet")
                .contains("prot");
    }

    @Test
    void a_value_of_the_wrong_type_is_reported() {
        JsonNode doc = Repo.documents(
                        """
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaTopic
                        metadata: {name: t}
                        spec: {partitions: twelve, replicas: 3}
                        """,
                        "test")
                .get(0);
        assertThat(ApiModels.problems(doc)).singleElement().asString().contains("KafkaTopic t");
    }

    @Test
    void a_kind_without_a_model_or_a_structural_check_is_refused() {
        JsonNode doc = Repo.documents("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\n", "test")
                .get(0);
        assertThat(ApiModels.problems(doc)).singleElement().asString().contains("no API model");
    }

    @Test
    void a_correct_topic_has_no_problems() {
        JsonNode doc = Repo.documents(
                        """
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaTopic
                        metadata: {name: t, labels: {strimzi.io/cluster: c}}
                        spec: {topicName: t.events, partitions: 12, replicas: 3, config: {retention.ms: "1"}}
                        """,
                        "test")
                .get(0);
        assertThat(ApiModels.problems(doc)).isEmpty();
    }
}
