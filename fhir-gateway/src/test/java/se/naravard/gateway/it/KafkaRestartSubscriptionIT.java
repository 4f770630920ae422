package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.subscription.NotificationBundles;
import se.naravard.gateway.subscription.SubscriptionForm;
import se.naravard.gateway.subscription.SubscriptionTopics;
import se.naravard.infra.EmbeddedKafkaBroker;

/**
 * Fault test: the Kafka broker stopped and started again while LUS messages are written through
 * transition-service's API, end to end through a municipal rest-hook Subscription
 * (docs/operations.md "What the fault tests prove"). A broker, transition-service and gateway of its
 * own: the shared stack's broker stays up for the other ITs of this JVM.
 */
class KafkaRestartSubscriptionIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String KOMMUN = "0680";
    private static final String UNIT = "SE2120000530-HT01";
    private static final String HOSPITAL = "SE2321000057-AVD1";
    private static final String PATH = "/kafka-restart";
    private static final List<String> PATIENTS = List.of(
            "19121212-1212",
            "19900602-2397",
            "19571230-2842",
            "20000102-2391",
            "19500101-9818",
            "19500202-9816",
            "19500303-9814",
            "19500404-9812");
    /** The LUS messages each episode gets, in this order: one before, during and after the outage. */
    private static final List<String> MESSAGES =
            List.of("inskrivningsmeddelande", "planeringsunderlag", "utskrivningsklar");

    private static EmbeddedKafkaBroker kafka;
    private static ServiceModuleProcess transitions;
    private static GatewayInstance gateway;
    private static SubscriptionReceiver receiver;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaBroker();
        kafka.start();
        for (String topic : List.of("contract.events", "transition.events", "sip.events")) {
            kafka.createTopics(3, topic, topic + ".dlq");
        }
        transitions = ServiceModuleProcess.start(ServiceModuleProcess.TRANSITION, kafka);
        receiver = new SubscriptionReceiver();
        gateway = GatewayInstance.startWith(
                GatewayInstance.nowhere(),
                transitions.baseUri(),
                GatewayInstance.nowhere(),
                Map.of(
                        "naravard.kafka.bootstrap-servers",
                        kafka.bootstrapServers(),
                        "gateway.subscriptions.poll-interval",
                        "50ms",
                        "gateway.subscriptions.first-retry",
                        "1s",
                        "gateway.subscriptions.max-retry",
                        "5s",
                        // Nothing here needs request validation: spare the validator's warm-up.
                        "gateway.validator.requests",
                        false));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (transitions != null) {
            transitions.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void every_message_written_around_a_broker_restart_is_notified_in_order_per_patient() throws Exception {
        String subscription = activeSubscription();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        Map<String, List<String>> sentPerEpisode = new LinkedHashMap<>();
        try {
            List<String> episodes = all(
                    writers,
                    PATIENTS.stream()
                            .map(p -> (Callable<String>) () -> admit(p))
                            .toList());
            episodes.forEach(e -> sentPerEpisode.put(e, new ArrayList<>()));

            write(writers, sentPerEpisode, 0);
            // The broker goes away while the second round is being written, and stays away for the third.
            Future<?> stopping = writers.submit(kafka::stop);
            try {
                write(writers, sentPerEpisode, 1);
                stopping.get();
                assertThat(kafka.isRunning()).isFalse();
                write(writers, sentPerEpisode, 2);
                // Accepted, but nothing of the outage's last round can have reached the subscriber yet.
                Set<String> whileDown = new HashSet<>();
                sentPerEpisode.values().forEach(ids -> whileDown.add("Communication/" + ids.get(2)));
                assertThat(notified()).extracting(Notified::focus).doesNotContainAnyElementsOf(whileDown);
            } finally {
                kafka.start();
            }
        } finally {
            writers.shutdownNow();
        }

        Set<String> expected = new HashSet<>();
        sentPerEpisode.values().forEach(ids -> ids.forEach(id -> expected.add("Communication/" + id)));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                        notified().stream().map(Notified::focus).distinct())
                .containsExactlyInAnyOrderElementsOf(expected));

        List<Notified> notified = notified();
        // Each message one event, repeated (at least once) only under the same event id.
        Map<String, Set<String>> eventIdsPerFocus = new LinkedHashMap<>();
        for (Notified n : notified) {
            eventIdsPerFocus.computeIfAbsent(n.focus(), k -> new HashSet<>()).add(n.eventId());
        }
        assertThat(eventIdsPerFocus.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(eventIdsPerFocus.values().stream().flatMap(Set::stream).distinct())
                .hasSize(expected.size());
        // Per patient, in the order written.
        List<String> firstSeen =
                notified.stream().map(Notified::focus).distinct().toList();
        for (List<String> sent : sentPerEpisode.values()) {
            assertThat(firstSeen.stream().filter(f -> sent.stream().anyMatch(f::endsWith)))
                    .containsExactlyElementsOf(
                            sent.stream().map(id -> "Communication/" + id).toList());
        }
        assertThat(subscriptionStatus(subscription)).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
    }

    /** Writes message {@code round} of every episode, in parallel. */
    private static void write(ExecutorService writers, Map<String, List<String>> sent, int round) throws Exception {
        List<String> episodes = List.copyOf(sent.keySet());
        List<String> ids = all(
                writers,
                episodes.stream()
                        .map(e -> (Callable<String>)
                                () -> message(e, MESSAGES.get(round), Duration.ofMinutes(100 - 20 * round)))
                        .toList());
        for (int i = 0; i < episodes.size(); i++) {
            sent.get(episodes.get(i)).add(ids.get(i));
        }
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(tasks)) {
            out.add(f.get());
        }
        return out;
    }

    // --- what the receiver got -------------------------------------------------------------------

    record Notified(String focus, String eventId) {}

    private static List<Notified> notified() {
        List<Notified> out = new ArrayList<>();
        for (SubscriptionReceiver.Received r : receiver.deliveredAt(PATH)) {
            for (Parameters.ParametersParameterComponent e :
                    r.statusParameters().getParameter()) {
                if (!e.getName().equals("notification-event")) {
                    continue;
                }
                String focus = e.getPart().stream()
                        .filter(x -> x.getName().equals("focus"))
                        .map(x -> ((Reference) x.getValue()).getReference())
                        .findFirst()
                        .orElse(null);
                String eventId = e.getExtensionByUrl(NotificationBundles.EVENT_ID)
                        .getValue()
                        .primitiveValue();
                out.add(new Notified(focus, eventId));
            }
        }
        return out;
    }

    // --- the subscription, through the FHIR API ------------------------------------------------------

    private static String municipalSystem() {
        return TestTokens.token(Map.of(
                "sub",
                "municipal-system-" + KOMMUN,
                "scope",
                "system/Subscription.cruds",
                "hsa_id",
                "SE2120000530-SYS1",
                "org_type",
                "kommun",
                "kommun",
                KOMMUN));
    }

    private static String activeSubscription() throws Exception {
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        s.setReason("Hemtjänstens verksamhetssystem");
        s.setCriteria(SubscriptionTopics.TRANSITION_MESSAGES.url());
        s.getCriteriaElement()
                .addExtension(
                        SubscriptionForm.FILTER_CRITERIA,
                        new org.hl7.fhir.r4.model.StringType("Communication?kommun=" + KOMMUN + "&addressee=" + UNIT));
        s.getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(receiver.url(PATH))
                .setPayload("application/fhir+json");
        s.getChannel()
                .getPayloadElement()
                .addExtension(SubscriptionForm.PAYLOAD_CONTENT, new org.hl7.fhir.r4.model.CodeType("id-only"));
        HttpResponse<String> r =
                fhir("POST", "/Subscription", FHIR.newJsonParser().encodeResourceToString(s));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = FHIR.newJsonParser()
                .parseResource(Subscription.class, r.body())
                .getIdElement()
                .getIdPart();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> subscriptionStatus(id) == Subscription.SubscriptionStatus.ACTIVE);
        return id;
    }

    private static Subscription.SubscriptionStatus subscriptionStatus(String id) throws Exception {
        HttpResponse<String> r = fhir("GET", "/Subscription/" + id, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Subscription.class, r.body()).getStatus();
    }

    private static HttpResponse<String> fhir(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + municipalSystem())
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/fhir+json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- episodes and messages, through transition-service's API -------------------------------------

    private static String admit(String patient) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = JSON.createObjectNode()
                .put("patient", patient)
                .put("admittingUnit", HOSPITAL)
                .put("kommun", KOMMUN)
                .put("admittedAt", now.minus(Duration.ofHours(3)).toString())
                .put(
                        "physicianAssessedAt",
                        now.minus(Duration.ofHours(3)).plusSeconds(600).toString())
                .put(
                        "expectedDischargeDate",
                        now.plus(Duration.ofDays(3)).toString().substring(0, 10))
                .put("needsBothPrincipals", true)
                .put("mayNeedHelpAfterDischarge", true);
        body.set("actor", actor());
        HttpResponse<String> r = transitions.send("POST", "/episodes", body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static String message(String episode, String type, Duration ago) {
        String id = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode()
                .put("id", id)
                .put("type", type)
                .put(
                        "sentAt",
                        Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("sender", HOSPITAL);
        ArrayNode to = body.putArray("addressees");
        to.addObject().put("kind", "municipal").put("unit", UNIT).put("kommun", KOMMUN);
        body.set("actor", actor());
        HttpResponse<String> r = transitions.send("POST", "/episodes/" + episode + "/messages", body.toString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return id;
    }

    private static ObjectNode actor() {
        return JSON.createObjectNode().put("person", "SE2321000057-N001").put("unit", HOSPITAL);
    }
}
