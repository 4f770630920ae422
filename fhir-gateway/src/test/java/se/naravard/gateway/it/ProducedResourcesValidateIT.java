package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.validation.Validations;

/**
 * Every resource the gateway serves for the test contracts (each status, all four parts, every
 * version, the search Bundles and the error OperationOutcomes) and for the test episodes (every
 * status and version of the Encounter, all messages and deadline tasks searched and read by id, their
 * search Bundles, refused creates) and for the test SIPs (every version of the CarePlan, the CareTeam,
 * Goals, Consents and Appointments, the search Bundles with includes) validates against base R4 offline
 * with no ERROR or FATAL issue. Warnings are printed.
 */
class ProducedResourcesValidateIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    @Test
    void every_resource_served_validates_against_base_r4() {
        List<IBaseResource> served = new ArrayList<>();
        for (Map.Entry<String, String> contract : STACK.contracts.ids.entrySet()) {
            String id = contract.getValue();
            Bundle history = fhir.history()
                    .onInstance(new IdType("CarePlan", id))
                    .returnBundle(Bundle.class)
                    .execute();
            history.getEntry().forEach(e -> served.add(e.getResource()));
            CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();
            CareTeam team = fhir.read().resource(CareTeam.class).withId(id).execute();
            served.add(team);
            for (Reference goal : plan.getGoal()) {
                served.add(fhir.read()
                        .resource(org.hl7.fhir.r4.model.Goal.class)
                        .withId(goal.getReferenceElement().getIdPart())
                        .execute());
            }
            served.add(fhir.read()
                    .resource(Patient.class)
                    .withId(plan.getSubject().getReferenceElement().getIdPart())
                    .execute());
            served.add(fhir.search()
                    .forResource(CarePlan.class)
                    .where(CarePlan.PATIENT.hasId(plan.getSubject().getReference()))
                    .include(CarePlan.INCLUDE_CARE_TEAM)
                    .include(CarePlan.INCLUDE_GOAL)
                    .returnBundle(Bundle.class)
                    .execute());
        }
        for (String episode : STACK.episodes.ids.values()) {
            Encounter enc =
                    fhir.read().resource(Encounter.class).withId(episode).execute();
            served.add(enc);
            for (int v = 1; v <= Integer.parseInt(enc.getMeta().getVersionId()); v++) {
                served.add(fhir.read()
                        .resource(Encounter.class)
                        .withIdAndVersion(episode, Integer.toString(v))
                        .execute());
            }
            Bundle messages = fhir.search()
                    .byUrl("Communication?encounter=" + episode + "&_include=Communication:encounter")
                    .returnBundle(Bundle.class)
                    .execute();
            served.add(messages);
            messages.getEntry().forEach(e -> served.add(e.getResource()));
            messages.getEntry().stream()
                    .filter(e -> e.getResource() instanceof Communication)
                    .forEach(e -> served.add(fhir.read()
                            .resource(Communication.class)
                            .withId(e.getResource().getIdElement().getIdPart())
                            .execute()));
            Bundle tasks = fhir.search()
                    .byUrl("Task?encounter=" + episode)
                    .returnBundle(Bundle.class)
                    .execute();
            served.add(tasks);
            tasks.getEntry().forEach(e -> served.add(e.getResource()));
            tasks.getEntry()
                    .forEach(e -> served.add(fhir.read()
                            .resource(Task.class)
                            .withId(e.getResource().getIdElement().getIdPart())
                            .execute()));
            served.add(fhir.search()
                    .byUrl("Encounter?patient=" + enc.getSubject().getReference())
                    .returnBundle(Bundle.class)
                    .execute());
        }
        for (String sip : STACK.sips.ids.values()) {
            served.addAll(sipResources("sip-" + sip));
        }
        served.add(outcomeOf(() -> fhir.read()
                .resource(CarePlan.class)
                .withId("sip-00000000-0000-4000-8000-000000000000")
                .execute()));
        served.add(outcomeOf(() -> fhir.search()
                .byUrl("Consent?foo=bar")
                .returnBundle(Bundle.class)
                .execute()));
        served.add(outcomeOf(
                () -> fhir.read().resource(Encounter.class).withId("nope").execute()));
        served.add(outcomeOf(() ->
                fhir.search().byUrl("Task?foo=bar").returnBundle(Bundle.class).execute()));
        served.add(outcomeOf(
                () -> fhir.read().resource(CarePlan.class).withId("nope").execute()));
        served.add(outcomeOf(
                () -> fhir.read().resource(Communication.class).withId("nope").execute()));
        served.add(outcomeOf(() -> fhir.create()
                .resource(CommunicationWriteIT.message(
                        "telegram", STACK.episodes.ids.get("admitted"), java.time.Instant.now()))
                .execute()));
        served.add(outcomeOf(() -> fhir.create()
                .resource(CommunicationWriteIT.message(
                        "planeringsunderlag",
                        STACK.episodes.ids.get("admitted"),
                        java.time.Instant.parse("2020-01-01T00:00:00Z")))
                .execute()));
        served.add(outcomeOf(() -> fhir.search()
                .byUrl("CarePlan?foo=bar")
                .returnBundle(Bundle.class)
                .execute()));

        List<String> errors = new ArrayList<>();
        for (IBaseResource r : served) {
            errors.addAll(
                    Validations.errors(r.fhirType() + "/" + r.getIdElement().getIdPart(), r));
        }

        System.out.println("[validator] " + served.size() + " resources validated, " + errors.size() + " errors");
        assertThat(served).hasSizeGreaterThan(80);
        assertThat(errors).isEmpty();
    }

    /** Every version of the SIP's CarePlan, its CareTeam, Goals, Consents, Appointments and searches. */
    private List<IBaseResource> sipResources(String id) {
        List<IBaseResource> served = new ArrayList<>();
        fhir.history()
                .onInstance(new IdType("CarePlan", id))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .forEach(e -> served.add(e.getResource()));
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();
        served.add(fhir.read().resource(CareTeam.class).withId(id).execute());
        for (Reference goal : plan.getGoal()) {
            served.add(fhir.read()
                    .resource(org.hl7.fhir.r4.model.Goal.class)
                    .withId(goal.getReferenceElement().getIdPart())
                    .execute());
        }
        for (Reference consent : plan.getSupportingInfo()) {
            served.add(fhir.read()
                    .resource(org.hl7.fhir.r4.model.Consent.class)
                    .withId(consent.getReferenceElement().getIdPart())
                    .execute());
        }
        plan.getActivity().stream()
                .filter(a -> a.hasReference())
                .forEach(a -> served.add(fhir.read()
                        .resource(org.hl7.fhir.r4.model.Appointment.class)
                        .withId(a.getReference().getReferenceElement().getIdPart())
                        .execute()));
        String patient = plan.getSubject().getReference();
        served.add(fhir.read()
                .resource(Patient.class)
                .withId(plan.getSubject().getReferenceElement().getIdPart())
                .execute());
        served.add(fhir.search()
                .byUrl("CarePlan?patient=" + patient + "&_include=CarePlan:care-team&_include=CarePlan:goal")
                .returnBundle(Bundle.class)
                .execute());
        served.add(fhir.search()
                .byUrl("Consent?patient=" + patient)
                .returnBundle(Bundle.class)
                .execute());
        served.add(fhir.search()
                .byUrl("Appointment?patient=" + patient)
                .returnBundle(Bundle.class)
                .execute());
        return served;
    }

    private static IBaseResource outcomeOf(Runnable call) {
        try {
            call.run();
        } catch (BaseServerResponseException e) {
            return e.getOperationOutcome();
        }
        throw new AssertionError("expected an error");
    }

    @Test
    void the_follow_up_measures_and_reports_served_validate_against_base_r4() {
        Map<String, Object> claims = AccessRulesIT.staff("SE2321000057-A001", "SE2321000057-ANA1", "region", null);
        claims.put("roles", List.of("analyst"));
        claims.put("scope", "user/Measure.rs user/MeasureReport.rs");
        IGenericClient analyst = GatewayStack.client(STACK.gateway.fhirBase(), TestTokens.token(claims));
        String month =
                java.time.YearMonth.now(java.time.ZoneId.of("Europe/Stockholm")).toString();
        List<IBaseResource> served = new ArrayList<>();
        served.add(analyst.search().byUrl("Measure").returnBundle(Bundle.class).execute());
        served.add(analyst.search()
                .byUrl("MeasureReport?period=" + month)
                .returnBundle(Bundle.class)
                .execute());
        List<String> errors = new ArrayList<>();
        for (IBaseResource r : served) {
            errors.addAll(Validations.errors(r.fhirType() + " follow-up", r));
        }
        assertThat(errors).isEmpty();
    }
}
