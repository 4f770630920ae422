package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.validation.Validations;

/** A journal system sends a patient contract as one transaction Bundle: CarePlan, CareTeam, Goals. */
class TransactionIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final String HSA = "http://electronichealth.se/identifier/hsaid";
    private static final String ROLE = "https://naravard.se/fhir/CodeSystem/careteam-role";
    private final IGenericClient fhir = STACK.client();

    @Test
    void a_transaction_bundle_creates_one_contract_with_all_four_parts() {
        Bundle response =
                fhir.transaction().withBundle(contract("19810107-9294")).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry())
                .extracting(e -> e.getResponse().getStatus())
                .containsOnly("201 Created");
        String location = response.getEntryFirstRep().getResponse().getLocation();
        String id = new IdType(location).getIdPart();
        assertThat(location).startsWith("CarePlan/").endsWith("/_history/1");
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();
        CareTeam team = fhir.read().resource(CareTeam.class).withId(id).execute();
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.DRAFT);
        assertThat(plan.getGoal()).hasSize(2);
        assertThat(plan.getActivity())
                .extracting(a -> a.getDetail().getDescription())
                .containsExactly("Promenad varje dag", "Uppföljande besök");
        assertThat(team.getParticipant())
                .extracting(p -> p.getRoleFirstRep().getCodingFirstRep().getCode())
                .containsExactly("patient", "fast-vardkontakt", "fast-lakarkontakt");
        List<String> errors = new ArrayList<>();
        response.getEntry().forEach(e -> errors.addAll(Validations.errors("created", e.getResource())));
        assertThat(errors).isEmpty();
    }

    @Test
    void prefer_return_minimal_leaves_the_resources_out() {
        Bundle response = fhir.transaction()
                .withBundle(contract("19810107-9294"))
                .withAdditionalHeader("Prefer", "return=minimal")
                .execute();

        assertThat(response.getEntry()).allSatisfy(e -> {
            assertThat(e.getResource()).isNull();
            assertThat(e.getResponse().getEtag()).isEqualTo("W/\"1\"");
        });
    }

    @Test
    void an_invalid_personnummer_is_400_at_the_subject_identifier_and_nothing_is_created() {
        Bundle bundle = contract("19810107-9295");

        assertThatThrownBy(() -> fhir.transaction().withBundle(bundle).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                                CarePlanIT.issue(e).getExpression().get(0).getValue())
                        .isEqualTo("Bundle.entry[0].resource.subject.identifier"));
    }

    @Test
    void a_refusal_of_contract_service_names_the_fhir_element() {
        Bundle bundle = contract("19810107-9294");
        // Valid R4 (the gateway's validator lets it through), but over contract-service's 2,000 characters.
        ((Goal) bundle.getEntry().get(2).getResource()).getDescription().setText("mål ".repeat(600));

        assertThatThrownBy(() -> fhir.transaction().withBundle(bundle).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                                CarePlanIT.issue(e).getExpression().get(0).getValue())
                        .isEqualTo("Goal.description.text"));
    }

    @Test
    void an_oversized_body_is_413_unread_whether_its_length_is_declared_or_chunked() throws Exception {
        String pnr = "194601072376"; // no contract anywhere in the tests
        Bundle bundle = contract("19460107-2376");
        ((CarePlan) bundle.getEntryFirstRep().getResource()).setDescription("x".repeat(1_100_000));
        byte[] body = ca.uhn.fhir.context.FhirContext.forR4Cached()
                .newJsonParser()
                .encodeResourceToString(bundle)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create(STACK.gateway.fhirBase());

        for (java.net.http.HttpRequest.BodyPublisher publisher : List.of(
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(body),
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))) {
            java.net.http.HttpResponse<String> r = http.send(
                    java.net.http.HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/fhir+json")
                            .header("Authorization", "Bearer " + TestTokens.journalSystem())
                            .POST(publisher)
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(413);
            org.hl7.fhir.r4.model.OperationOutcome oo = ca.uhn.fhir.context.FhirContext.forR4Cached()
                    .newJsonParser()
                    .parseResource(org.hl7.fhir.r4.model.OperationOutcome.class, r.body());
            assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                    .isEqualTo("GATEWAY-005");
            assertThat(oo.getIssueFirstRep().getLocation().get(0).getValue()).isEqualTo("http.Content-Length");
        }
        // Asked of contract-service itself: through the gateway, a patient nothing names is a 403 (no care
        // relation), which would not tell "nothing stored" from "stored for someone else".
        String key = STACK.gateway
                .context()
                .getBean(se.naravard.gateway.fhir.PatientResolver.class)
                .keyOf(TestContracts.PNR_SYSTEM, pnr.replace("-", ""));
        java.net.http.HttpResponse<String> stored =
                STACK.contractService.send("GET", "/contracts?patientKey=" + key, null);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains("\"contracts\":[]");
    }

    private static Bundle contract(String personnummer) {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        CarePlan plan = new CarePlan()
                .setStatus(CarePlan.CarePlanStatus.DRAFT)
                .setIntent(CarePlan.CarePlanIntent.PLAN)
                .setSubject(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(TestContracts.PNR_SYSTEM)
                                .setValue(personnummer)))
                .setAuthor(org(TestContracts.UNIT))
                .addContributor(new Reference()
                        .setType("Practitioner")
                        .setIdentifier(new Identifier().setSystem(HSA).setValue(TestContracts.NURSE)))
                .setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01")))
                .addCareTeam(new Reference("urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000002"))
                .addGoal(new Reference("urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000003"))
                .addGoal(new Reference("urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000004"));
        plan.addExtension("https://naravard.se/fhir/StructureDefinition/kommun", new CodeType("0680"));
        plan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription("Promenad varje dag")
                .addPerformer(new Reference().setType("Patient"));
        plan.addActivity()
                .getDetail()
                .setKind(CarePlan.CarePlanActivityKind.APPOINTMENT)
                .setStatus(CarePlan.CarePlanActivityStatus.SCHEDULED)
                .setDescription("Uppföljande besök")
                .setScheduled(new Period().setStartElement(new DateTimeType("2026-12-01")))
                .addPerformer(org(TestContracts.UNIT).setDisplay("Sara"));
        CareTeam team = new CareTeam()
                .addTelecom(new ContactPoint()
                        .setSystem(ContactPoint.ContactPointSystem.PHONE)
                        .setValue("036-100001"))
                .addTelecom(new ContactPoint()
                        .setSystem(ContactPoint.ContactPointSystem.OTHER)
                        .setValue("1177"))
                .addManagingOrganization(org("SE2321000057-VC00"));
        team.addParticipant()
                .addRole(role("fast-vardkontakt", "sjuksköterska"))
                .setMember(practitioner(TestContracts.NURSE, "Sara Sjuksköterska"))
                .setOnBehalfOf(org(TestContracts.UNIT))
                .setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01")));
        team.addParticipant()
                .addRole(role("fast-lakarkontakt", null))
                .setMember(practitioner("SE2321000057-L001", "Lars Läkare"))
                .setOnBehalfOf(org(TestContracts.UNIT))
                .setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01")));
        add(b, "urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000001", plan, "CarePlan");
        add(b, "urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000002", team, "CareTeam");
        add(b, "urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000003", goal("Kunna gå till affären själv"), "Goal");
        add(b, "urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000004", goal("Bo kvar hemma"), "Goal");
        return b;
    }

    private static Goal goal(String text) {
        return new Goal()
                .setLifecycleStatus(Goal.GoalLifecycleStatus.PROPOSED)
                .setDescription(new CodeableConcept().setText(text))
                .setSubject(new Reference("urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000005"));
    }

    private static void add(Bundle b, String fullUrl, org.hl7.fhir.r4.model.Resource r, String type) {
        b.addEntry()
                .setFullUrl(fullUrl)
                .setResource(r)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(type);
    }

    private static Reference org(String hsaId) {
        return new Reference()
                .setType("Organization")
                .setIdentifier(new Identifier().setSystem(HSA).setValue(hsaId));
    }

    private static Reference practitioner(String hsaId, String name) {
        return new Reference()
                .setType("Practitioner")
                .setIdentifier(new Identifier().setSystem(HSA).setValue(hsaId))
                .setDisplay(name);
    }

    private static CodeableConcept role(String code, String profession) {
        return new CodeableConcept().addCoding(new Coding(ROLE, code, null)).setText(profession);
    }
}
