package se.naravard.gateway.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.sip.SipClient;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionClient;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.security.ServiceCredentials;

/**
 * The Task update's own logic against real HTTP peers on loopback that answer as transition-service
 * and sip-service do (the JSON of docs/transition-api.md and docs/sip-api.md): what is sent to
 * sip-service, the settle wait and its 202, refusals before anything is sent and sip-service's
 * pointers as FHIRPath. The whole path through the real services is TaskUpdateIT.
 */
class CallInCompletionTest {

    private static final String EPISODE = "3f1c2a4e-8d7b-4c1e-9a55-2b9e6f0c1d11";
    private static final String CALL_IN_TASK = "6a2d9c1e-1f4b-4e8a-b3c7-0d5e9f8a7b21";
    private static final String NOTICE_TASK = "7b3e0d2f-2a5c-4f9b-84d8-1e6fa09b8c32";
    private static final String CALL_IN = "9c4f1e3a-3b6d-4a0c-95e9-2f7ab1c09d43";
    private static final String SIP = "0d5a2f4b-4c7e-4b1d-a6fa-3a8bc2d1ae54";
    private static final RequestActor.Actor ACTOR =
            new RequestActor.Actor("SE2321000057-P001", "SE2321000057-VC01", null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    /** The state of the call-in clock transition-service answers with: open until the kallelse arrives. */
    private final AtomicReference<String> clockState = new AtomicReference<>("open");

    private final AtomicReference<String> callInStatus = new AtomicReference<>("open");
    /** What sip-service answers a completion with: 200 (and the clock turns met when {@code meetsClock}) or a problem. */
    private final AtomicReference<String> completionProblem = new AtomicReference<>();

    private volatile boolean meetsClock = true;
    private final List<JsonNode> completions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void peers() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/episodes", this::episodes);
        server.createContext("/call-ins", this::callIns);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_completion_goes_to_sip_service_and_answers_once_the_clock_shows_it() {
        Task t = task(TaskStatus.COMPLETED);
        t.setExecutionPeriod(new Period().setEndElement(new DateTimeType("2026-11-24T09:30:00+01:00")));
        t.addOutput()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept().setText("SIP"))
                .setValue(new Reference("CarePlan/sip-" + SIP));
        t.addOutput()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept().setText("SIP"))
                .setValue(new Reference()
                        .setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem("http://electronichealth.se/identifier/hsaid")
                                .setValue("SE2120000530-HT01")));

        CallInCompletion.Result r = completion(Duration.ofSeconds(5)).apply(CALL_IN_TASK, t, ACTOR);

        assertThat(r.settled()).isTrue();
        assertThat(r.task().getStatus()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completions).hasSize(1);
        JsonNode sent = completions.get(0);
        assertThat(sent.at("/actor/person").asText()).isEqualTo("SE2321000057-P001");
        assertThat(sent.at("/actor/unit").asText()).isEqualTo("SE2321000057-VC01");
        assertThat(sent.at("/calledAt").asText()).isEqualTo("2026-11-24T09:30:00+01:00");
        assertThat(sent.at("/sipId").asText()).isEqualTo(SIP);
        assertThat(sent.at("/invitees/0").asText()).isEqualTo("SE2120000530-HT01");
    }

    @Test
    void when_the_kallelse_is_slower_than_the_settle_time_the_answer_says_so_with_the_task_as_it_stands() {
        meetsClock = false;

        CallInCompletion.Result r =
                completion(Duration.ofMillis(300)).apply(CALL_IN_TASK, task(TaskStatus.COMPLETED), ACTOR);

        assertThat(r.settled()).isFalse();
        assertThat(r.task().getStatus()).isEqualTo(TaskStatus.REQUESTED);
        assertThat(completions).hasSize(1);
    }

    @Test
    void a_repeated_completion_sends_nothing() {
        clockState.set("met");

        CallInCompletion.Result r =
                completion(Duration.ofSeconds(5)).apply(CALL_IN_TASK, task(TaskStatus.COMPLETED), ACTOR);

        assertThat(r.settled()).isTrue();
        assertThat(r.task().getStatus()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completions).isEmpty();
    }

    @Test
    void a_call_in_completed_in_sip_service_but_not_yet_recorded_is_awaited_without_a_second_completion() {
        callInStatus.set("completed");
        new Thread(() -> {
                    sleep(200);
                    clockState.set("met");
                })
                .start();

        CallInCompletion.Result r =
                completion(Duration.ofSeconds(5)).apply(CALL_IN_TASK, task(TaskStatus.COMPLETED), ACTOR);

        assertThat(r.settled()).isTrue();
        assertThat(completions).isEmpty();
    }

    @Test
    void other_clocks_other_statuses_and_changed_elements_are_refused_before_anything_is_sent() {
        CallInCompletion c = completion(Duration.ofSeconds(1));
        Task notice = task(TaskStatus.COMPLETED);
        notice.setId("Task/" + NOTICE_TASK);
        assertRefused(() -> c.apply(NOTICE_TASK, notice, ACTOR), 422, "GATEWAY-060", "Task.code");
        assertRefused(
                () -> c.apply(CALL_IN_TASK, task(TaskStatus.CANCELLED), ACTOR), 422, "GATEWAY-061", "Task.status");
        Task moved = task(TaskStatus.COMPLETED);
        moved.setEncounter(new Reference("Encounter/" + CALL_IN_TASK));
        assertRefused(() -> c.apply(CALL_IN_TASK, moved, ACTOR), 422, "GATEWAY-040", "Task.encounter");
        Task badOutput = task(TaskStatus.COMPLETED);
        badOutput
                .addOutput()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept().setText("SIP"))
                .setValue(new Reference("CarePlan/" + SIP));
        assertRefused(() -> c.apply(CALL_IN_TASK, badOutput, ACTOR), 422, "GATEWAY-003", "Task.output[0].value");
        Task noOffset = task(TaskStatus.COMPLETED);
        noOffset.setExecutionPeriod(new Period().setEndElement(new DateTimeType("2026-11-24")));
        assertRefused(() -> c.apply(CALL_IN_TASK, noOffset, ACTOR), 422, "GATEWAY-051", "Task.executionPeriod.end");
        assertThat(completions).isEmpty();
    }

    @Test
    void a_cancelled_call_in_is_409() {
        callInStatus.set("cancelled");

        assertRefused(
                () -> completion(Duration.ofSeconds(1)).apply(CALL_IN_TASK, task(TaskStatus.COMPLETED), ACTOR),
                409,
                "GATEWAY-063",
                "Task.status");
    }

    @Test
    void sip_service_refusals_name_the_task_element_the_value_came_from() {
        completionProblem.set("{\"code\":\"SIP-084\",\"title\":\"The call-in completion was refused\",\"errors\":["
                + "{\"field\":\"/invitees/0\",\"code\":\"SIP-084\",\"message\":\"not an addressee of the notice\"}]}");
        Task t = task(TaskStatus.COMPLETED);
        t.addOutput()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept().setText("SIP"))
                .setValue(new Reference("CarePlan/sip-" + SIP));
        t.addOutput()
                .setType(new org.hl7.fhir.r4.model.CodeableConcept().setText("SIP"))
                .setValue(new Reference()
                        .setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem("http://electronichealth.se/identifier/hsaid")
                                .setValue("SE2120000530-XX99")));

        assertRefused(
                () -> completion(Duration.ofSeconds(1)).apply(CALL_IN_TASK, t, ACTOR),
                422,
                "SIP-084",
                "Task.output[1].value");
    }

    private CallInCompletion completion(Duration settle) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        PatientResolver patients = new PatientResolver(
                new PatientKeys("a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8)));
        ServiceCredentials credentials = () -> "Bearer a-service-token";
        EpisodeReads episodes = new EpisodeReads(
                new TransitionClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2), credentials), patients);
        return new CallInCompletion(
                episodes, new SipClient(base, Duration.ofSeconds(1), Duration.ofSeconds(2), credentials), settle);
    }

    private static Task task(TaskStatus status) {
        Task t = new Task();
        t.setId("Task/" + CALL_IN_TASK);
        t.setStatus(status);
        t.setIntent(Task.TaskIntent.ORDER);
        return t;
    }

    private static void assertRefused(Runnable call, int status, String code, String expression) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(status);
            OperationOutcome.OperationOutcomeIssueComponent issue =
                    ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
            assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(code);
            assertThat(issue.getExpression()).extracting(Object::toString).contains(expression);
        });
    }

    private void episodes(HttpExchange x) throws IOException {
        String state = clockState.get();
        String callInClock = "{\"id\":\"" + CALL_IN_TASK
                + "\",\"kind\":\"sip-call-in\",\"dueAt\":\"2026-11-27T09:00:00Z\","
                + "\"state\":\"" + state + "\"" + ("met".equals(state) ? ",\"metAt\":\"2026-11-24T08:30:00Z\"" : "")
                + ",\"trigger\":\"" + NOTICE_TASK + "\",\"addressee\":\"SE2321000057-VC01\"}";
        String noticeClock =
                "{\"id\":\"" + NOTICE_TASK + "\",\"kind\":\"admission-notice\",\"dueAt\":\"2026-11-22T09:00:00Z\","
                        + "\"state\":\"met\",\"metAt\":\"2026-11-21T10:00:00Z\"}";
        String episode = "{\"id\":\"" + EPISODE + "\",\"version\":4,\"patient\":{\"system\":"
                + "\"http://electronichealth.se/identifier/personnummer\",\"value\":\"191212121212\"},"
                + "\"admittingUnit\":\"SE2321000057-AVD1\",\"kommun\":\"0680\",\"status\":{\"code\":\"utskrivningsklar\"},"
                + "\"tasks\":[" + noticeClock + "," + callInClock + "],"
                + "\"lastChange\":{\"at\":\"2026-11-24T08:00:00Z\"}}";
        answer(x, 200, "{\"episodes\":[" + episode + "],\"offset\":0}");
    }

    private void callIns(HttpExchange x) throws IOException {
        String callIn = "{\"id\":\"" + CALL_IN + "\",\"version\":1,\"status\":\"" + callInStatus.get()
                + "\",\"transitionTaskId\":\"" + CALL_IN_TASK + "\",\"episodeId\":\"" + EPISODE + "\""
                + ("cancelled".equals(callInStatus.get()) ? ",\"cancelReason\":\"notice withdrawn\"" : "") + "}";
        if ("GET".equals(x.getRequestMethod())) {
            assertThat(x.getRequestURI().getQuery()).contains("transitionTaskId=" + CALL_IN_TASK);
            answer(x, 200, "{\"callIns\":[" + callIn + "],\"offset\":0}");
            return;
        }
        assertThat(x.getRequestURI().getPath()).isEqualTo("/call-ins/" + CALL_IN + "/completion");
        if (completionProblem.get() != null) {
            answer(x, 422, completionProblem.get());
            return;
        }
        completions.add(JSON.readTree(x.getRequestBody()));
        callInStatus.set("completed");
        if (meetsClock) {
            clockState.set("met");
        }
        answer(x, 200, callIn.replace("\"open\"", "\"completed\""));
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", status >= 300 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
