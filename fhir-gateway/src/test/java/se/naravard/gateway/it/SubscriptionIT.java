package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.subscription.EndpointAllowList;
import se.naravard.gateway.subscription.EndpointPolicy;
import se.naravard.gateway.subscription.NotificationBundles;
import se.naravard.gateway.subscription.SubscriptionForm;
import se.naravard.gateway.subscription.SubscriptionTopics;
import se.naravard.gateway.validation.Validations;
import se.naravard.infra.Prometheus;
import se.naravard.infra.TestInfra;

/**
 * FHIR Subscriptions end to end: real transition-service events on the real Kafka broker, a gateway with
 * a simulated clock for its subscriptions (its own database and consumer group), and a real HTTP
 * receiver on loopback.
 */
class SubscriptionIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String KOMMUN_A = "0680";
    static final String KOMMUN_B = "0684";
    static final String UNIT_A = "SE2120000530-HT01";
    static final String UNIT_B = "SE2120000999-HT01";
    static final String HOSPITAL = "SE2321000057-AVD1";
    /** A kommun of its own for the kvittens test: its kvittens events reach no other test's subscriptions. */
    static final String KOMMUN_C = "0685";

    static final String UNIT_C = "SE2120000685-HT01";

    private static final SimulatedClock CLOCK = new SimulatedClock();
    /** The gateway's subscription endpoint policy: the ITs' allow-list unless a test changes it. */
    private static final SwitchableEndpoints ENDPOINTS = new SwitchableEndpoints();

    private static final String GROUP = "subscription-it-" + UUID.randomUUID();
    private static SubscriptionReceiver receiver;
    private static GatewayInstance gateway;
    private static String database;

    @BeforeAll
    static void start() {
        receiver = new SubscriptionReceiver();
        gateway = startGateway(null);
        database = gateway.context().getRequiredProperty("datasources.default.url", String.class);
    }

    private static GatewayInstance startGateway(String databaseUrl) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "naravard.kafka.bootstrap-servers",
                TestInfra.get().kafka().bootstrapServers(),
                "gateway.subscriptions.consumer-group",
                GROUP,
                "gateway.subscriptions.poll-interval",
                "50ms",
                "gateway.subscriptions.first-retry",
                "1s",
                "gateway.subscriptions.max-retry",
                "5m"));
        if (databaseUrl != null) {
            settings.put("datasources.default.url", databaseUrl);
        }
        return GatewayInstance.startWithClock(
                STACK.contractService.baseUri(),
                STACK.transitionService.baseUri(),
                STACK.sipService.baseUri(),
                settings,
                CLOCK,
                ENDPOINTS);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    // --- the tests ----------------------------------------------------------------------------------

    @Test
    void a_transition_message_reaches_exactly_the_subscriptions_its_filters_select() throws Exception {
        String a1 = active(
                systemA(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES,
                        "Communication?kommun=" + KOMMUN_A,
                        "full-resource",
                        "/a1",
                        "Authorization: Bearer receiver-secret-a"));
        String a2 = active(
                systemA(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES,
                        "Communication?kommun=" + KOMMUN_A + "&addressee=SE2120000530-HT99",
                        "id-only",
                        "/a2"));
        String aTasks = active(
                systemA(),
                subscription(SubscriptionTopics.DEADLINE_TASKS, "Task?kommun=" + KOMMUN_A, "id-only", "/a-tasks"));
        String b1 = active(
                systemB(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES, "Communication?kommun=" + KOMMUN_B, "id-only", "/b1"));

        String episodeA = admit("19500101-9818", KOMMUN_A);
        String messageA = message(episodeA, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.deliveredAt("/a1").size() == 1);

        SubscriptionReceiver.Received got = receiver.deliveredAt("/a1").get(0);
        assertThat(got.header("Authorization")).isEqualTo("Bearer receiver-secret-a");
        assertThat(got.header("Content-type")).startsWith("application/fhir+json");
        Bundle bundle = got.bundle();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        Parameters status = got.statusParameters();
        assertThat(value(status, "subscription")).isEqualTo("Subscription/" + a1);
        assertThat(value(status, "topic")).isEqualTo(SubscriptionTopics.TRANSITION_MESSAGES.url());
        assertThat(value(status, "status")).isEqualTo("active");
        assertThat(value(status, "type")).isEqualTo("event-notification");
        assertThat(value(status, "events-since-subscription-start")).isEqualTo("1");
        Parameters.ParametersParameterComponent event = status.getParameter("notification-event");
        assertThat(part(event, "event-number")).isEqualTo("1");
        assertThat(((Reference) event.getPart().stream()
                                .filter(p -> p.getName().equals("focus"))
                                .findFirst()
                                .orElseThrow()
                                .getValue())
                        .getReference())
                .isEqualTo("Communication/" + messageA);
        assertThat(event.getExtensionByUrl(NotificationBundles.EVENT_ID)).isNotNull();
        Communication focus = (Communication) bundle.getEntry().get(1).getResource();
        assertThat(focus.getIdElement().getIdPart()).isEqualTo(messageA);
        assertThat(Validations.errors("notification", bundle)).isEmpty();

        // The deadline it met goes to the task subscription, not to the message subscriptions.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !receiver.deliveredAt("/a-tasks").isEmpty());
        assertThat(receiver.deliveredAt("/a-tasks").get(0).statusParameters().getParameter("notification-event"))
                .satisfies(e -> assertThat(focusOf(e)).startsWith("Task/"));

        String episodeB = admit("19500202-9816", KOMMUN_B);
        String messageB = message(episodeB, "inskrivningsmeddelande", UNIT_B, KOMMUN_B, Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.deliveredAt("/b1").size() == 1);
        assertThat(focusOf(receiver.deliveredAt("/b1").get(0).statusParameters().getParameter("notification-event")))
                .isEqualTo("Communication/" + messageB);
        // Each event is matched against every subscription in one transaction: B's is done, so kommun A's
        // subscriptions hold exactly what they hold now, and the addressee filter let nothing through.
        assertThat(eventsSinceStart(systemA(), a1)).isEqualTo(1);
        assertThat(eventsSinceStart(systemA(), a2)).isZero();
        assertThat(eventsSinceStart(systemB(), b1)).isEqualTo(1);
        assertThat(receiver.deliveredAt("/a1")).hasSize(1);
        assertThat(receiver.deliveredAt("/a2")).isEmpty();
        assertThat(receiver.at("/a2"))
                .extracting(SubscriptionReceiver.Received::type)
                .containsOnly("handshake");

        Subscription read = read(systemA(), a1);
        assertThat(read.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
        assertThat(Validations.errors("subscription", read)).isEmpty();
        off(systemA(), a1, a2, aTasks);
        off(systemB(), b1);
    }

    @Test
    void a_receiver_down_for_24_hours_gets_everything_in_order_per_patient_when_it_is_back() throws Exception {
        String d = active(
                systemA(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES,
                        "Communication?kommun=" + KOMMUN_A + "&addressee=" + UNIT_A,
                        "id-only",
                        "/down"));
        receiver.mode("/down", SubscriptionReceiver.Mode.DOWN);
        String p1 = admit("19500303-9814", KOMMUN_A);
        String p2 = admit("19500404-9812", KOMMUN_A);
        List<String> sent = new ArrayList<>();
        sent.add(message(p1, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofMinutes(100)));
        sent.add(message(p2, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofMinutes(90)));
        sent.add(message(p1, "planeringsunderlag", UNIT_A, KOMMUN_A, Duration.ofMinutes(80)));
        sent.add(message(p2, "planeringsunderlag", UNIT_A, KOMMUN_A, Duration.ofMinutes(70)));
        sent.add(message(p1, "utskrivningsklar", UNIT_A, KOMMUN_A, Duration.ofMinutes(60)));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsSinceStart(systemA(), d) == 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts("/down") >= 1);
            Instant oldest = backlogOldest(systemA(), d);
            assertThat(oldest).isNotNull();
            for (int hour = 1; hour <= 24; hour++) {
                int before = failedAttempts("/down");
                CLOCK.advance(Duration.ofHours(1));
                await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts("/down") > before);
                assertThat(backlogCount(systemA(), d))
                        .as("backlog after %d h", hour)
                        .isEqualTo(5);
                assertThat(backlogOldest(systemA(), d)).isEqualTo(oldest);
            }
            assertThat(receiver.deliveredAt("/down")).isEmpty();

            // A receiver that missed notifications fills the gap with $events.
            Bundle gap = operation(systemA(), d, "$events?eventsSinceNumber=2&eventsUntilNumber=4");
            Parameters status = (Parameters) gap.getEntryFirstRep().getResource();
            assertThat(value(status, "type")).isEqualTo("query-event");
            assertThat(status.getParameter().stream()
                            .filter(p -> p.getName().equals("notification-event"))
                            .map(p -> part(p, "event-number")))
                    .containsExactly("2", "3", "4");
            assertThat(status.getParameter().stream()
                            .filter(p -> p.getName().equals("notification-event"))
                            .map(SubscriptionIT::focusOf))
                    .containsExactly(
                            "Communication/" + sent.get(1),
                            "Communication/" + sent.get(2),
                            "Communication/" + sent.get(3));
            assertThat(Validations.errors("$events", gap)).isEmpty();

            receiver.mode("/down", SubscriptionReceiver.Mode.UP);
            CLOCK.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.deliveredAt("/down").size() >= 5);
        } finally {
            CLOCK.reset();
        }
        List<String> order = receiver.deliveredAt("/down").stream()
                .map(r -> focusOf(r.statusParameters().getParameter("notification-event")))
                .toList();
        assertThat(new TreeSet<>(order))
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(m -> "Communication/" + m).toList());
        // Per patient, in the order sent.
        assertThat(order.stream().filter(f -> Set.of(0, 2, 4).stream().anyMatch(i -> f.endsWith(sent.get(i)))))
                .containsExactly(
                        "Communication/" + sent.get(0), "Communication/" + sent.get(2), "Communication/" + sent.get(4));
        assertThat(order.stream().filter(f -> Set.of(1, 3).stream().anyMatch(i -> f.endsWith(sent.get(i)))))
                .containsExactly("Communication/" + sent.get(1), "Communication/" + sent.get(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> backlogCount(systemA(), d) == 0);

        // The citizen sees that the municipal system was told.
        String key = gateway.context().getBean(PatientResolver.class).keyOf(TestContracts.PNR_SYSTEM, "195003039814");
        Bundle log = search(AuthorizationMatrixIT.citizen("195003039814"), "/AuditEvent?patient=Patient/" + key);
        assertThat(log.getEntry()).map(e -> (AuditEvent) e.getResource()).anySatisfy(e -> {
            assertThat(e.getText().getDiv().allText()).contains("underrättades om");
            assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("SE2120000530-SYS1");
        });
        off(systemA(), d);
    }

    @Test
    void after_a_restart_nothing_is_lost_and_a_repeat_carries_the_same_event_id() throws Exception {
        String r = active(
                systemA(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES,
                        "Communication?kommun=" + KOMMUN_A + "&addressee=" + UNIT_A,
                        "id-only",
                        "/restart"));
        receiver.mode("/restart", SubscriptionReceiver.Mode.HOLD);
        String p = admit("19500505-9810", KOMMUN_A);
        String first = message(p, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofMinutes(50));
        assertThat(receiver.awaitHolding())
                .as("the first notification reached the receiver")
                .isTrue();
        gateway.close(); // the receiver has not answered: no receipt
        receiver.release();
        receiver.mode("/restart", SubscriptionReceiver.Mode.UP);
        String second; // sent while no gateway runs
        second = message(p, "planeringsunderlag", UNIT_A, KOMMUN_A, Duration.ofMinutes(40));
        gateway = startGateway(database);
        String third = message(p, "utskrivningsklar", UNIT_A, KOMMUN_A, Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> receiver.at("/restart").stream()
                                .filter(x -> "event-notification".equals(x.type()))
                                .map(x -> focusOf(x.statusParameters().getParameter("notification-event")))
                                .distinct()
                                .count()
                        == 3);
        Map<String, List<String>> idsByFocus = new LinkedHashMap<>();
        for (SubscriptionReceiver.Received x : receiver.at("/restart")) {
            if (!"event-notification".equals(x.type())) {
                continue;
            }
            Parameters.ParametersParameterComponent e = x.statusParameters().getParameter("notification-event");
            idsByFocus
                    .computeIfAbsent(focusOf(e), k -> new ArrayList<>())
                    .add(e.getExtensionByUrl(NotificationBundles.EVENT_ID)
                                    .getValue()
                                    .primitiveValue() + "#" + part(e, "event-number"));
        }
        assertThat(idsByFocus.keySet())
                .containsExactly("Communication/" + first, "Communication/" + second, "Communication/" + third);
        List<String> repeats = idsByFocus.get("Communication/" + first);
        assertThat(repeats).as("sent before the restart and again after it").hasSizeGreaterThanOrEqualTo(2);
        assertThat(Set.copyOf(repeats))
                .as("the same event id and number each time")
                .hasSize(1);
        assertThat(eventsSinceStart(systemA(), r)).isEqualTo(3);
        off(systemA(), r);
    }

    @Test
    void an_endpoint_that_refuses_the_handshake_leaves_the_subscription_in_error() throws Exception {
        receiver.mode("/refuses", SubscriptionReceiver.Mode.DOWN);
        String id = created(
                systemA(),
                subscription(SubscriptionTopics.SIP_CHANGES, "CarePlan?kommun=" + KOMMUN_A, "empty", "/refuses"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> read(systemA(), id).getStatus() == Subscription.SubscriptionStatus.ERROR);
        assertThat(read(systemA(), id).getError()).contains("handshake failed").contains("503");
        assertThat(receiver.at("/refuses"))
                .extracting(SubscriptionReceiver.Received::type)
                .containsOnly("handshake");

        String nowhere = created(
                systemA(),
                subscriptionTo(
                        SubscriptionTopics.CONTRACT_CHANGES,
                        "CarePlan?kommun=" + KOMMUN_A,
                        "id-only",
                        null,
                        GatewayInstance.nowhere() + "/hook"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> read(systemA(), nowhere).getStatus() == Subscription.SubscriptionStatus.ERROR);
        assertThat(read(systemA(), nowhere).getError()).contains("cannot be reached");
    }

    @Test
    void only_a_municipal_system_subscribes_and_only_for_its_own_kommun() throws Exception {
        HttpResponse<String> other = send(
                systemA(),
                "POST",
                "/Subscription",
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES, "Communication?kommun=" + KOMMUN_B, "id-only", "/x"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(code(other)).isEqualTo("GATEWAY-101");
        assertThat(outcome(other).getIssueFirstRep().getExpression().get(0).getValue())
                .startsWith("Subscription.criteria");

        HttpResponse<String> region = send(
                TestTokens.journalSystem(),
                "POST",
                "/Subscription",
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES, "Communication?kommun=" + KOMMUN_A, "id-only", "/x"));
        assertThat(region.statusCode()).isEqualTo(403);
        assertThat(code(region)).isEqualTo("GATEWAY-100");

        String mine = created(
                systemA(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES, "Communication?kommun=" + KOMMUN_A, "id-only", "/x"));
        HttpResponse<String> theirs = send(systemB(), "GET", "/Subscription/" + mine, null);
        assertThat(theirs.statusCode()).isEqualTo(403);
        assertThat(code(theirs)).isEqualTo("GATEWAY-102");
        Bundle bSees = search(systemB(), "/Subscription");
        assertThat(bSees.getEntry())
                .noneMatch(e -> e.getResource().getIdElement().getIdPart().equals(mine));

        String bad = "{\"resourceType\":\"Subscription\",\"status\":\"active\",\"reason\":\"x\","
                + "\"criteria\":\"https://example.org/no-topic\",\"channel\":{\"type\":\"email\"}}";
        HttpResponse<String> refused = send(systemA(), "POST", "/Subscription", bad);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(outcome(refused).getIssue())
                .extracting(i -> i.getDetails().getCodingFirstRep().getCode())
                .contains("GATEWAY-110", "GATEWAY-103", "GATEWAY-104", "GATEWAY-105", "GATEWAY-106");

        HttpResponse<String> deleted = send(systemA(), "DELETE", "/Subscription/" + mine, null);
        assertThat(deleted.statusCode()).isIn(200, 204);
        assertThat(send(systemA(), "GET", "/Subscription/" + mine, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void an_endpoint_the_gateway_may_not_send_to_is_refused_and_nothing_is_stored() throws Exception {
        Set<String> before = endpoints(systemA());
        Map<String, String> refused = new LinkedHashMap<>();
        // The ITs' allow-list names loopback over http only (as deploy/local's): nothing else is allowed.
        refused.put("https://169.254.169.254/latest/meta-data/", "is not on the gateway's allow-list");
        refused.put("http://10.1.2.3/hook", "must be https");
        refused.put(receiver.url("/userinfo").replace("http://", "http://admin:secret@"), "user information");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            assertRefused(
                    send(
                            systemA(),
                            "POST",
                            "/Subscription",
                            subscriptionTo(
                                    SubscriptionTopics.SIP_CHANGES,
                                    "CarePlan?kommun=" + KOMMUN_A,
                                    "id-only",
                                    null,
                                    e.getKey())),
                    e.getValue());
        }
        // Production's default, no allow-list: https to public addresses only.
        Map<String, String> internal = new LinkedHashMap<>();
        internal.put("https://127.0.0.1:8081/contracts", "resolves to 127.0.0.1, a loopback address");
        internal.put("https://localhost:8081/contracts", "localhost resolves to");
        internal.put("https://169.254.169.254/latest/meta-data/", "metadata");
        internal.put("https://10.1.2.3/hook", "a private address");
        internal.put("https://[::]/hook", "the unspecified address");
        ENDPOINTS.use("");
        try {
            for (Map.Entry<String, String> e : internal.entrySet()) {
                assertRefused(
                        send(
                                systemA(),
                                "POST",
                                "/Subscription",
                                subscriptionTo(
                                        SubscriptionTopics.SIP_CHANGES,
                                        "CarePlan?kommun=" + KOMMUN_A,
                                        "id-only",
                                        null,
                                        e.getKey())),
                        e.getValue());
            }
        } finally {
            ENDPOINTS.reset();
        }
        assertThat(endpoints(systemA())).as("nothing stored").isEqualTo(before);

        // An update to a refused endpoint is refused alike and changes nothing; turning it off never is.
        String id = active(
                systemA(),
                subscription(SubscriptionTopics.SIP_CHANGES, "CarePlan?kommun=" + KOMMUN_A, "id-only", "/moving"));
        Subscription moved = read(systemA(), id);
        moved.getChannel().setEndpoint("https://169.254.169.254/");
        moved.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        assertRefused(
                send(
                        systemA(),
                        "PUT",
                        "/Subscription/" + id,
                        FHIR.newJsonParser().encodeResourceToString(moved),
                        "If-Match",
                        "W/\"" + moved.getMeta().getVersionId() + "\""),
                "is not on the gateway's allow-list");
        assertThat(read(systemA(), id).getChannel().getEndpoint()).isEqualTo(receiver.url("/moving"));
        ENDPOINTS.use("");
        try {
            off(systemA(), id); // its loopback endpoint is refused now: off is still accepted
        } finally {
            ENDPOINTS.reset();
        }
        assertThat(read(systemA(), id).getStatus()).isEqualTo(Subscription.SubscriptionStatus.OFF);
    }

    @Test
    void an_endpoint_refused_at_send_time_is_a_failed_attempt_and_its_notifications_wait_in_the_backlog()
            throws Exception {
        String id = active(
                systemA(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES,
                        "Communication?kommun=" + KOMMUN_A + "&addressee=" + UNIT_A,
                        "id-only",
                        "/rebound"));
        String message;
        // As after the operator drops the origin from the allow-list, or a DNS rebinding (the endpoint's name
        // now points inside; EndpointAllowListTest resolves such a name): the policy's answer changes under
        // the running gateway, and the next attempt asks it again.
        ENDPOINTS.use("");
        try {
            String p = admit("19501010-9816", KOMMUN_A);
            message = message(p, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofMinutes(20));
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsSinceStart(systemA(), id) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> statusOf(systemA(), id).getParameter("error") != null);
            Parameters status = statusOf(systemA(), id);
            assertThat(value(status, "status")).as("not given up").isEqualTo("active");
            assertThat(((org.hl7.fhir.r4.model.CodeableConcept)
                                    status.getParameter("error").getValue())
                            .getText())
                    .contains("the endpoint is refused")
                    .contains("must be https"); // its receiver is http on loopback, no longer listed
            assertThat(backlogCount(systemA(), id)).isEqualTo(1);
            // Tried again, and refused again, at every attempt.
            long failures = failures(id);
            assertThat(failures).isPositive();
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> failures(id) > failures);
            assertThat(backlogCount(systemA(), id)).isEqualTo(1);
            assertThat(receiver.deliveredAt("/rebound")).isEmpty();
        } finally {
            ENDPOINTS.reset();
        }
        try {
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.deliveredAt("/rebound").size() == 1);
        } finally {
            CLOCK.reset();
        }
        assertThat(focusOf(receiver.deliveredAt("/rebound")
                        .get(0)
                        .statusParameters()
                        .getParameter("notification-event")))
                .isEqualTo("Communication/" + message);
        await().atMost(Duration.ofSeconds(10)).until(() -> backlogCount(systemA(), id) == 0);
        off(systemA(), id);
    }

    /** The failed rounds in a row of the subscription's deliveries, from the gateway's database. */
    private static long failures(String id) throws Exception {
        try (java.sql.Connection c = gateway.database();
                java.sql.PreparedStatement ps =
                        c.prepareStatement("SELECT failures FROM subscription_delivery WHERE subscription_id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void assertRefused(HttpResponse<String> r, String why) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome(r).getIssueFirstRep();
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("GATEWAY-155");
        assertThat(issue.getExpression())
                .extracting(e -> e.getValue())
                .containsExactly("Subscription.channel.endpoint");
        assertThat(issue.getDiagnostics()).contains(why);
    }

    /** The endpoints of the system's subscriptions. */
    private static Set<String> endpoints(String token) throws Exception {
        Set<String> found = new TreeSet<>();
        for (Bundle.BundleEntryComponent e : search(token, "/Subscription").getEntry()) {
            found.add(e.getResource().getIdElement().getIdPart() + " "
                    + ((Subscription) e.getResource()).getChannel().getEndpoint());
        }
        return found;
    }

    @Test
    void a_delivery_to_a_subscription_that_asks_for_it_is_the_messages_kvittens_once() throws Exception {
        String r1 = active(
                systemC(),
                with(
                        subscription(
                                SubscriptionTopics.TRANSITION_MESSAGES,
                                "Communication?kommun=" + KOMMUN_C + "&addressee=" + UNIT_C,
                                "id-only",
                                "/receipt"),
                        s -> s.getChannel()
                                .addExtension(
                                        SubscriptionForm.DELIVERY_RECEIPT,
                                        new org.hl7.fhir.r4.model.BooleanType(true))));
        // A second system subscription of the kommun that asks too: still one kvittens per addressee.
        String r2 = active(
                systemC(),
                with(
                        subscription(
                                SubscriptionTopics.TRANSITION_MESSAGES,
                                "Communication?kommun=" + KOMMUN_C,
                                "full-resource",
                                "/receipt2"),
                        s -> s.getChannel()
                                .addExtension(
                                        SubscriptionForm.DELIVERY_RECEIPT,
                                        new org.hl7.fhir.r4.model.BooleanType(true))));
        String plain = active(
                systemC(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES,
                        "Communication?kommun=" + KOMMUN_C + "&addressee=" + UNIT_C,
                        "id-only",
                        "/no-receipt"));
        String episode = admit("19500606-9818", KOMMUN_C);
        String m = message(episode, "inskrivningsmeddelande", UNIT_C, KOMMUN_C, Duration.ofMinutes(20));
        await().atMost(Duration.ofSeconds(30)).until(() -> receipts(episode, m).size() == 1);
        JsonNode receipt = receipts(episode, m).get(0);
        assertThat(receipt.get("addressee").asText()).isEqualTo(UNIT_C);
        assertThat(receipt.get("kind").asText()).isEqualTo("automatic");
        assertThat(receipt.get("status").asText()).isEqualTo("ok");

        // The same notification delivered again (as after a crash before the commit): the receiver sees
        // the same event, and nothing more is recorded, nor is anything in error.
        javax.sql.DataSource db = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                gateway.context().getBean(javax.sql.DataSource.class));
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement("UPDATE subscription_notification"
                        + " SET delivered_at = NULL WHERE subscription_id = ? AND focus = ? AND event_number = 1")) {
            ps.setObject(1, UUID.fromString(r1));
            ps.setString(2, "Communication/" + m);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.deliveredAt("/receipt").stream()
                                .filter(x -> ("Communication/" + m)
                                        .equals(focusOf(x.statusParameters().getParameter("notification-event"))))
                                .filter(x -> "1"
                                        .equals(part(
                                                x.statusParameters().getParameter("notification-event"),
                                                "event-number")))
                                .count()
                        == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> backlogCount(systemC(), r1) == 0);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> receipts(episode, m).size() == 1);
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*), count(recorded_at),"
                        + " count(refused), count(last_error) FROM subscription_receipt WHERE message_id = ?")) {
            ps.setObject(1, UUID.fromString(m));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                        .as("one kvittens, recorded, neither refused nor failed")
                        .containsExactly(1, 1, 0, 0);
            }
        }
        assertThat(receiver.deliveredAt("/no-receipt")).isNotEmpty();
        // The kvittens is an event of the message too: each subscription is told, and nothing more happens.
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsSinceStart(systemC(), plain) == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> backlogCount(systemC(), r2) == 0);
        off(systemC(), r1, r2, plain);
    }

    @Test
    void max_count_puts_several_events_in_one_bundle_the_backlog_is_a_metric_and_end_turns_it_off() throws Exception {
        Instant end = CLOCK.instant().plus(Duration.ofHours(1));
        String id = active(
                systemA(),
                with(
                        subscription(
                                SubscriptionTopics.TRANSITION_MESSAGES,
                                "Communication?kommun=" + KOMMUN_A + "&addressee=" + UNIT_A,
                                "id-only",
                                "/batch"),
                        s -> {
                            s.setEnd(java.util.Date.from(end));
                            s.getChannel()
                                    .addExtension(
                                            SubscriptionForm.MAX_COUNT_URL,
                                            new org.hl7.fhir.r4.model.PositiveIntType(3));
                            s.getChannel()
                                    .addExtension(
                                            SubscriptionForm.TIMEOUT, new org.hl7.fhir.r4.model.UnsignedIntType(5));
                        }));
        Subscription read = read(systemA(), id);
        assertThat(read.getEnd().toInstant()).isEqualTo(end.truncatedTo(ChronoUnit.MILLIS));
        assertThat(read.getChannel()
                        .getExtensionByUrl(SubscriptionForm.MAX_COUNT_URL)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("3");
        assertThat(Validations.errors("subscription", read)).isEmpty();
        receiver.mode("/batch", SubscriptionReceiver.Mode.DOWN);
        String p = admit("19500707-9816", KOMMUN_A);
        List<String> sent = new ArrayList<>();
        sent.add(message(p, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofMinutes(40)));
        sent.add(message(p, "planeringsunderlag", UNIT_A, KOMMUN_A, Duration.ofMinutes(30)));
        sent.add(message(p, "utskrivningsklar", UNIT_A, KOMMUN_A, Duration.ofMinutes(20)));
        sent.add(message(p, "planeringsunderlag", UNIT_A, KOMMUN_A, Duration.ofMinutes(10)));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsSinceStart(systemA(), id) == 4);
            String series = "subscription=\"" + id + "\"";
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Prometheus.value(
                                    Prometheus.scrape(gateway.managementUri()),
                                    "naravard_gateway_subscription_backlog",
                                    series)
                            == 4);
            CLOCK.advance(Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Prometheus.value(
                                    Prometheus.scrape(gateway.managementUri()),
                                    "naravard_gateway_subscription_backlog_oldest_age_seconds",
                                    series)
                            >= 300);

            receiver.mode("/batch", SubscriptionReceiver.Mode.UP);
            CLOCK.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> backlogCount(systemA(), id) == 0);
            List<List<String>> bundles = receiver.deliveredAt("/batch").stream()
                    .map(r -> r.statusParameters().getParameter().stream()
                            .filter(x -> x.getName().equals("notification-event"))
                            .map(SubscriptionIT::focusOf)
                            .toList())
                    .toList();
            assertThat(bundles)
                    .as("at most max-count events per Bundle, in order")
                    .containsExactly(
                            sent.subList(0, 3).stream()
                                    .map(m -> "Communication/" + m)
                                    .toList(),
                            List.of("Communication/" + sent.get(3)));
            Bundle first = receiver.deliveredAt("/batch").get(0).bundle();
            assertThat(value(
                            receiver.deliveredAt("/batch").get(0).statusParameters(),
                            "events-since-subscription-start"))
                    .isEqualTo("3");
            assertThat(first.getEntry()).hasSize(4); // the status and three focus entries
            assertThat(Validations.errors("notification", first)).isEmpty();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Prometheus.value(
                                    Prometheus.scrape(gateway.managementUri()),
                                    "naravard_gateway_subscription_backlog",
                                    series)
                            == 0);

            // Its end comes: the gateway turns it off, and nothing after it is sent.
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> read(systemA(), id).getStatus() == Subscription.SubscriptionStatus.OFF);
            int before = receiver.at("/batch").size();
            CLOCK.reset(); // the witness below is activated in real time, so the events after this reach it
            String after = admit("19500808-9814", KOMMUN_A);
            String late = message(after, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofMinutes(5));
            String witness = active(
                    systemA(),
                    subscription(
                            SubscriptionTopics.TRANSITION_MESSAGES,
                            "Communication?kommun=" + KOMMUN_A + "&addressee=" + UNIT_A,
                            "id-only",
                            "/after-end"));
            String later = message(after, "planeringsunderlag", UNIT_A, KOMMUN_A, Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.deliveredAt("/after-end").stream().anyMatch(r -> ("Communication/" + later)
                            .equals(focusOf(r.statusParameters().getParameter("notification-event")))));
            assertThat(late).isNotNull();
            assertThat(eventsSinceStart(systemA(), id)).isEqualTo(4);
            assertThat(receiver.at("/batch")).hasSize(before);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !Prometheus.scrape(gateway.managementUri()).contains(series));
            off(systemA(), witness);
        } finally {
            CLOCK.reset();
        }
    }

    @Test
    void delivered_notifications_are_purged_after_the_retention_and_events_says_so() throws Exception {
        String id = active(
                systemA(),
                subscription(
                        SubscriptionTopics.TRANSITION_MESSAGES,
                        "Communication?kommun=" + KOMMUN_A + "&addressee=" + UNIT_A,
                        "id-only",
                        "/purge"));
        String p = admit("19500909-9812", KOMMUN_A);
        message(p, "inskrivningsmeddelande", UNIT_A, KOMMUN_A, Duration.ofMinutes(30));
        message(p, "planeringsunderlag", UNIT_A, KOMMUN_A, Duration.ofMinutes(20));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.deliveredAt("/purge").size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> backlogCount(systemA(), id) == 0);
        assertThat(operation(systemA(), id, "$events").getEntry()).hasSize(3);

        se.naravard.gateway.subscription.Housekeeping housekeeping = gateway.context()
                .getBean(se.naravard.gateway.subscription.Subscriptions.class)
                .housekeeping();
        assertThat(housekeeping.purge()).as("nothing is 30 days old yet").isZero();
        try {
            CLOCK.advance(Duration.ofDays(31));
            housekeeping.purge(); // (the housekeeping's own round may purge them first, as the clock jumped)
        } finally {
            CLOCK.reset();
        }
        HttpResponse<String> gone = send(systemA(), "GET", "/Subscription/" + id + "/$events", null);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(410);
        assertThat(code(gone)).isEqualTo("GATEWAY-154");
        assertThat(outcome(gone).getIssueFirstRep().getDiagnostics()).contains("purged");
        // $status is unchanged: the numbering goes on, and nothing undelivered was purged.
        assertThat(eventsSinceStart(systemA(), id)).isEqualTo(2);
        assertThat(backlogCount(systemA(), id)).isZero();

        String third = message(p, "utskrivningsklar", UNIT_A, KOMMUN_A, Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.deliveredAt("/purge").size() == 3);
        Bundle kept = operation(systemA(), id, "$events?eventsSinceNumber=3");
        assertThat(focusOf(((Parameters) kept.getEntryFirstRep().getResource()).getParameter("notification-event")))
                .isEqualTo("Communication/" + third);
        HttpResponse<String> partly =
                send(systemA(), "GET", "/Subscription/" + id + "/$events?eventsSinceNumber=2", null);
        assertThat(partly.statusCode()).isEqualTo(410);
        assertThat(outcome(partly).getIssueFirstRep().getDiagnostics()).contains("whole from eventsSinceNumber 3");
        off(systemA(), id);
    }

    /** The subscription's JSON changed by {@code change}. */
    private static String with(String json, java.util.function.Consumer<Subscription> change) {
        Subscription s = FHIR.newJsonParser().parseResource(Subscription.class, json);
        change.accept(s);
        return FHIR.newJsonParser().encodeResourceToString(s);
    }

    /** The kvittenser transition-service holds for message {@code messageId} of the episode. */
    private static List<JsonNode> receipts(String episode, String messageId) throws Exception {
        HttpResponse<String> r = STACK.transitionService.send("GET", "/episodes/" + episode, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode m : JSON.readTree(r.body()).path("messages")) {
            if (messageId.equals(m.path("id").asText())) {
                m.path("receipts").forEach(found::add);
            }
        }
        return found;
    }

    // --- subscriptions through the FHIR API -----------------------------------------------------------

    static String systemA() {
        return municipalSystem("SE2120000530-SYS1", KOMMUN_A);
    }

    static String systemB() {
        return municipalSystem("SE2120000999-SYS1", KOMMUN_B);
    }

    static String systemC() {
        return municipalSystem("SE2120000685-SYS1", KOMMUN_C);
    }

    static String municipalSystem(String hsaId, String kommun) {
        return TestTokens.token(Map.of(
                "sub",
                "municipal-system-" + kommun,
                "scope",
                "system/Subscription.cruds system/AuditEvent.rs",
                "hsa_id",
                hsaId,
                "org_type",
                "kommun",
                "kommun",
                kommun));
    }

    private static String subscription(
            SubscriptionTopics topic, String filter, String content, String path, String... headers) {
        return subscriptionTo(topic, filter, content, path, null, headers);
    }

    static String subscriptionTo(
            SubscriptionTopics topic, String filter, String content, String path, String endpoint, String... headers) {
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        s.setReason("Hemtjänstens verksamhetssystem");
        s.setCriteria(topic.url());
        s.getCriteriaElement()
                .addExtension(SubscriptionForm.FILTER_CRITERIA, new org.hl7.fhir.r4.model.StringType(filter));
        s.getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(endpoint != null ? endpoint : receiver.url(path))
                .setPayload("application/fhir+json");
        s.getChannel()
                .getPayloadElement()
                .addExtension(SubscriptionForm.PAYLOAD_CONTENT, new org.hl7.fhir.r4.model.CodeType(content));
        for (String h : headers) {
            s.getChannel().addHeader(h);
        }
        return FHIR.newJsonParser().encodeResourceToString(s);
    }

    private static String created(String token, String body) throws Exception {
        HttpResponse<String> r = send(token, "POST", "/Subscription", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return FHIR.newJsonParser()
                .parseResource(Subscription.class, r.body())
                .getIdElement()
                .getIdPart();
    }

    /** Creates the subscription and waits for its handshake to make it active. */
    private static String active(String token, String body) throws Exception {
        String id = created(token, body);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> read(token, id).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
        return id;
    }

    private static Subscription read(String token, String id) throws Exception {
        HttpResponse<String> r = send(token, "GET", "/Subscription/" + id, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Subscription.class, r.body());
    }

    private static void off(String token, String... ids) throws Exception {
        for (String id : ids) {
            Subscription s = read(token, id);
            s.setStatus(Subscription.SubscriptionStatus.OFF);
            HttpResponse<String> r = send(
                    token,
                    "PUT",
                    "/Subscription/" + id,
                    FHIR.newJsonParser().encodeResourceToString(s),
                    "If-Match",
                    "W/\"" + s.getMeta().getVersionId() + "\"");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    private static Bundle operation(String token, String id, String operation) throws Exception {
        HttpResponse<String> r = send(token, "GET", "/Subscription/" + id + "/" + operation, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, r.body());
    }

    private static Parameters statusOf(String token, String id) throws Exception {
        Bundle b = operation(token, id, "$status");
        assertThat(Validations.errors("$status", b)).isEmpty();
        return (Parameters) b.getEntryFirstRep().getResource();
    }

    private static long eventsSinceStart(String token, String id) throws Exception {
        return Long.parseLong(value(statusOf(token, id), "events-since-subscription-start"));
    }

    private static long backlogCount(String token, String id) throws Exception {
        return Long.parseLong(value(statusOf(token, id), "backlog-count"));
    }

    private static Instant backlogOldest(String token, String id) throws Exception {
        Parameters p = statusOf(token, id);
        return p.getParameter("backlog-oldest-event") == null ? null : Instant.parse(value(p, "backlog-oldest-event"));
    }

    private static int failedAttempts(String path) {
        return (int) receiver.at(path).stream()
                .filter(r -> r.status() == 503 && "event-notification".equals(r.type()))
                .count();
    }

    private static Bundle search(String token, String path) throws Exception {
        HttpResponse<String> r = send(token, "GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, r.body());
    }

    private static HttpResponse<String> send(String token, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/fhir+json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static OperationOutcome outcome(HttpResponse<String> r) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body());
    }

    private static String code(HttpResponse<String> r) {
        return outcome(r).getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    static String value(Parameters p, String name) {
        org.hl7.fhir.r4.model.Type v = p.getParameter(name).getValue();
        return v instanceof Reference r ? r.getReference() : v.primitiveValue();
    }

    private static String part(Parameters.ParametersParameterComponent p, String name) {
        return p.getPart().stream()
                .filter(x -> x.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue()
                .primitiveValue();
    }

    static String focusOf(Parameters.ParametersParameterComponent event) {
        return event.getPart().stream()
                .filter(x -> x.getName().equals("focus"))
                .map(x -> ((Reference) x.getValue()).getReference())
                .findFirst()
                .orElse(null);
    }

    // --- episodes through transition-service's API ----------------------------------------------------

    private static String admit(String patient, String kommun) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = JSON.createObjectNode()
                .put("patient", patient)
                .put("admittingUnit", HOSPITAL)
                .put("kommun", kommun)
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
        HttpResponse<String> r = STACK.transitionService.send("POST", "/episodes", body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static String message(String episode, String type, String unit, String kommun, Duration ago) {
        String id = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode()
                .put("id", id)
                .put("type", type)
                .put(
                        "sentAt",
                        Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("sender", HOSPITAL);
        ArrayNode to = body.putArray("addressees");
        to.addObject().put("kind", "municipal").put("unit", unit).put("kommun", kommun);
        body.set("actor", actor());
        HttpResponse<String> r =
                STACK.transitionService.send("POST", "/episodes/" + episode + "/messages", body.toString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return id;
    }

    private static ObjectNode actor() {
        return JSON.createObjectNode().put("person", "SE2321000057-N001").put("unit", HOSPITAL);
    }

    /** The gateway's endpoint policy, which a test changes while the gateway runs. */
    static final class SwitchableEndpoints implements EndpointPolicy {
        private final AtomicReference<EndpointPolicy> current =
                new AtomicReference<>(allowList(GatewayInstance.LOOPBACK_ENDPOINTS));

        /** The allow-list {@code setting} from now on ("": none, production's default). */
        void use(String setting) {
            current.set(allowList(setting));
        }

        /** The ITs' allow-list again. */
        void reset() {
            use(GatewayInstance.LOOPBACK_ENDPOINTS);
        }

        private static EndpointPolicy allowList(String setting) {
            return EndpointAllowList.parse(setting, EndpointAllowList.SYSTEM);
        }

        @Override
        public java.util.Optional<Refusal> refusal(URI endpoint) {
            return current.get().refusal(endpoint);
        }
    }

    /** The system clock moved by what a test adds: 24 hours pass in a moment. */
    static final class SimulatedClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration d) {
            offset.updateAndGet(o -> o.plus(d));
        }

        void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
