package se.naravard.gateway.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.EpisodeFixtures;
import se.naravard.gateway.communication.CommunicationCommands.Receipt;
import se.naravard.gateway.communication.CommunicationCommands.Send;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.gateway.transition.TransitionDocs.Message;

class CommunicationCommandsTest {

    static final String MESSAGE_ID = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
    static final String PNR = "http://electronichealth.se/identifier/personnummer";

    @Test
    void a_communication_as_the_mapper_writes_it_becomes_the_message_it_was_made_from() {
        Episode e = EpisodeFixtures.episode("utskrivningsklar");
        for (Message m : e.messagesOrEmpty()) {
            Communication c = CommunicationMapper.toCommunication(e, m, "0123456789abcdef0123456789abcdef");
            c.setId((String) null);

            Send send = (Send) CommunicationCommands.of(c, null);

            JsonNode sent = send.message();
            assertThat(send.episodeId()).isEqualTo(EpisodeFixtures.EPISODE);
            assertThat(send.patientKey()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(send.messageId()).isEqualTo(m.id());
            assertThat(sent.get("id").asText()).isEqualTo(m.id());
            assertThat(sent.get("type").asText()).isEqualTo(m.type());
            assertThat(Instant.parse(m.sentAt()))
                    .isEqualTo(java.time.OffsetDateTime.parse(sent.get("sentAt").asText())
                            .toInstant());
            assertThat(sent.get("sender").asText()).isEqualTo(m.sender());
            assertThat(sent.get("addressees")).hasSize(m.addresseesOrEmpty().size());
            for (int i = 0; i < m.addresseesOrEmpty().size(); i++) {
                var a = m.addresseesOrEmpty().get(i);
                assertThat(sent.get("addressees").get(i).get("unit").asText()).isEqualTo(a.unit());
                assertThat(sent.get("addressees").get(i).get("kind").asText()).isEqualTo(a.kind());
                assertThat(sent.get("addressees").get(i).path("kommun").asText(null))
                        .isEqualTo(a.kommun());
            }
            assertThat(sent.path("refersTo").asText(null)).isEqualTo(m.refersTo());
            assertThat(sent.get("actor").get("unit").asText()).isEqualTo(m.sender());
        }
    }

    @Test
    void an_inskrivningsmeddelande_with_a_contained_encounter_records_the_admission_first() {
        Communication c = message("inskrivningsmeddelande");
        c.setSubject(
                new Reference().setIdentifier(new Identifier().setSystem(PNR).setValue("191212121212")));
        Encounter admission = new Encounter();
        admission.setId("admission");
        admission.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-22T08:40:00+01:00")));
        admission.addExtension(Systems.EXT_KOMMUN, new CodeType("0680"));
        admission.addExtension(Systems.EXT_PHYSICIAN_ASSESSED, new DateTimeType("2026-11-22T10:10:00+01:00"));
        admission.addExtension(Systems.EXT_EXPECTED_DISCHARGE, new DateType("2026-11-27"));
        admission.addExtension(Systems.EXT_NEEDS_BOTH_PRINCIPALS, new BooleanType(true));
        c.addContained(admission);
        c.setEncounter(new Reference("#admission"));

        Send send = (Send) CommunicationCommands.of(c, null);

        assertThat(send.episodeId()).isNull();
        assertThat(send.patient().value()).isEqualTo("191212121212");
        JsonNode a = send.admission();
        assertThat(a.get("patient").asText()).isEqualTo("191212121212");
        assertThat(a.get("admittingUnit").asText()).isEqualTo(EpisodeFixtures.HOSPITAL);
        assertThat(a.get("kommun").asText()).isEqualTo("0680");
        assertThat(a.get("admittedAt").asText()).isEqualTo("2026-11-22T08:40:00+01:00");
        assertThat(a.get("physicianAssessedAt").asText()).isEqualTo("2026-11-22T10:10:00+01:00");
        assertThat(a.get("expectedDischargeDate").asText()).isEqualTo("2026-11-27");
        assertThat(a.get("needsBothPrincipals").asBoolean()).isTrue();
        assertThat(a.get("mayNeedHelpAfterDischarge").asBoolean()).isFalse();
        assertThat(a.has("admissionKind")).as("no priority: unknown, not said").isFalse();
        assertThat(send.message().get("type").asText()).isEqualTo("inskrivningsmeddelande");
    }

    @Test
    void the_admissions_priority_says_unplanned_or_planned_and_another_priority_is_refused() {
        assertThat(admissionKindOf("EM")).isEqualTo("unplanned");
        assertThat(admissionKindOf("R")).isEqualTo("planned");
        assertThat(admissionKindOf("EL")).isEqualTo("planned");

        Communication urgent = admissionWithPriority(
                new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActPriority", "UR", null)));
        Communication textOnly = admissionWithPriority(new CodeableConcept().setText("akut"));

        for (Communication c : List.of(urgent, textOnly)) {
            List<OperationOutcomeIssueComponent> issues = refusal(c);
            assertThat(issues)
                    .extracting(this::expression)
                    .containsExactly("Communication.contained.ofType(Encounter).priority");
            assertThat(issues.get(0).getDetails().getCodingFirstRep().getCode()).isEqualTo("GATEWAY-170");
        }
        assertThat(CommunicationPointers.expression("/admissionKind", "TRANSITION-406"))
                .isEqualTo("Communication.contained.ofType(Encounter).priority");
    }

    /** The admissionKind a contained Encounter with the ActPriority {@code code} (as the gateway serves it) gives. */
    private static String admissionKindOf(String code) {
        Communication c = admissionWithPriority(
                new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActPriority", code, null)));
        return ((Send) CommunicationCommands.of(c, null))
                .admission()
                .get("admissionKind")
                .asText();
    }

    private static Communication admissionWithPriority(CodeableConcept priority) {
        Communication c = message("inskrivningsmeddelande");
        c.setSubject(
                new Reference().setIdentifier(new Identifier().setSystem(PNR).setValue("191212121212")));
        Encounter admission = new Encounter();
        admission.setId("admission");
        admission.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-22T08:40:00+01:00")));
        admission.addExtension(Systems.EXT_KOMMUN, new CodeType("0680"));
        admission.addExtension(Systems.EXT_PHYSICIAN_ASSESSED, new DateTimeType("2026-11-22T10:10:00+01:00"));
        admission.setPriority(priority);
        c.addContained(admission);
        c.setEncounter(new Reference("#admission"));
        return c;
    }

    @Test
    void a_communication_answering_a_message_without_a_type_of_its_own_is_a_kvittens() {
        Communication c = new Communication();
        c.addInResponseTo(new Reference("Communication/" + MESSAGE_ID));
        c.setSender(References.organization(EpisodeFixtures.PRIMARY, null));
        c.setSentElement(new DateTimeType("2026-11-22T11:06:12+01:00"));
        Extension receipt = c.addExtension().setUrl(Systems.EXT_RECEIPT);
        receipt.addExtension("status", new CodeType("fatal-error"));
        receipt.addExtension("reason", new StringType("Okänd mottagare"));

        Receipt r = (Receipt) CommunicationCommands.of(c, null);

        assertThat(r.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(r.receipt().get("addressee").asText()).isEqualTo(EpisodeFixtures.PRIMARY);
        assertThat(r.receipt().get("status").asText()).isEqualTo("fatal-error");
        assertThat(r.receipt().get("reason").asText()).isEqualTo("Okänd mottagare");
        assertThat(r.receipt().get("kind").asText()).isEqualTo("application");
        assertThat(r.receipt().get("at").asText()).isEqualTo("2026-11-22T11:06:12+01:00");
    }

    @Test
    void a_kvittens_without_a_status_is_ok() {
        Communication c = new Communication();
        c.addCategory(new CodeableConcept().addCoding(new Coding(Systems.LUS_MESSAGE_TYPE, "kvittens", null)));
        c.addInResponseTo(new Reference("Communication/" + MESSAGE_ID));
        c.setSender(References.organization(EpisodeFixtures.MUNICIPAL, null));

        Receipt r = (Receipt) CommunicationCommands.of(c, null);

        assertThat(r.receipt().get("status").asText()).isEqualTo("ok");
        assertThat(r.receipt().has("at")).isFalse();
    }

    @Test
    void an_unknown_message_type_is_refused_naming_the_category() {
        Communication c = message("telegram");

        assertThat(refusal(c)).extracting(this::expression).containsExactly("Communication.category");
        assertThat(refusal(c).get(0).getDiagnostics()).contains("utskrivningsklar", "kvittens");
    }

    @Test
    void a_communication_without_a_category_or_an_answered_message_is_refused() {
        Communication c = message("utskrivningsklar");
        c.getCategory().clear();

        List<OperationOutcomeIssueComponent> issues = refusal(c);

        assertThat(issues).extracting(this::expression).containsExactly("Communication.category");
        assertThat(issues.get(0).getDetails().getCodingFirstRep().getCode()).isEqualTo("GATEWAY-032");
    }

    @Test
    void an_invalid_personnummer_is_refused_naming_the_subject_without_repeating_it() {
        Communication c = message("planeringsunderlag");
        c.setSubject(
                new Reference().setIdentifier(new Identifier().setSystem(PNR).setValue("191212121213")));

        List<OperationOutcomeIssueComponent> issues = refusal(c);

        assertThat(issues).extracting(this::expression).containsExactly("Communication.subject.identifier");
        assertThat(issues.get(0).getDetails().getCodingFirstRep().getCode()).startsWith("ID-PNR-");
        assertThat(issues.get(0).getDiagnostics()).doesNotContain("121213");
    }

    @Test
    void every_fault_is_named_at_once() {
        Communication c = message("utskrivningsklar");
        c.setEncounter(new Reference("Patient/0123456789abcdef0123456789abcdef"));
        c.addInResponseTo(new Reference("Communication/" + MESSAGE_ID));
        c.getIdentifierFirstRep().setValue("not-a-uuid");

        assertThat(refusal(c))
                .extracting(this::expression)
                .containsExactlyInAnyOrder(
                        "Communication.identifier", "Communication.inResponseTo", "Communication.encounter");
    }

    @Test
    void a_message_without_an_encounter_is_refused_and_only_an_inskrivningsmeddelande_may_admit() {
        Communication none = message("utskrivningsklar");
        none.setEncounter(null);
        Communication contained = message("utskrivningsklar");
        Encounter admission = new Encounter();
        admission.setId("adm");
        contained.addContained(admission);
        contained.setEncounter(new Reference("#adm"));

        assertThat(refusal(none)).extracting(this::expression).containsExactly("Communication.encounter");
        assertThat(refusal(contained))
                .extracting(this::expression)
                .containsExactly("Communication.encounter", "Communication.subject.identifier");
    }

    @Test
    void a_message_id_comes_from_the_identifier_else_from_if_none_exist_else_it_is_new() {
        Communication withId = message("planeringsunderlag");
        Communication withoutId = message("planeringsunderlag");
        withoutId.getIdentifier().clear();

        assertThat(((Send) CommunicationCommands.of(withId, null)).messageId()).isEqualTo(MESSAGE_ID);
        assertThat(((Send) CommunicationCommands.of(withoutId, MESSAGE_ID)).messageId())
                .isEqualTo(MESSAGE_ID);
        assertThat(((Send) CommunicationCommands.of(withoutId, null)).messageId())
                .matches("[0-9a-f-]{36}")
                .isNotEqualTo(MESSAGE_ID);
    }

    @Test
    void the_services_pointers_name_the_communication_elements() {
        assertThat(CommunicationPointers.expression("/type", "TRANSITION-406")).isEqualTo("Communication.category");
        assertThat(CommunicationPointers.expression("/id", "TRANSITION-401")).isEqualTo("Communication.encounter");
        assertThat(CommunicationPointers.expression("/messageId", "TRANSITION-408"))
                .isEqualTo("Communication.inResponseTo");
        assertThat(CommunicationPointers.expression("/id", "TRANSITION-307")).isEqualTo("Communication.identifier");
        assertThat(CommunicationPointers.expression("/addressees/1/kommun", "TRANSITION-304"))
                .isEqualTo("Communication.recipient[1].extension('" + Systems.EXT_KOMMUN + "')");
        assertThat(CommunicationPointers.expression("/addressees/0/unit", "ID-HSA-002"))
                .isEqualTo("Communication.recipient[0].identifier");
        assertThat(CommunicationPointers.expression("/actor/person", "ID-HSA-002"))
                .isEqualTo("Communication.sender");
        assertThat(CommunicationPointers.expression("/admittedAt", "TRANSITION-405"))
                .isEqualTo("Communication.contained.ofType(Encounter).period.start");
        assertThat(CommunicationPointers.expression("/nothing", "X")).isNull();
    }

    @Test
    void if_none_exist_must_name_the_lus_message_id() {
        assertThat(CommunicationProvider.conditionalMessageId(
                        "Communication?identifier=" + Systems.LUS_MESSAGE_ID + "%7C" + MESSAGE_ID))
                .isEqualTo(MESSAGE_ID);
        assertThat(CommunicationProvider.conditionalMessageId(
                        "identifier=" + Systems.LUS_MESSAGE_ID + "|" + MESSAGE_ID))
                .isEqualTo(MESSAGE_ID);
        assertThatThrownBy(() -> CommunicationProvider.conditionalMessageId("status=completed"))
                .isInstanceOfSatisfying(
                        ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class,
                        e -> assertThat(((OperationOutcome) e.getOperationOutcome())
                                        .getIssueFirstRep()
                                        .getLocation()
                                        .get(0)
                                        .getValue())
                                .isEqualTo("http.If-None-Exist"));
    }

    /** A planeringsunderlag-like message of {@code type} to the municipal unit, for episode EPISODE. */
    private static Communication message(String type) {
        Communication c = new Communication();
        c.addIdentifier(new Identifier().setSystem(Systems.LUS_MESSAGE_ID).setValue(MESSAGE_ID));
        c.addCategory(new CodeableConcept().addCoding(new Coding(Systems.LUS_MESSAGE_TYPE, type, null)));
        c.setEncounter(new Reference("Encounter/" + EpisodeFixtures.EPISODE));
        c.setSentElement(new DateTimeType("2026-11-22T11:05:00+01:00"));
        c.setSender(References.organization(EpisodeFixtures.HOSPITAL, null));
        Reference to = References.organization(EpisodeFixtures.MUNICIPAL, null);
        to.addExtension(Systems.EXT_ADDRESSEE_KIND, new CodeType("municipal"));
        to.addExtension(Systems.EXT_KOMMUN, new CodeType("0680"));
        c.addRecipient(to);
        return c;
    }

    private static List<OperationOutcomeIssueComponent> refusal(Communication c) {
        try {
            CommunicationCommands.of(c, null);
        } catch (UnprocessableEntityException e) {
            assertThat(e.getStatusCode()).isEqualTo(422);
            return ((OperationOutcome) e.getOperationOutcome()).getIssue();
        }
        throw new AssertionError("expected a 422");
    }

    private String expression(OperationOutcomeIssueComponent issue) {
        return issue.getExpression().get(0).getValue();
    }
}
