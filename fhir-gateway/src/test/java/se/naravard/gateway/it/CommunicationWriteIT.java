package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * A journal system records a care transition through the gateway with HAPI's generic client: the
 * admission with its inskrivningsmeddelande, the next messages, a kvittens; reads them back by id
 * (Communication, Task); retries, conditional creates and refusals as OperationOutcomes naming the
 * element. Against the real transition-service of the {@link GatewayStack}.
 */
class CommunicationWriteIT {

    static final String LUS_MESSAGE = "https://naravard.se/fhir/sid/lus-message";
    static final String TYPE = "https://naravard.se/fhir/CodeSystem/lus-message-type";
    static final String HSA = "http://electronichealth.se/identifier/hsaid";
    static final String EXT = "https://naravard.se/fhir/StructureDefinition/";
    static final String PNR = "http://electronichealth.se/identifier/personnummer";
    /** A test personnummer of no other IT (its episodes are this class's only). */
    static final String PATIENT = "197408232390";

    private static final java.util.concurrent.atomic.AtomicInteger ADMISSIONS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final GatewayStack STACK = GatewayStack.get();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final IGenericClient fhir = STACK.client();
    /** Jönköping's documentation system: the addressee hemtjänsten's kvittenser come from it. */
    private final IGenericClient kommun = GatewayStack.client(
            STACK.gateway.fhirBase(),
            TestTokens.token(java.util.Map.of(
                    "sub", "jonkoping-system",
                    "scope", "system/*.cruds",
                    "hsa_id", "SE2120000530-SYS1",
                    "org_type", "kommun",
                    "kommun", "0680")));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_care_transition_is_recorded_as_communications_and_read_back_by_id() {
        Communication notice = admission(nextAdmission(), UUID.randomUUID().toString());

        MethodOutcome created = fhir.create().resource(notice).execute();

        Communication stored = (Communication) created.getResource();
        String noticeId = stored.getIdElement().getIdPart();
        String episode = stored.getEncounter().getReferenceElement().getIdPart();
        assertThat(noticeId).isEqualTo(notice.getIdentifierFirstRep().getValue());
        assertThat(created.getId().getIdPart()).isEqualTo(noticeId);
        Encounter enc = fhir.read().resource(Encounter.class).withId(episode).execute();
        assertThat(enc.getServiceProvider().getIdentifier().getValue()).isEqualTo(TestEpisodes.HOSPITAL);
        assertThat(enc.getSubject().getReference())
                .isEqualTo(stored.getSubject().getReference());

        fhir.create()
                .resource(message("planeringsunderlag", episode, ago(Duration.ofMinutes(90))))
                .execute();
        Communication klar = message("utskrivningsklar", episode, ago(Duration.ofMinutes(80)));
        fhir.create().resource(klar).execute();
        assertThat(refusal(receipt(noticeId, TestEpisodes.MUNICIPAL, ago(Duration.ofMinutes(70))), 403)
                        .getExpression()
                        .get(0)
                        .getValue())
                .as("the region's system gives no kvittens for the kommun's unit")
                .isEqualTo("Communication.sender");
        kommun.create()
                .resource(receipt(noticeId, TestEpisodes.MUNICIPAL, ago(Duration.ofMinutes(70))))
                .execute();

        Communication read =
                fhir.read().resource(Communication.class).withId(noticeId).execute();
        assertThat(read.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("inskrivningsmeddelande");
        assertThat(read.getExtensionsByUrl(EXT + "lus-receipt")).hasSize(1);
        Communication readKlar = fhir.read()
                .resource(Communication.class)
                .withId(klar.getIdentifierFirstRep().getValue())
                .execute();
        assertThat(readKlar.getEncounter().getReference()).isEqualTo("Encounter/" + episode);
        Bundle tasks = fhir.search()
                .byUrl("Task?encounter=" + episode)
                .returnBundle(Bundle.class)
                .execute();
        Task sipCallIn = tasks.getEntry().stream()
                .map(e -> (Task) e.getResource())
                .filter(t -> t.getCode().getCodingFirstRep().getCode().equals("sip-call-in"))
                .findFirst()
                .orElseThrow();
        Task task = fhir.read()
                .resource(Task.class)
                .withId(sipCallIn.getIdElement().getIdPart())
                .execute();
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
        assertThat(task.getFocus().getReference())
                .isEqualTo("Communication/" + klar.getIdentifierFirstRep().getValue());
        assertThat(fhir.read()
                        .resource(Encounter.class)
                        .withId(episode)
                        .execute()
                        .getStatus())
                .isEqualTo(Encounter.EncounterStatus.INPROGRESS);
    }

    @Test
    void a_retry_is_200_with_the_same_communication_and_writes_nothing() throws Exception {
        String episode = admitted();
        Communication m = message("planeringsunderlag", episode, ago(Duration.ofMinutes(60)));
        String id = m.getIdentifierFirstRep().getValue();

        HttpResponse<String> first = post(m, null);
        HttpResponse<String> again = post(m, null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Location").orElse("")).contains("Communication/" + id);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(FHIR.newJsonParser()
                        .parseResource(Communication.class, again.body())
                        .getIdElement()
                        .getIdPart())
                .isEqualTo(id);
        assertThat(version(episode)).isEqualTo("3");
    }

    @Test
    void a_conditional_create_that_finds_the_message_is_200_and_writes_nothing() throws Exception {
        String episode = admitted();
        Communication m = message("planeringsunderlag", episode, ago(Duration.ofMinutes(60)));
        String id = m.getIdentifierFirstRep().getValue();
        assertThat(post(m, null).statusCode()).isEqualTo(201);
        String before = version(episode);
        Communication other = message("utskrivningsklar", episode, ago(Duration.ofMinutes(30)));
        other.getIdentifierFirstRep().setValue(id);

        HttpResponse<String> hit = post(other, "identifier=" + LUS_MESSAGE + "%7C" + id);

        assertThat(hit.statusCode()).as(hit.body()).isEqualTo(200);
        assertThat(FHIR.newJsonParser()
                        .parseResource(Communication.class, hit.body())
                        .getCategoryFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("planeringsunderlag");
        assertThat(version(episode)).isEqualTo(before);
    }

    @Test
    void a_conditional_create_that_finds_nothing_creates() throws Exception {
        String episode = admitted();
        Communication m = message("planeringsunderlag", episode, ago(Duration.ofMinutes(60)));
        String id = m.getIdentifierFirstRep().getValue();

        HttpResponse<String> created = post(m, "identifier=" + LUS_MESSAGE + "%7C" + id);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(fhir.read()
                        .resource(Communication.class)
                        .withId(id)
                        .execute()
                        .getIdElement()
                        .getIdPart())
                .isEqualTo(id);
    }

    @Test
    void the_same_id_with_other_content_is_409() throws Exception {
        String episode = admitted();
        Communication m = message("planeringsunderlag", episode, ago(Duration.ofMinutes(60)));
        assertThat(post(m, null).statusCode()).isEqualTo(201);
        m.setSentElement(time(ago(Duration.ofMinutes(30))));

        assertThat(refusal(m, 409)).satisfies(issue -> {
            assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Communication.identifier");
            assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("TRANSITION-307");
        });
    }

    @Test
    void an_invalid_personnummer_is_422_naming_the_subject_without_repeating_it() {
        Communication notice = admission(nextAdmission(), UUID.randomUUID().toString());
        notice.getSubject().getIdentifier().setValue("197408232391");

        OperationOutcome.OperationOutcomeIssueComponent issue = refusal(notice, 422);

        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Communication.subject.identifier");
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).startsWith("ID-PNR-");
        assertThat(issue.getDiagnostics()).doesNotContain("2391");
    }

    @Test
    void an_unknown_message_type_is_422_naming_the_category() {
        Communication m = message("telegram", admitted(), ago(Duration.ofHours(1)));

        assertThat(refusal(m, 422).getExpression().get(0).getValue()).isEqualTo("Communication.category");
    }

    @Test
    void an_encounter_that_does_not_exist_is_422_naming_the_encounter() {
        Communication m = message("planeringsunderlag", UUID.randomUUID().toString(), ago(Duration.ofHours(1)));

        assertThat(refusal(m, 422).getExpression().get(0).getValue()).isEqualTo("Communication.encounter");
    }

    @Test
    void a_refusal_of_transition_service_names_the_element_it_came_from() {
        Communication m = message("utskrivningsklar", admitted(), ago(Duration.ofDays(2)));

        OperationOutcome.OperationOutcomeIssueComponent issue = refusal(m, 422);

        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("TRANSITION-305");
        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Communication.sent");
    }

    @Test
    void a_kvittens_of_an_unknown_message_is_422_naming_in_response_to() {
        Communication r = receipt(UUID.randomUUID().toString(), TestEpisodes.MUNICIPAL, ago(Duration.ofMinutes(5)));

        assertThat(refusal(kommun, r, 422).getExpression().get(0).getValue()).isEqualTo("Communication.inResponseTo");
    }

    @Test
    void unknown_communications_and_tasks_are_404() {
        assertThatThrownBy(() -> fhir.read()
                        .resource(Communication.class)
                        .withId(UUID.randomUUID().toString())
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fhir.read().resource(Task.class).withId("nope").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_stopped_transition_service_is_503() {
        try (GatewayInstance alone = GatewayInstance.start(STACK.contractService.baseUri())) {
            IGenericClient client = GatewayStack.client(alone.fhirBase());
            Communication m = message("planeringsunderlag", UUID.randomUUID().toString(), ago(Duration.ofHours(1)));

            assertThatThrownBy(() -> client.create().resource(m).execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(503);
                        assertThat(CarePlanIT.issue(e)
                                        .getDetails()
                                        .getCodingFirstRep()
                                        .getCode())
                                .isEqualTo("GATEWAY-020");
                    });
        }
    }

    /**
     * A new episode of PATIENT with its inskrivningsmeddelande (version 2). Everything lies within the
     * last 3 hours, inside the 4-hour receipt window, so the deadline clock adds no version meanwhile.
     */
    private String admitted() {
        Communication notice = admission(nextAdmission(), UUID.randomUUID().toString());
        Communication stored =
                (Communication) fhir.create().resource(notice).execute().getResource();
        return stored.getEncounter().getReferenceElement().getIdPart();
    }

    /**
     * An admission time no other call of this class uses (the gateway takes an admission at the same
     * unit and time as a retry of the same one): about 3 hours ago, a second later for each call.
     */
    private static Instant nextAdmission() {
        return ago(Duration.ofHours(3).minusSeconds(ADMISSIONS.incrementAndGet()));
    }

    /** An inskrivningsmeddelande that records the admission at {@code admitted} (a contained Encounter). */
    static Communication admission(Instant admitted, String id) {
        return admission(admitted, id, PATIENT);
    }

    /** The same for {@code patient} (a personnummer of 12 digits). */
    static Communication admission(Instant admitted, String id, String patient) {
        Communication c = message("inskrivningsmeddelande", null, admitted.plus(Duration.ofMinutes(20)));
        c.getIdentifierFirstRep().setValue(id);
        c.setSubject(
                new Reference().setIdentifier(new Identifier().setSystem(PNR).setValue(patient)));
        Encounter e = new Encounter();
        e.setId("admission");
        e.setStatus(Encounter.EncounterStatus.INPROGRESS);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
        e.setPeriod(new Period().setStartElement(time(admitted)));
        e.setServiceProvider(organization(TestEpisodes.HOSPITAL));
        e.addExtension(EXT + "kommun", new CodeType("0680"));
        e.addExtension(EXT + "lus-physician-assessed-at", time(admitted.plus(Duration.ofMinutes(10))));
        e.addExtension(EXT + "lus-needs-both-principals", new BooleanType(true));
        e.addExtension(EXT + "lus-may-need-help-after-discharge", new BooleanType(true));
        c.addContained(e);
        c.setEncounter(new Reference("#admission"));
        return c;
    }

    /** A LUS message of {@code type} to the municipal and the primary-care unit, for {@code episode}. */
    static Communication message(String type, String episode, Instant sent) {
        Communication c = new Communication();
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addIdentifier(new Identifier()
                .setSystem(LUS_MESSAGE)
                .setValue(UUID.randomUUID().toString()));
        c.addCategory(new CodeableConcept().addCoding(new Coding(TYPE, type, null)));
        if (episode != null) {
            c.setEncounter(new Reference("Encounter/" + episode));
        }
        c.setSentElement(time(sent));
        c.setSender(organization(TestEpisodes.HOSPITAL));
        Reference municipal = organization(TestEpisodes.MUNICIPAL);
        municipal.addExtension(EXT + "lus-addressee-kind", new CodeType("municipal"));
        municipal.addExtension(EXT + "kommun", new CodeType("0680"));
        Reference primary = organization(TestEpisodes.PRIMARY);
        primary.addExtension(EXT + "lus-addressee-kind", new CodeType("primary-care"));
        c.addRecipient(municipal);
        c.addRecipient(primary);
        return c;
    }

    /** A kvittens (ok, automatic) of {@code messageId} from {@code unit}. */
    static Communication receipt(String messageId, String unit, Instant at) {
        Communication c = new Communication();
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addInResponseTo(new Reference("Communication/" + messageId));
        c.setSender(organization(unit));
        c.setSentElement(time(at));
        Extension ext = c.addExtension().setUrl(EXT + "lus-receipt");
        ext.addExtension("status", new CodeType("ok"));
        ext.addExtension("kind", new CodeType("automatic"));
        return c;
    }

    private static Reference organization(String hsaId) {
        return new Reference()
                .setType("Organization")
                .setIdentifier(new Identifier().setSystem(HSA).setValue(hsaId));
    }

    private static DateTimeType time(Instant at) {
        return new DateTimeType(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
                .format(at.atOffset(ZoneOffset.ofHours(1))));
    }

    static Instant ago(Duration d) {
        return Instant.now().minus(d).truncatedTo(ChronoUnit.SECONDS);
    }

    private OperationOutcome.OperationOutcomeIssueComponent refusal(Communication c, int status) {
        return refusal(fhir, c, status);
    }

    private static OperationOutcome.OperationOutcomeIssueComponent refusal(
            IGenericClient client, Communication c, int status) {
        try {
            client.create().resource(c).execute();
        } catch (BaseServerResponseException e) {
            assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(status);
            return CarePlanIT.issue(e);
        }
        throw new AssertionError("expected " + status);
    }

    private HttpResponse<String> post(Communication c, String ifNoneExist) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + "/Communication"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + TestTokens.journalSystem())
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(c)));
        if (ifNoneExist != null) {
            request.header("If-None-Exist", ifNoneExist);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String version(String episode) {
        return fhir.read()
                .resource(Encounter.class)
                .withId(episode)
                .execute()
                .getMeta()
                .getVersionId();
    }
}
