package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * A journal system reports a SIP called by updating the SIP call-in Task to completed, with HAPI's
 * generic client, and the loop of DOMAIN.md §5 closes through the real services: the gateway completes
 * sip-service's call-in task, sip-service emits call-in-completed on Kafka, transition-service records
 * the kallelse till SIP, and the Task answered (and read back) is completed, its output the kallelse.
 * Repeats send nothing; refusals are OperationOutcomes naming the element, with nothing changed.
 */
class TaskUpdateIT {

    /** A test personnummer no other IT uses. */
    static final String PATIENT = "195003152385";

    private static final String HSA = "http://electronichealth.se/identifier/hsaid";
    private static final String FAST_VARDKONTAKT = "SE2321000057-P042";
    private static final String PROVENANCE =
            """
            {"resourceType":"Provenance","recorded":"2026-11-25T10:00:00Z","target":[{"reference":"Task/x"}],
             "agent":[{"who":{"identifier":{"system":"%s","value":"%s"}},
                       "onBehalfOf":{"identifier":{"system":"%s","value":"%s"}}}]}"""
                    .formatted(HSA, FAST_VARDKONTAKT, HSA, TestEpisodes.PRIMARY)
                    .replace("\n", "");
    private static final AtomicInteger ADMISSIONS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    @Test
    void completing_the_call_in_task_records_the_kallelse_in_the_episode() {
        String episode = utskrivningsklar();
        Task open = task(episode, "sip-call-in");
        assertThat(open.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
        String callIn = awaitCallIn(open.getIdElement().getIdPart());
        Instant calledAt = CommunicationWriteIT.ago(Duration.ofMinutes(30));
        open.setStatus(Task.TaskStatus.COMPLETED);
        open.setExecutionPeriod(new Period().setEndElement(time(calledAt)));

        MethodOutcome outcome = fhir.update()
                .resource(open)
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute();

        Task done = (Task) outcome.getResource();
        assertThat(done.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(done.getExecutionPeriod().getEnd().toInstant()).isEqualTo(calledAt);
        Reference kallelse = (Reference) done.getOutputFirstRep().getValue();
        Communication message = fhir.read()
                .resource(Communication.class)
                .withId(kallelse.getReferenceElement().getIdPart())
                .execute();
        assertThat(message.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("kallelse-sip");
        assertThat(message.getEncounter().getReference()).isEqualTo("Encounter/" + episode);
        JsonNode completed = callIn(callIn);
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/completedBy/person").asText()).isEqualTo(FAST_VARDKONTAKT);
        assertThat(fhir.read()
                        .resource(Task.class)
                        .withId(done.getIdElement().getIdPart())
                        .execute()
                        .getStatus())
                .isEqualTo(Task.TaskStatus.COMPLETED);

        Task again = (Task) fhir.update()
                .resource(open)
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute()
                .getResource();

        assertThat(again.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
        assertThat(callIn(callIn).path("version").asInt())
                .isEqualTo(completed.path("version").asInt());
    }

    @Test
    void a_unit_that_was_not_an_addressee_is_422_naming_the_output_and_the_call_in_stays_open() {
        String episode = utskrivningsklar();
        Task open = task(episode, "sip-call-in");
        String callIn = awaitCallIn(open.getIdElement().getIdPart());
        open.setStatus(Task.TaskStatus.COMPLETED);
        open.addOutput()
                .setType(new CodeableConcept().setText("Kallad enhet"))
                .setValue(new Reference()
                        .setType("Organization")
                        .setIdentifier(new Identifier().setSystem(HSA).setValue("SE2120000530-XX99")));

        OperationOutcome.OperationOutcomeIssueComponent issue = refusal(open, PROVENANCE, 422);

        assertThat(code(issue)).isEqualTo("SIP-084");
        assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("Task.output[0].value");
        assertThat(callIn(callIn).path("status").asText()).isEqualTo("open");
        assertThat(task(episode, "sip-call-in").getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    }

    @Test
    void other_clocks_a_missing_actor_and_unknown_tasks_are_refused() {
        String episode = utskrivningsklar();
        Task notice = task(episode, "admission-notice");
        notice.setStatus(Task.TaskStatus.COMPLETED);
        assertThat(code(refusal(notice, PROVENANCE, 422))).isEqualTo("GATEWAY-060");

        Task callIn = task(episode, "sip-call-in");
        callIn.setStatus(Task.TaskStatus.COMPLETED);
        OperationOutcome.OperationOutcomeIssueComponent noActor = refusal(callIn, null, 400);
        assertThat(code(noActor)).isEqualTo("GATEWAY-043");
        assertThat(noActor.getLocation()).extracting(Object::toString).containsExactly("http.X-Provenance");

        Task unknown = new Task();
        unknown.setId("Task/" + UUID.randomUUID());
        unknown.setStatus(Task.TaskStatus.COMPLETED);
        unknown.setIntent(Task.TaskIntent.ORDER);
        assertThatThrownBy(() -> fhir.update()
                        .resource(unknown)
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(task(episode, "sip-call-in").getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    }

    /** A new episode of PATIENT made utskrivningsklar through the gateway; its id. */
    private String utskrivningsklar() {
        Instant admitted = CommunicationWriteIT.ago(Duration.ofHours(5).minusSeconds(ADMISSIONS.incrementAndGet()));
        Communication notice =
                CommunicationWriteIT.admission(admitted, UUID.randomUUID().toString(), PATIENT);
        Communication stored =
                (Communication) fhir.create().resource(notice).execute().getResource();
        String episode = stored.getEncounter().getReferenceElement().getIdPart();
        fhir.create()
                .resource(CommunicationWriteIT.message(
                        "utskrivningsklar", episode, CommunicationWriteIT.ago(Duration.ofHours(2))))
                .execute();
        return episode;
    }

    private Task task(String episode, String kind) {
        return fhir.search().byUrl("Task?encounter=" + episode).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (Task) e.getResource())
                .filter(t -> t.getCode().getCodingFirstRep().getCode().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    /** sip-service opens the call-in task when the utskrivningsklar event reaches it; its id. */
    private static String awaitCallIn(String transitionTaskId) {
        JsonNode page = Awaitility.await("sip-service's call-in task for " + transitionTaskId)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get("/call-ins?transitionTaskId=" + transitionTaskId),
                        p -> p.path("callIns").size() == 1);
        return page.path("callIns").get(0).path("id").asText();
    }

    private static JsonNode callIn(String id) {
        return get("/call-ins/" + id);
    }

    private static JsonNode get(String path) {
        HttpResponse<String> r = STACK.sipService.send("GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OperationOutcome.OperationOutcomeIssueComponent refusal(Task t, String provenance, int status) {
        try {
            if (provenance == null) {
                fhir.update().resource(t).execute();
            } else {
                fhir.update()
                        .resource(t)
                        .withAdditionalHeader("X-Provenance", provenance)
                        .execute();
            }
        } catch (BaseServerResponseException e) {
            assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(status);
            return CarePlanIT.issue(e);
        }
        throw new AssertionError("the update was accepted");
    }

    private static String code(OperationOutcome.OperationOutcomeIssueComponent issue) {
        return issue.getDetails().getCodingFirstRep().getCode();
    }

    private static DateTimeType time(Instant at) {
        return new DateTimeType(
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").format(at.atOffset(ZoneOffset.ofHours(1))));
    }
}
