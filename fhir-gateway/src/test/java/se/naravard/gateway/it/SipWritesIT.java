package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.validation.Validations;

/**
 * A journal system (and a municipal nurse) writes SIPs through the gateway with HAPI's generic client,
 * each write one of sip-service's own commands: a SIP drawn up by transaction Bundle (CarePlan of
 * category sip, CareTeam, Goals, Consent) as one version, read back with its team and goals, or refused
 * by sip-service with nothing left behind; a single CarePlan
 * create, conditional; updates with If-Match (412 when stale, one change per update, activation);
 * the consent revoked; bad input refused naming the element, with nothing stored in sip-service.
 */
class SipWritesIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final String HSA = "http://electronichealth.se/identifier/hsaid";
    private static final String BASE = "https://naravard.se/fhir/";
    private static final String VC = TestSips.VC;
    private static final String HT = TestSips.HEMTJANST;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVENANCE =
            """
            {"resourceType":"Provenance","recorded":"2026-11-25T10:00:00Z","target":[{"reference":"CarePlan/x"}],
             "agent":[{"who":{"identifier":{"system":"%s","value":"SE2321000057-N001"}},
                       "onBehalfOf":{"identifier":{"system":"%s","value":"%s"}}}],
             "reason":[{"text":"Överens på SIP-mötet"}]}"""
                    .formatted(HSA, HSA, VC)
                    .replace("\n", "");

    private final IGenericClient fhir = STACK.client();

    @Test
    void a_sip_drawn_up_by_transaction_is_read_back_with_its_care_team_goals_and_consent() throws Exception {
        String pnr = "19450316-9817";

        Bundle response = fhir.transaction().withBundle(sipBundle(pnr, null)).execute();

        assertThat(response.getEntry())
                .extracting(e -> e.getResponse().getStatus())
                .containsOnly("201 Created");
        String planId = new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();
        assertThat(planId).startsWith("sip-");
        assertThat(new IdType(response.getEntry().get(4).getResponse().getLocation()).getIdPart())
                .isEqualTo(planId + "-c1");

        Bundle found = fhir.search()
                .byUrl("CarePlan?_id=" + planId + "&_include=CarePlan:care-team&_include=CarePlan:goal")
                .returnBundle(Bundle.class)
                .execute();
        CarePlan plan = (CarePlan) only(found, SearchEntryMode.MATCH, CarePlan.class);
        CareTeam team = (CareTeam) only(found, SearchEntryMode.INCLUDE, CareTeam.class);
        List<Goal> goals = found.getEntry().stream()
                .map(BundleEntryComponent::getResource)
                .filter(r -> r instanceof Goal)
                .map(r -> (Goal) r)
                .toList();
        Consent consent =
                fhir.read().resource(Consent.class).withId(planId + "-c1").execute();

        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.DRAFT);
        assertThat(plan.getActivity()).hasSize(1);
        assertThat(plan.getActivityFirstRep().getId()).isEqualTo("hemtjanst-1");
        assertThat(plan.getActivityFirstRep()
                        .getDetail()
                        .getPerformerFirstRep()
                        .getIdentifier()
                        .getValue())
                .isEqualTo(HT);
        assertThat(plan.getExtensionByUrl(BASE + "StructureDefinition/sip-overall-responsibility"))
                .isNotNull();
        assertThat(plan.getExtensionsByUrl(BASE + "StructureDefinition/sip-follow-up"))
                .hasSize(1);
        assertThat(team.getParticipant())
                .extracting(p -> p.getRoleFirstRep().getCodingFirstRep().getCode())
                .containsExactly("patient", "primary-care", "social-services", "narstaende");
        assertThat(goals)
                .extracting(g -> g.getDescription().getText())
                .containsExactly("Bo kvar hemma", "Klara morgonen själv");
        assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(consent.getProvision().getActor()).hasSize(2);
        for (Resource r : List.of(plan, team, goals.get(0), goals.get(1), consent)) {
            assertThat(Validations.errors("written SIP", r)).isEmpty();
        }

        JsonNode stored = sip(planId);
        assertThat(stored.path("participants")).hasSize(4);
        assertThat(stored.path("goals")).hasSize(2);
        assertThat(stored.path("interventions")
                        .get(0)
                        .path("responsiblePrincipal")
                        .asText())
                .isEqualTo("MUNICIPALITY");
        assertThat(stored.path("overallResponsibility").asText()).isEqualTo("MUNICIPALITY");
        assertThat(stored.path("consents").get(0).path("scope").path("participants"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("vc", "hemtjanst");
        assertThat(stored.path("followUps").get(0).path("by").asText()).isEqualTo("vc");
        assertThat(stored.path("created").path("actor").path("unit").asText()).isEqualTo(VC);
    }

    @Test
    void a_sip_drawn_up_by_transaction_is_one_version_and_one_refused_by_sip_service_leaves_no_sip() throws Exception {
        String pnr = "19460812-9823";
        // The journal system has a care relation with the person through a contract, so it may search them.
        fhir.create().resource(ContractWritesIT.plan(pnr.replace("-", ""))).execute();

        // Only sip-service's rules refuse this one: a follow-up in the past, by the närstående.
        Bundle refused = sipBundle(pnr, null);
        Extension followUp = ((CarePlan) refused.getEntryFirstRep().getResource())
                .getExtensionByUrl(BASE + "StructureDefinition/sip-follow-up");
        followUp.getExtensionByUrl("date")
                .setValue(
                        new DateType(LocalDate.now(ZoneOffset.UTC).minusDays(2).toString()));
        followUp.getExtensionByUrl("by")
                .setValue(new Reference().setType("RelatedPerson").setDisplay("Dora Dotter"));

        assertThatThrownBy(() -> fhir.transaction().withBundle(refused).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsExactlyInAnyOrder("SIP-026", "SIP-046");
                    assertThat(expressions(e)).containsOnly("Bundle.entry[0].resource.extension");
                    assertThat(codes(e)).doesNotContain("GATEWAY-165");
                });
        assertThat(sipsOf(pnr)).isZero();
        assertThat(sipSearch(pnr).getEntry()).isEmpty();

        Bundle response = fhir.transaction().withBundle(sipBundle(pnr, null)).execute();

        String planId = new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();
        assertThat(response.getEntry())
                .extracting(e -> e.getResponse().getEtag())
                .containsOnly("W/\"1\"");
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(planId).execute();
        assertThat(plan.getMeta().getVersionId()).isEqualTo("1");
        assertThat(plan.getActivity()).hasSize(1);
        assertThat(fhir.read()
                        .resource(Consent.class)
                        .withId(planId + "-c1")
                        .execute()
                        .getMeta()
                        .getVersionId())
                .isEqualTo("1");
        Bundle history = fhir.history()
                .onInstance(new IdType("CarePlan", planId))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(history.getEntry()).hasSize(1);
        assertThat(sipSearch(pnr).getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(planId);
    }

    /** The person's SIPs, searched through FHIR by their personnummer. */
    private Bundle sipSearch(String pnr) {
        return fhir.search()
                .byUrl("CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + pnr.replace("-", "")
                        + "&category=sip")
                .returnBundle(Bundle.class)
                .execute();
    }

    @Test
    void updates_need_the_current_version_make_one_command_each_and_activate_the_sip() throws Exception {
        String planId = draw("19450316-9825");
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(planId).execute();
        int version = Integer.parseInt(plan.getMeta().getVersionId());

        // A second intervention, by the health centre: one PUT of sip-service.
        CarePlan.CarePlanActivityComponent added = plan.addActivity();
        added.setId("hemsjukvard-1");
        added.getDetail()
                .setStatus(CarePlanActivityStatus.NOTSTARTED)
                .setDescription("Hemsjukvård, läkemedel")
                .addPerformer(org(VC))
                .addExtension(principal("region"));
        MethodOutcome changed = update(plan, version);
        CarePlan after = (CarePlan) changed.getResource();

        assertThat(after.getMeta().getVersionId()).isEqualTo(Integer.toString(version + 1));
        assertThat(after.getActivity()).extracting(a -> a.getId()).containsExactly("hemtjanst-1", "hemsjukvard-1");
        assertThat(sip(planId).path("interventions")).hasSize(2);

        // The same again, based on the version before: 412, nothing changed.
        CarePlan stale = fhir.read().resource(CarePlan.class).withId(planId).execute();
        stale.getExtensionByUrl(BASE + "StructureDefinition/sip-overall-responsibility")
                .setValue(
                        new CodeableConcept().addCoding(new Coding(BASE + "CodeSystem/sip-principal", "region", null)));
        assertThatThrownBy(() -> update(stale, version)).isInstanceOf(PreconditionFailedException.class);

        // Two changes in one update: 422 naming both, nothing changed.
        CarePlan two = fhir.read().resource(CarePlan.class).withId(planId).execute();
        two.getExtensionByUrl(BASE + "StructureDefinition/sip-overall-responsibility")
                .setValue(
                        new CodeableConcept().addCoding(new Coding(BASE + "CodeSystem/sip-principal", "region", null)));
        two.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        assertThatThrownBy(() -> update(two, version + 1))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsOnly("GATEWAY-163");
                    assertThat(expressions(e)).containsExactlyInAnyOrder("CarePlan.status", "CarePlan.extension");
                });
        assertThat(sip(planId).path("version").asInt()).isEqualTo(version + 1);

        // Activation: sip-service's rules hold (consent, both principals, responsibles, follow-up).
        CarePlan activate = fhir.read().resource(CarePlan.class).withId(planId).execute();
        activate.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        activate.addNote().setText("Överens på SIP-mötet");
        CarePlan active = (CarePlan) update(activate, version + 1).getResource();

        assertThat(active.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(active.getPeriod().hasStart()).isTrue();
        assertThat(sip(planId).path("status").path("code").asText()).isEqualTo("active");
        assertThat(sip(planId).path("lastChange").path("reason").asText()).isEqualTo("Överens på SIP-mötet");
        // Read after write through the gateway's cache.
        assertThat(fhir.read().resource(CarePlan.class).withId(planId).execute().getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        // Every write is in the access log: the person sees the journal system's changes in their extract.
        Bundle log = GatewayStack.client(STACK.gateway.fhirBase(), AuthorizationMatrixIT.citizen("194503169825"))
                .search()
                .byUrl("AuditEvent?patient=" + plan.getSubject().getReference() + "&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(log.getEntry())
                .extracting(e -> ((AuditEvent) e.getResource()).getAction())
                .contains(AuditEvent.AuditEventAction.U, AuditEvent.AuditEventAction.E);
    }

    @Test
    void a_participants_details_are_changed_by_an_update_of_the_care_team() throws Exception {
        String planId = draw("19460812-9831");
        CareTeam team = fhir.read().resource(CareTeam.class).withId(planId).execute();
        int version = Integer.parseInt(team.getMeta().getVersionId());
        CareTeam.CareTeamParticipantComponent daughter = team.getParticipant().stream()
                .filter(p -> "narstaende"
                        .equals(p.getRoleFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
        String daughterId = daughter.getId();
        daughter.getMember().setDisplay("Dora Berg (dotter)");

        // The change and a participant added in one update: two changes, 422 naming both, nothing changed.
        CareTeam two = team.copy();
        two.addParticipant()
                .addRole(new CodeableConcept()
                        .addCoding(new Coding(BASE + "CodeSystem/careteam-role", "narstaende", null))
                        .setText("son"))
                .setMember(new Reference().setType("RelatedPerson").setDisplay("Sven Son (son)"));
        assertThatThrownBy(() -> updateTeam(planId, two, version))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(codes(e))
                        .containsOnly("GATEWAY-163"));
        // A unit is not swapped for another under the same participant: sip-service's refusal, named.
        CareTeam otherUnit = fhir.read().resource(CareTeam.class).withId(planId).execute();
        otherUnit.getParticipant().stream()
                .filter(p -> "hemtjanst".equals(p.getId()))
                .findFirst()
                .orElseThrow()
                .getMember()
                .getIdentifier()
                .setValue("SE2120000530-HT99");
        assertThatThrownBy(() -> updateTeam(planId, otherUnit, version))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsOnly("SIP-089");
                    assertThat(expressions(e)).containsExactly("CareTeam.participant[2]");
                });
        assertThat(sip(planId).path("version").asInt()).isEqualTo(version);

        CareTeam after = (CareTeam) updateTeam(planId, team, version).getResource();

        assertThat(after.getMeta().getVersionId()).isEqualTo(Integer.toString(version + 1));
        assertThat(after.getParticipant()).hasSameSizeAs(team.getParticipant());
        assertThat(after.getParticipant().stream()
                        .filter(p -> daughterId.equals(p.getId()))
                        .findFirst()
                        .orElseThrow()
                        .getMember()
                        .getDisplay())
                .isEqualTo("Dora Berg (dotter)");
        assertThat(Validations.errors("changed care team", after)).isEmpty();
        JsonNode stored = sip(planId).path("participants");
        assertThat(stored).hasSize(4);
        assertThat(stored.get(3).path("id").asText()).isEqualTo(daughterId);
        assertThat(stored.get(3).path("name").asText()).isEqualTo("Dora Berg");
        assertThat(stored.get(3).path("relation").asText()).isEqualTo("dotter");

        // A unit's contact person changes the same way.
        CareTeam contact = after.copy();
        contact.getParticipant().stream()
                .filter(p -> "vc".equals(p.getId()))
                .findFirst()
                .orElseThrow()
                .getMember()
                .setDisplay("Olle Omvårdnad");
        updateTeam(planId, contact, version + 1);
        assertThat(sip(planId).path("participants").get(1).path("contactName").asText())
                .isEqualTo("Olle Omvårdnad");
    }

    private MethodOutcome updateTeam(String planId, CareTeam team, int version) {
        return fhir.update()
                .resource(team)
                .withId(planId)
                .withAdditionalHeader("If-Match", "W/\"" + version + "\"")
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute();
    }

    @Test
    void the_current_consent_is_revoked_by_an_update_to_inactive() throws Exception {
        String planId = draw("19511111-9839");
        Consent consent =
                fhir.read().resource(Consent.class).withId(planId + "-c1").execute();
        int version = Integer.parseInt(consent.getMeta().getVersionId());
        consent.setStatus(Consent.ConsentState.INACTIVE);

        assertThatThrownBy(() -> fhir.update()
                        .resource(consent)
                        .withId(planId + "-c1")
                        .withAdditionalHeader("If-Match", "W/\"" + (version - 1) + "\"")
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .isInstanceOf(PreconditionFailedException.class);
        MethodOutcome revoked = fhir.update()
                .resource(consent)
                .withId(planId + "-c1")
                .withAdditionalHeader("If-Match", "W/\"" + version + "\"")
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute();

        Consent after = (Consent) revoked.getResource();
        assertThat(after.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(after.getExtensionByUrl(BASE + "StructureDefinition/sip-consent-revocation"))
                .isNotNull();
        assertThat(Validations.errors("revoked consent", after)).isEmpty();
        assertThat(sip(planId).path("consents").get(0).has("revocation")).isTrue();
    }

    @Test
    void a_single_careplan_create_draws_up_a_sip_and_if_none_exist_finds_it_again() throws Exception {
        String pnr = "19620505-9840";
        CarePlan plan = (CarePlan) sipBundle(pnr, null).getEntryFirstRep().getResource();
        plan.getCareTeam().clear();
        plan.getGoal().clear();
        plan.getSupportingInfo().clear();
        plan.getExtension().removeIf(e -> e.getUrl().endsWith("sip-follow-up"));
        plan.getActivity().clear();

        MethodOutcome created = fhir.create().resource(plan).execute();
        MethodOutcome again = fhir.create()
                .resource(plan)
                .conditionalByUrl("CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + pnr.replace("-", "")
                        + "&category=sip")
                .execute();

        assertThat(created.getCreated()).isTrue();
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(created.getId().getIdPart());
        assertThat(sipsOf(pnr)).isEqualTo(1);
    }

    @Test
    void bad_input_is_refused_naming_the_element_and_nothing_is_stored() throws Exception {
        String pnr = "19330303-9857";

        Bundle unknownCode = sipBundle(pnr, null);
        ((CareTeam) unknownCode.getEntry().get(1).getResource())
                .getParticipant()
                .get(0)
                .getRoleFirstRep()
                .getCoding()
                .get(0)
                .setCode("astrology");
        Bundle badNumber = sipBundle(pnr, null);
        ((CarePlan) badNumber.getEntryFirstRep().getResource())
                .getSubject()
                .getIdentifier()
                .setValue("193303039858");
        Bundle wrongReference = sipBundle(pnr, null);
        ((Consent) wrongReference.getEntry().get(4).getResource())
                .getProvision()
                .addActor()
                .setRole(new CodeableConcept()
                        .addCoding(
                                new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                .setReference(new Reference().setDisplay("Någon okänd"));

        assertThatThrownBy(() -> fhir.transaction().withBundle(unknownCode).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsExactly("GATEWAY-161");
                    assertThat(expressions(e)).containsExactly("Bundle.entry[1].resource.participant[0].role");
                });
        assertThatThrownBy(() -> fhir.transaction().withBundle(badNumber).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(codes(e)).allMatch(c -> c.startsWith("ID-PNR-"));
                    assertThat(expressions(e)).containsExactly("Bundle.entry[0].resource.subject.identifier");
                });
        assertThatThrownBy(() -> fhir.transaction().withBundle(wrongReference).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsExactly("GATEWAY-162");
                    assertThat(expressions(e)).containsExactly("Bundle.entry[4].resource.provision.actor[2].reference");
                });
        assertThat(sipsOf(pnr)).isZero();
    }

    @Test
    void a_nurse_without_a_relation_to_the_sip_changes_nothing() throws Exception {
        String planId = draw("19450316-9833");
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(planId).execute();
        int version = Integer.parseInt(plan.getMeta().getVersionId());
        plan.getExtensionByUrl(BASE + "StructureDefinition/sip-overall-responsibility")
                .setValue(
                        new CodeableConcept().addCoding(new Coding(BASE + "CodeSystem/sip-principal", "region", null)));
        IGenericClient unrelated = GatewayStack.client(
                STACK.gateway.fhirBase(), staff("SE2120000530-N077", "SE2120000530-HT77", "kommun", "0680"));

        assertThatThrownBy(() -> unrelated
                        .update()
                        .resource(plan)
                        .withId(planId)
                        .withAdditionalHeader("If-Match", "W/\"" + version + "\"")
                        .execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(sip(planId).path("version").asInt()).isEqualTo(version);
    }

    @Test
    void a_meeting_is_planned_by_creating_an_appointment_and_only_by_those_the_sip_is_shared_with() throws Exception {
        String planId = draw("19620505-9832");
        String key = fhir.read()
                .resource(CarePlan.class)
                .withId(planId)
                .execute()
                .getSubject()
                .getReference();
        Appointment meeting = new Appointment()
                .setStatus(Appointment.AppointmentStatus.BOOKED)
                .setDescription("video")
                .setStartElement(new InstantType(java.util.Date.from(java.time.Instant.now()
                        .plus(java.time.Duration.ofDays(5))
                        .truncatedTo(ChronoUnit.SECONDS))))
                .setEndElement(new InstantType(java.util.Date.from(java.time.Instant.now()
                        .plus(java.time.Duration.ofDays(5))
                        .truncatedTo(ChronoUnit.SECONDS))))
                .addSupportingInformation(new Reference("CarePlan/" + planId));
        meeting.addIdentifier().setSystem(BASE + "sid/sip-meeting").setValue("sip-mote-1");
        meeting.addParticipant().setActor(new Reference(key)).setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        IGenericClient unrelated = GatewayStack.client(
                STACK.gateway.fhirBase(), staff("SE2321000057-N097", "SE2321000057-VC97", "region", null));

        assertThatThrownBy(() -> unrelated.create().resource(meeting).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        MethodOutcome created = fhir.create()
                .resource(meeting)
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute();

        Appointment stored = (Appointment) created.getResource();
        assertThat(created.getId().getIdPart()).isEqualTo(planId + "-m1");
        assertThat(stored.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(Validations.errors("planned meeting", stored)).isEmpty();
        JsonNode m = sip(planId).path("meetings").get(0);
        assertThat(m.path("id").asText()).isEqualTo("sip-mote-1");
        assertThat(m.path("placeOrMode").asText()).isEqualTo("video");
    }

    @Test
    void a_planned_meeting_is_recorded_as_held_by_an_update_to_fulfilled() throws Exception {
        String planId = draw("19470812-1233");
        String key = fhir.read()
                .resource(CarePlan.class)
                .withId(planId)
                .execute()
                .getSubject()
                .getReference();
        Appointment planned = new Appointment()
                .setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStartElement(new InstantType(java.util.Date.from(java.time.Instant.now()
                        .minus(java.time.Duration.ofHours(2))
                        .truncatedTo(ChronoUnit.SECONDS))))
                .setEndElement(new InstantType(java.util.Date.from(java.time.Instant.now()
                        .minus(java.time.Duration.ofHours(2))
                        .truncatedTo(ChronoUnit.SECONDS))))
                .addSupportingInformation(new Reference("CarePlan/" + planId));
        planned.addParticipant().setActor(new Reference(key)).setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        Appointment booked = (Appointment) fhir.create()
                .resource(planned)
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute()
                .getResource();
        int version = Integer.parseInt(booked.getMeta().getVersionId());

        // An attendee who is no participant of the SIP: 422 naming them, nothing recorded.
        Appointment stranger = heldBy(booked, org("SE2321000057-VC99"));
        assertThatThrownBy(() -> updateAppointment(planId + "-m1", stranger, version))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsOnly("GATEWAY-162");
                    assertThat(expressions(e)).containsExactly("Appointment.participant[1].actor");
                });
        // Another patient named: the access check refuses it (this SIP is not that patient's); no patient
        // named at all: 422 (access was checked on none). Nothing recorded either way.
        Appointment otherPatient = heldBy(booked, org(VC));
        otherPatient.getParticipantFirstRep().setActor(new Reference("Patient/" + AccessRulesIT.key("191212121212")));
        assertThatThrownBy(() -> updateAppointment(planId + "-m1", otherPatient, version))
                .isInstanceOf(ForbiddenOperationException.class);
        Appointment noPatient = heldBy(booked, org(VC));
        noPatient.getParticipant().remove(0);
        assertThatThrownBy(() -> updateAppointment(planId + "-m1", noPatient, version))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsOnly("GATEWAY-162");
                    assertThat(expressions(e)).containsExactly("Appointment.participant.actor");
                });
        assertThat(sip(planId).path("meetings").get(0).has("held")).isFalse();

        Appointment held = heldBy(booked, org(VC));
        assertThatThrownBy(() -> updateAppointment(planId + "-m1", held, version - 1))
                .isInstanceOf(PreconditionFailedException.class);
        Appointment after =
                (Appointment) updateAppointment(planId + "-m1", held, version).getResource();

        assertThat(after.getStatus()).isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        assertThat(after.getParticipant()).hasSize(2);
        assertThat(Validations.errors("held meeting", after)).isEmpty();
        JsonNode m = sip(planId).path("meetings").get(0);
        assertThat(m.path("held").path("attendees"))
                .extracting(JsonNode::asText)
                .contains("person");
        assertThat(m.path("held").path("at").asText()).isNotBlank();
        // Once held it stays so.
        Appointment again = (Appointment) after.copy();
        again.setStatus(Appointment.AppointmentStatus.CANCELLED);
        assertThatThrownBy(() -> updateAppointment(
                        planId + "-m1", again, Integer.parseInt(after.getMeta().getVersionId())))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(codes(e))
                        .containsOnly("GATEWAY-160"));
    }

    @Test
    void a_follow_up_result_is_recorded_by_an_update_of_the_careplan_once() throws Exception {
        String planId = draw("19530227-4567");
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(planId).execute();
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        CarePlan active = (CarePlan)
                update(plan, Integer.parseInt(plan.getMeta().getVersionId())).getResource();
        int version = Integer.parseInt(active.getMeta().getVersionId());

        CarePlan withResult = active.copy();
        withResult
                .getExtensionsByUrl(BASE + "StructureDefinition/sip-follow-up")
                .get(0)
                .addExtension("result", new org.hl7.fhir.r4.model.StringType("Målen nådda, hemtjänsten fortsätter"));
        CarePlan after = (CarePlan) update(withResult, version).getResource();

        Extension followUp = after.getExtensionsByUrl(BASE + "StructureDefinition/sip-follow-up")
                .get(0);
        assertThat(followUp.getExtensionByUrl("result").getValue().primitiveValue())
                .isEqualTo("Målen nådda, hemtjänsten fortsätter");
        assertThat(followUp.getExtensionByUrl("resultAt")).isNotNull();
        assertThat(Validations.errors("followed-up SIP", after)).isEmpty();
        assertThat(sip(planId)
                        .path("followUps")
                        .get(0)
                        .path("result")
                        .path("text")
                        .asText())
                .isEqualTo("Målen nådda, hemtjänsten fortsätter");

        // A result is recorded once: another text is 422, nothing changes.
        CarePlan rewrite = after.copy();
        rewrite.getExtensionsByUrl(BASE + "StructureDefinition/sip-follow-up")
                .get(0)
                .getExtensionByUrl("result")
                .setValue(new org.hl7.fhir.r4.model.StringType("Något annat"));
        assertThatThrownBy(() -> update(rewrite, version + 1))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsOnly("GATEWAY-160");
                    assertThat(expressions(e)).containsExactly("CarePlan.extension");
                });
        assertThat(sip(planId).path("version").asInt()).isEqualTo(version + 1);
    }

    @Test
    void a_new_consent_is_given_by_creating_a_consent_of_category_sip() throws Exception {
        String planId = draw("19581119-7895");
        Consent first =
                fhir.read().resource(Consent.class).withId(planId + "-c1").execute();
        assertThat(first.getProvision().getDataFirstRep().getReference().getReference())
                .isEqualTo("CarePlan/" + planId);

        // No SIP named: 422 naming provision.data, nothing stored.
        Consent unnamed = newConsent(first);
        unnamed.getProvision().getData().clear();
        assertThatThrownBy(() -> fhir.create()
                        .resource(unnamed)
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(codes(e)).containsOnly("GATEWAY-162");
                    assertThat(expressions(e)).containsExactly("Consent.provision.data");
                });
        assertThat(sip(planId).path("consents")).hasSize(1);

        MethodOutcome given = fhir.create()
                .resource(newConsent(first))
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute();

        Consent second = (Consent) given.getResource();
        assertThat(given.getId().getIdPart()).isEqualTo(planId + "-c2");
        assertThat(second.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(Validations.errors("second consent", second)).isEmpty();
        assertThat(sip(planId).path("consents")).hasSize(2);
        assertThat(fhir.read()
                        .resource(Consent.class)
                        .withId(planId + "-c1")
                        .execute()
                        .getStatus())
                .isEqualTo(Consent.ConsentState.INACTIVE); // superseded
    }

    /** A new consent like {@code like}: only the health centre may see the plan from now on. */
    private static Consent newConsent(Consent like) {
        Consent c = like.copy();
        c.setId((String) null);
        c.setMeta(null);
        c.setText(null);
        c.getProvision()
                .getActor()
                .removeIf(a -> !VC.equals(a.getReference().getIdentifier().getValue()));
        c.getProvision().setPeriod(null);
        c.setDateTimeElement(null);
        return c;
    }

    /** {@code booked} as held: fulfilled, the Patient and {@code attendee} accepted. */
    private static Appointment heldBy(Appointment booked, Reference attendee) {
        Appointment a = booked.copy();
        a.setStatus(Appointment.AppointmentStatus.FULFILLED);
        a.getParticipant().clear();
        a.addParticipant()
                .setActor(new Reference(booked.getParticipant().stream()
                        .filter(p -> p.getActor().getReference() != null
                                && p.getActor().getReference().startsWith("Patient/"))
                        .findFirst()
                        .orElseThrow()
                        .getActor()
                        .getReference()))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(attendee).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return a;
    }

    private MethodOutcome updateAppointment(String id, Appointment a, int version) {
        return fhir.update()
                .resource(a)
                .withId(id)
                .withAdditionalHeader("If-Match", "W/\"" + version + "\"")
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute();
    }

    // ---- helpers

    /** A SIP drawn up by transaction; its CarePlan id. */
    private String draw(String pnr) {
        Bundle response = fhir.transaction().withBundle(sipBundle(pnr, null)).execute();
        return new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();
    }

    private MethodOutcome update(CarePlan plan, int version) {
        return fhir.update()
                .resource(plan)
                .withId(plan.getIdElement().getIdPart())
                .withAdditionalHeader("If-Match", "W/\"" + version + "\"")
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .execute();
    }

    /**
     * A SIP as a journal system sends it: CarePlan (entry 0), CareTeam (1), two Goals (2, 3), Consent (4).
     */
    static Bundle sipBundle(String pnr, String ifNoneExist) {
        String plan = "urn:uuid:" + java.util.UUID.randomUUID();
        String team = "urn:uuid:" + java.util.UUID.randomUUID();
        String goal1 = "urn:uuid:" + java.util.UUID.randomUUID();
        String goal2 = "urn:uuid:" + java.util.UUID.randomUUID();
        String consent = "urn:uuid:" + java.util.UUID.randomUUID();
        Reference subject = new Reference()
                .setIdentifier(
                        new Identifier().setSystem(TestContracts.PNR_SYSTEM).setValue(pnr.replace("-", "")));

        CarePlan p = new CarePlan()
                .setStatus(CarePlan.CarePlanStatus.DRAFT)
                .setIntent(CarePlan.CarePlanIntent.PLAN)
                .setSubject(subject)
                .setAuthor(org(VC))
                .addContributor(new Reference()
                        .setType("Practitioner")
                        .setIdentifier(new Identifier().setSystem(HSA).setValue("SE2321000057-N001")));
        p.addCategory(new CodeableConcept().addCoding(new Coding(BASE + "CodeSystem/careplan-category", "sip", null)));
        p.addExtension(new Extension(BASE + "StructureDefinition/kommun", new CodeType("0680")));
        p.addExtension(new Extension(
                BASE + "StructureDefinition/sip-overall-responsibility",
                new CodeableConcept().addCoding(new Coding(BASE + "CodeSystem/sip-principal", "municipality", null))));
        Extension followUp = new Extension(BASE + "StructureDefinition/sip-follow-up");
        followUp.addExtension(
                "date", new DateType(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()));
        followUp.addExtension("by", org(VC));
        p.addExtension(followUp);
        p.addCareTeam(new Reference(team));
        p.addGoal(new Reference(goal1));
        p.addGoal(new Reference(goal2));
        p.addSupportingInfo(new Reference(consent));
        CarePlan.CarePlanActivityComponent activity = p.addActivity();
        activity.setId("hemtjanst-1");
        activity.getDetail()
                .setStatus(CarePlanActivityStatus.NOTSTARTED)
                .setDescription("Hemtjänst morgon och kväll")
                .setScheduled(new Period()
                        .setStartElement(new DateTimeType(
                                LocalDate.now(ZoneOffset.UTC).plusDays(7).toString())))
                .addPerformer(org(HT))
                .addExtension(principal("municipality"));

        CareTeam t = new CareTeam();
        t.addParticipant()
                .addRole(new CodeableConcept()
                        .addCoding(new Coding(BASE + "CodeSystem/sip-unit-role", "primary-care", null))
                        .addCoding(new Coding(BASE + "CodeSystem/sip-principal", "region", null)))
                .setMember(new Reference().setType("Practitioner").setDisplay("Sara Sjuksköterska"))
                .setOnBehalfOf(org(VC))
                .setId("vc");
        t.addParticipant()
                .addRole(new CodeableConcept()
                        .addCoding(new Coding(BASE + "CodeSystem/sip-unit-role", "social-services", null))
                        .addCoding(new Coding(BASE + "CodeSystem/sip-principal", "municipality", null)))
                .setMember(org(HT))
                .setId("hemtjanst");
        t.addParticipant()
                .addRole(new CodeableConcept()
                        .addCoding(new Coding(BASE + "CodeSystem/careteam-role", "narstaende", null))
                        .setText("dotter"))
                .setMember(new Reference().setType("RelatedPerson").setDisplay("Dora Dotter"));

        Goal g1 = goal(subject, "Bo kvar hemma");
        Goal g2 = goal(subject, "Klara morgonen själv");

        Consent c = new Consent()
                .setStatus(Consent.ConsentState.ACTIVE)
                .setScope(new CodeableConcept()
                        .addCoding(new Coding(
                                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)))
                .addCategory(new CodeableConcept().addCoding(new Coding("http://loinc.org", "59284-0", null)))
                .setPolicyRule(new CodeableConcept()
                        .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", null)))
                .setPatient(subject.copy());
        Consent.ProvisionComponent provision = c.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        provision.addCode(new CodeableConcept().setText("Hela planen"));
        for (String unit : List.of(VC, HT)) {
            provision
                    .addActor()
                    .setRole(new CodeableConcept()
                            .addCoding(new Coding(
                                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                    .setReference(org(unit));
        }

        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        BundleEntryComponent planEntry = b.addEntry().setFullUrl(plan).setResource(p);
        planEntry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("CarePlan");
        if (ifNoneExist != null) {
            planEntry.getRequest().setIfNoneExist(ifNoneExist);
        }
        b.addEntry()
                .setFullUrl(team)
                .setResource(t)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("CareTeam");
        b.addEntry()
                .setFullUrl(goal1)
                .setResource(g1)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Goal");
        b.addEntry()
                .setFullUrl(goal2)
                .setResource(g2)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Goal");
        b.addEntry()
                .setFullUrl(consent)
                .setResource(c)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Consent");
        return b;
    }

    private static Goal goal(Reference subject, String text) {
        return new Goal()
                .setLifecycleStatus(Goal.GoalLifecycleStatus.PROPOSED)
                .setDescription(new CodeableConcept().setText(text))
                .setSubject(subject.copy());
    }

    private static Reference org(String hsaId) {
        return new Reference()
                .setType("Organization")
                .setIdentifier(new Identifier().setSystem(HSA).setValue(hsaId));
    }

    private static Extension principal(String code) {
        return new Extension(
                BASE + "StructureDefinition/sip-responsible-principal",
                new CodeableConcept().addCoding(new Coding(BASE + "CodeSystem/sip-principal", code, null)));
    }

    private static Resource only(Bundle b, SearchEntryMode mode, Class<? extends Resource> type) {
        List<Resource> found = b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == mode && type.isInstance(e.getResource()))
                .map(BundleEntryComponent::getResource)
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> codes(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome())
                .getIssue().stream()
                        .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                        .map(i -> i.getDetails().getCodingFirstRep().getCode())
                        .toList();
    }

    private static List<String> expressions(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome())
                .getIssue().stream()
                        .flatMap(i -> i.getExpression().stream())
                        .map(s -> s.getValue())
                        .toList();
    }

    /** The SIP as sip-service holds it. */
    private static JsonNode sip(String planId) throws Exception {
        var r = STACK.sipService.send("GET", "/sips/" + planId.substring("sip-".length()), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int sipsOf(String pnr) throws Exception {
        var r = STACK.sipService.send("POST", "/sips/search", "{\"person\":\"" + pnr + "\",\"limit\":100}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("sips").size();
    }

    private static String staff(String hsaId, String unit, String orgType, String kommun) {
        Map<String, Object> claims = AccessRulesIT.staff(hsaId, unit, orgType, kommun);
        claims.put("scope", "user/*.cruds");
        return TestTokens.token(claims);
    }
}
