package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;
import se.naravard.infra.Prometheus;
import se.naravard.infra.TestInfra;
import se.naravard.infra.TopicReader;
import se.naravard.platform.consumer.ConsumerSettings;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.consumer.TransactionRunner;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.PlatformSchema;

/**
 * Observability end to end (docs/operations.md "Observability"): one FHIR request is one trace through
 * the gateway, contract-service (its own JVM), the outbox, Kafka (the CloudEvent's {@code traceparent})
 * and a consumer; no span attribute holds a personnummer; the management port serves the FHIR API's
 * request metrics, the read caches' and the access log's counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT {

    /**
     * The patient the contract is written for: TaskUpdateIT's (it reads episodes only), since every test
     * number of this stack is taken and ContractWritesIT needs its own patients without contracts.
     */
    private static final String PATIENT = TaskUpdateIT.PATIENT;

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private GatewayInstance gateway;

    @BeforeAll
    void start() {
        gateway = GatewayInstance.startWith(
                STACK.contractService.baseUri(),
                STACK.transitionService.baseUri(),
                STACK.sipService.baseUri(),
                Map.of(
                        "test.tracing",
                        "in-memory",
                        "gateway.cache.enabled",
                        true,
                        "naravard.kafka.bootstrap-servers",
                        TestInfra.get().kafka().bootstrapServers(),
                        "gateway.cache.check-interval",
                        "200ms"));
        org.awaitility.Awaitility.await("the read caches' feed is live")
                .atMost(Duration.ofSeconds(30))
                .until(() -> gateway.caches().feed().isLive());
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void one_fhir_request_is_one_trace_through_the_service_kafka_and_a_consumer() throws Exception {
        String bundle = java.nio.file.Files.readString(
                        ServiceModuleProcess.repositoryRoot().resolve("deploy/local/bench/contract-bundle.json"))
                .replace("{{PATIENT}}", PATIENT);
        HttpResponse<String> created = fhir("POST", "", bundle);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        InMemorySpanExporter spans = gateway.context().getBean(InMemorySpanExporter.class);
        // The server span ends just after the answer is written: the client may read it first.
        SpanData request = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(s -> s.getKind() == SpanKind.SERVER
                                        && s.getName().equals("FHIR transaction none"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        String traceId = request.getTraceId();

        ConsumerRecord<String, byte[]> event = TopicReader.readUntil(
                        TestInfra.get().kafka(),
                        Topics.CONTRACT_EVENTS,
                        r -> String.valueOf(TopicReader.header(r, "ce_traceparent"))
                                .contains(traceId),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        String parentOfEvent = TopicReader.header(event, "ce_traceparent").split("-")[2];
        assertThat(parentOfEvent)
                .as("the event's parent is contract-service's span, a child of the gateway's")
                .isNotEqualTo(request.getSpanId());

        try (IdempotentConsumer consumer = new IdempotentConsumer(
                new ConsumerSettings(
                        TestInfra.get().kafka().bootstrapServers(),
                        "gateway-trace-it-" + UUID.randomUUID(),
                        List.of(Topics.CONTRACT_EVENTS),
                        1,
                        Duration.ofMillis(50)),
                TransactionRunner.jdbc(consumerDatabase()),
                (e, c) -> {},
                KafkaProducers.idempotent(TestInfra.get().kafka().bootstrapServers(), "gateway-trace-it-dlq", Map.of()),
                gateway.context().getBean(OpenTelemetry.class))) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                    .anyMatch(s -> s.getKind() == SpanKind.CONSUMER
                            && consumer.groupId()
                                    .equals(s.getAttributes()
                                            .get(io.opentelemetry.api.common.AttributeKey.stringKey(
                                                    "messaging.consumer.group.name")))
                            && s.getTraceId().equals(traceId)
                            && s.getParentSpanId().equals(parentOfEvent)));
        }
        // The gateway's own read cache learnt of the write in the same trace.
        await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getKind() == SpanKind.CONSUMER
                        && "gateway-cache-feed"
                                .equals(s.getAttributes()
                                        .get(io.opentelemetry.api.common.AttributeKey.stringKey("naravard.consumer")))
                        && s.getTraceId().equals(traceId)
                        && s.getParentSpanId().equals(parentOfEvent)));

        for (SpanData span : spans.getFinishedSpanItems()) {
            span.getAttributes().forEach((key, value) -> assertThat(LogWatch.holdsNumber(String.valueOf(value)))
                    .as("span %s attribute %s holds a personnummer", span.getName(), key)
                    .isFalse());
            assertThat(LogWatch.holdsNumber(span.getName())).isFalse();
        }
    }

    @Test
    void the_management_port_serves_request_cache_and_access_log_metrics() throws Exception {
        HttpResponse<String> search = fhir(
                "GET",
                "/CarePlan?patient.identifier=" + "http://electronichealth.se/identifier/personnummer%7C191212121212",
                null);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(fhir("GET", "/metadata", null).statusCode()).isEqualTo(200);

        String scrape = Prometheus.scrape(gateway.managementUri());

        assertThat(Prometheus.value(
                        scrape,
                        "naravard_fhir_requests_seconds_count",
                        "resource=\"CarePlan\"",
                        "interaction=\"search-type\"",
                        "status=\"200\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(Prometheus.value(scrape, "naravard_fhir_requests_seconds_count", "interaction=\"metadata\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(Prometheus.value(scrape, "naravard_gateway_access_log_records_total", "result=\"written\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(Prometheus.value(scrape, "naravard_gateway_cache_feed_live"))
                .as("the read caches' feed is live")
                .isEqualTo(1);
        assertThat(Prometheus.value(scrape, "naravard_gateway_cache_feed_lag_records"))
                .as("the feed has checked the topics' ends: a lag, not -1")
                .isGreaterThanOrEqualTo(0);
        assertThat(scrape)
                .contains("naravard_gateway_cache_reads_total{cache=\"contracts\",result=\"hit\"}")
                .contains("naravard_gateway_access_log_records_total{result=\"failed\"}");
        assertThat(LogWatch.holdsNumber(scrape))
                .as("no personnummer in the metrics")
                .isFalse();
        HttpResponse<String> onFhirPort = HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.fhirBase().replace("/fhir", "/prometheus")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onFhirPort.statusCode())
                .as("metrics only on the management port")
                .isEqualTo(404);
    }

    private HttpResponse<String> fhir(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path))
                .header("Authorization", "Bearer " + TestTokens.journalSystem())
                .header("Accept", "application/fhir+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/fhir+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static javax.sql.DataSource consumerDatabase() {
        var postgres = TestInfra.get().postgres();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(postgres.jdbcUrl(postgres.createDatabase("gateway_trace_consumer")));
        ds.setUser(postgres.user());
        ds.setPassword(postgres.password());
        PlatformSchema.migrate(ds);
        return ds;
    }
}
