package se.naravard.contract.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;
import se.naravard.contract.web.ContractJson;
import se.naravard.contract.web.ContractServiceHarness;
import se.naravard.infra.TopicReader;
import se.naravard.platform.consumer.ConsumerSettings;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.consumer.TransactionRunner;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.PlatformSchema;

/**
 * Metrics and traces of a write (docs/operations.md "Observability"): {@code /prometheus} answers
 * without a token and counts the request; a caller's W3C trace continues through the service, its
 * outbox row and the CloudEvent on Kafka to a consumer, and no span attribute carries a personnummer.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT extends ContractServiceHarness {

    /** The test patient's personnummer in every spelling: with or without century and separator. */
    static final Pattern PERSONNUMMER = Pattern.compile("(19)?121212-?1212");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    OpenTelemetry telemetry;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("test.tracing", "in-memory");
        return p;
    }

    @Test
    void the_scrape_needs_no_token_and_counts_requests_and_published_events() throws Exception {
        assertThat(post("/contracts", ContractJson.create(ContractJson.TOLVAN)).statusCode())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(metric(scrape, "http_server_requests_seconds_count", "method=\"POST\"", "uri=\"/contracts\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metric(scrape, "naravard_outbox_published_events_total")).isGreaterThanOrEqualTo(1);
            assertThat(scrape)
                    .contains("naravard_outbox_backlog_events")
                    .contains("naravard_outbox_oldest_age_seconds")
                    .contains("naravard_outbox_relay_lag_seconds_count")
                    .contains("hikaricp_connections_active");
            assertThat(PERSONNUMMER.matcher(scrape).find())
                    .as("no personnummer in the metrics")
                    .isFalse();
        });
    }

    @Test
    void a_callers_trace_continues_through_the_outbox_and_kafka_to_a_consumer() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = traceId.substring(0, 16);
        HttpResponse<String> created = post(
                "/contracts",
                ContractJson.create(ContractJson.TOLVAN),
                "traceparent",
                "00-" + traceId + "-" + callerSpan + "-01");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");

        SpanData server = await().atMost(Duration.ofSeconds(10))
                .until(() -> spansOf(traceId, SpanKind.SERVER), l -> !l.isEmpty())
                .get(0);
        assertThat(server.getName()).isEqualTo("POST /contracts");
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);

        var record = TopicReader.readUntil(
                        INFRA.kafka(),
                        Topics.CONTRACT_EVENTS,
                        r -> id.equals(TopicReader.header(r, "ce_subject")),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        assertThat(TopicReader.header(record, "ce_traceparent"))
                .isEqualTo("00-" + traceId + "-" + server.getSpanId() + "-01");

        Map<String, String> seenByHandler = new ConcurrentHashMap<>();
        try (IdempotentConsumer consumer = new IdempotentConsumer(
                new ConsumerSettings(
                        INFRA.kafka().bootstrapServers(),
                        "trace-it-" + UUID.randomUUID(),
                        List.of(Topics.CONTRACT_EVENTS),
                        1,
                        Duration.ofMillis(50)),
                TransactionRunner.jdbc(consumerDatabase()),
                (event, c) -> {
                    if (event.subject().equals(id)) {
                        seenByHandler.put(
                                "trace", Span.current().getSpanContext().getTraceId());
                    }
                },
                KafkaProducers.idempotent(INFRA.kafka().bootstrapServers(), "trace-it-dlq", Map.of()),
                telemetry)) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> seenByHandler.containsKey("trace"));
        }

        assertThat(seenByHandler).containsEntry("trace", traceId);
        List<SpanData> consumed = spansOf(traceId, SpanKind.CONSUMER);
        assertThat(consumed).isNotEmpty();
        assertThat(consumed.get(0).getParentSpanId()).isEqualTo(server.getSpanId());
        for (SpanData span : spans.getFinishedSpanItems()) {
            span.getAttributes().forEach((key, value) -> assertThat(
                            PERSONNUMMER.matcher(String.valueOf(value)).find())
                    .as("span %s attribute %s", span.getName(), key)
                    .isFalse());
        }
    }

    private List<SpanData> spansOf(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind)
                .toList();
    }

    private DataSource consumerDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(INFRA.postgres().jdbcUrl(INFRA.postgres().createDatabase("trace_consumer")));
        ds.setUser(INFRA.postgres().user());
        ds.setPassword(INFRA.postgres().password());
        PlatformSchema.migrate(ds);
        return ds;
    }
}
