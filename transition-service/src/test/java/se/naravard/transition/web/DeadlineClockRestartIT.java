package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The deadline clock keeps its state in the database: a deadline that falls due while the service is
 * down is reported missed by the next instance, with no request arriving (issue 4 "Tests").
 */
class DeadlineClockRestartIT extends TransitionServiceHarness {

    private URI uri;

    @Override
    protected URI baseUri() {
        return uri;
    }

    @Test
    void a_deadline_that_falls_due_while_the_service_is_down_is_reported_after_the_restart() throws Exception {
        Instant assessed = Instant.now().minus(Duration.ofHours(24)).plusSeconds(3);
        Instant due = assessed.plus(Duration.ofHours(24));
        String id;
        try (EmbeddedServer first =
                ApplicationContext.run(EmbeddedServer.class, new java.util.HashMap<String, Object>(getProperties()))) {
            uri = first.getURI();
            var created = post("/episodes", EpisodeJson.admit("19900602-2397", assessed, assessed, false));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = created.headers().firstValue("Location").orElseThrow().replace("/episodes/", "");
        }
        // The service is down when the deadline passes: nobody can report it yet.
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(due.plusMillis(500)));
        assertThat(readUntil(missed(id), 1, Duration.ofSeconds(2))).isEmpty();

        try (EmbeddedServer second =
                ApplicationContext.run(EmbeddedServer.class, new java.util.HashMap<String, Object>(getProperties()))) {
            uri = second.getURI();
            List<ConsumerRecord<String, byte[]>> records = readUntil(missed(id), 1);

            assertThat(records).hasSize(1);
            assertThat(get("/episodes/" + id).body()).contains("\"state\":\"missed\"");
            @SuppressWarnings("unchecked")
            var tasks = (List<Map<String, Object>>) second.getApplicationContext()
                    .getBean(io.micronaut.json.JsonMapper.class)
                    .readValue(
                            get("/tasks?kommun=0680&state=missed&kind=admission-notice&limit=100")
                                    .body(),
                            Map.class)
                    .get("tasks");
            assertThat(tasks).anySatisfy(t -> assertThat(t).containsEntry("episodeId", id));
        }
    }

    private static java.util.function.Predicate<ConsumerRecord<String, byte[]>> missed(String id) {
        return subject(id).and(r -> header(r, "ce_type").endsWith("deadline-missed.v1"));
    }
}
