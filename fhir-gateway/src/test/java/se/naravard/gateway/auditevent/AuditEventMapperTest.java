package se.naravard.gateway.auditevent;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.gateway.auditevent.AuditRecords.OTHER_KEY;
import static se.naravard.gateway.auditevent.AuditRecords.TOLVAN_KEY;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.audit.AccessRecord;
import se.naravard.gateway.validation.Validations;

class AuditEventMapperTest {

    @Test
    void a_staff_read_names_the_user_the_unit_the_patient_and_the_resource_per_balp() {
        AuditEvent e = AuditEventMapper.toAuditEvent(AuditRecords.staffRead());

        assertThat(e.getIdElement().getIdPart()).isEqualTo("6f1c1d3e-2b7a-4c55-9a1e-3f1c2d3e4f50");
        assertThat(e.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
        assertThat(e.getType().getCode()).isEqualTo("rest");
        assertThat(e.getSubtypeFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
        assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(e.getAction()).isEqualTo(AuditEventAction.R);
        assertThat(e.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(e.getRecorded().toInstant()).isEqualTo("2026-11-25T09:00:00Z");
        AuditEventAgentComponent user = e.getAgent().get(0);
        assertThat(user.getRequestor()).isTrue();
        assertThat(user.getWho().getType()).isEqualTo("Practitioner");
        assertThat(user.getWho().getIdentifier().getSystem()).isEqualTo("http://electronichealth.se/identifier/hsaid");
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("SE2321000057-N001");
        assertThat(user.getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
        AuditEventAgentComponent unit = e.getAgent().get(1);
        assertThat(unit.getRequestor()).isFalse();
        assertThat(unit.getWho().getType()).isEqualTo("Organization");
        assertThat(unit.getWho().getIdentifier().getValue()).isEqualTo(AuditRecords.UNIT);
        assertThat(e.getEntity())
                .extracting(x -> x.getWhat().getReference(), x -> x.getRole().getCode())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Patient/" + TOLVAN_KEY, "1"),
                        org.assertj.core.groups.Tuple.tuple("CarePlan/0b9e4c1a-1111-4c55-9a1e-3f1c2d3e4f50", "4"));
        assertThat(e.getMeta().getTag()).isEmpty();
        assertThat(e.getText().getDiv().allText())
                .contains("2026-11-25 10:00:00")
                .contains("SE2321000057-N001")
                .contains("vid enhet SE2321000057-VC01")
                .contains("läste CarePlan");
    }

    @Test
    void a_search_keeps_only_the_parameter_names_as_its_query() {
        AuditEvent e = AuditEventMapper.toAuditEvent(
                AuditRecords.with(AuditRecords.staffRead(), "search", null, "category,patient.identifier"));

        assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
        assertThat(e.getAction()).isEqualTo(AuditEventAction.E);
        AuditEventEntityComponent query = e.getEntity().get(1);
        assertThat(query.getRole().getCode()).isEqualTo("24");
        assertThat(new String(query.getQuery(), StandardCharsets.UTF_8)).isEqualTo("category,patient.identifier");
        assertThat(query.hasWhat()).isFalse();
    }

    @Test
    void outcomes_and_actions_map_to_balp_codes() {
        assertThat(AuditEventMapper.outcome(AccessRecord.SUCCESS)).isEqualTo(AuditEventOutcome._0);
        assertThat(AuditEventMapper.outcome(AccessRecord.DENIED)).isEqualTo(AuditEventOutcome._4);
        assertThat(AuditEventMapper.outcome(AccessRecord.FAILED)).isEqualTo(AuditEventOutcome._8);
        assertThat(AuditEventMapper.action("create")).isEqualTo(AuditEventAction.C);
        assertThat(AuditEventMapper.action("update")).isEqualTo(AuditEventAction.U);
        assertThat(AuditEventMapper.action("transaction")).isEqualTo(AuditEventAction.E);
        assertThat(AuditEventMapper.action("vread")).isEqualTo(AuditEventAction.R);
        AccessRecord history = AuditRecords.with(AuditRecords.staffRead(), "history", "x", null);
        assertThat(AuditEventMapper.interaction(history)).isEqualTo("history-instance");
    }

    @Test
    void declared_emergency_access_is_etreat_with_its_reason_and_tagged_for_review() {
        AuditEvent e = AuditEventMapper.toAuditEvent(
                AuditRecords.emergency(AuditRecords.staffRead(), "Medvetslös patient på akuten"));

        assertThat(e.getMeta().getTag()).singleElement().satisfies(t -> {
            assertThat(t.getSystem()).isEqualTo("https://naravard.se/fhir/CodeSystem/access-review");
            assertThat(t.getCode()).isEqualTo("emergency");
        });
        assertThat(e.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
        assertThat(e.getPurposeOfEventFirstRep().getText()).isEqualTo("Medvetslös patient på akuten");
        assertThat(e.getAgent()
                        .get(0)
                        .getPurposeOfUseFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("ETREAT");
        assertThat(e.getText().getDiv().allText()).contains("nödåtkomst").doesNotContain("Medvetslös");
    }

    @Test
    void the_citizen_who_looked_at_their_own_data_is_their_patient() {
        AuditEvent e = AuditEventMapper.toAuditEvent(AuditRecords.citizen(TOLVAN_KEY, TOLVAN_KEY, "success", 200));

        assertThat(e.getAgentFirstRep().getWho().getReference()).isEqualTo("Patient/" + TOLVAN_KEY);
        assertThat(e.getText().getDiv().allText()).contains("du själv");
    }

    @Test
    void another_citizen_who_tried_is_shown_without_naming_them() {
        AuditEvent e = AuditEventMapper.toAuditEvent(AuditRecords.citizen(OTHER_KEY, TOLVAN_KEY, "denied", 403));

        String json =
                ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e);
        assertThat(json).doesNotContain(OTHER_KEY).contains(TOLVAN_KEY);
        assertThat(e.getAgentFirstRep().hasWho()).isFalse();
        assertThat(e.getAgentFirstRep().getName()).isEqualTo("en annan privatperson");
        assertThat(e.getOutcome()).isEqualTo(AuditEventOutcome._4);
    }

    @Test
    void every_kind_of_row_validates_against_r4_with_no_error() {
        AccessRecord read = AuditRecords.staffRead();
        List<AccessRecord> rows = List.of(
                read,
                AuditRecords.with(read, "search", null, "_count,patient"),
                AuditRecords.with(read, "search", null, null),
                AuditRecords.with(read, "transaction", null, null),
                AuditRecords.with(read, "history", null, null),
                AuditRecords.emergency(read, "Nödläge"),
                AuditRecords.citizen(TOLVAN_KEY, TOLVAN_KEY, "success", 200),
                AuditRecords.citizen(OTHER_KEY, TOLVAN_KEY, "denied", 403),
                AuditRecords.citizen(TOLVAN_KEY, null, "failed", 404));
        for (AccessRecord r : rows) {
            assertThat(Validations.errors(r.action() + "/" + r.actorKind(), AuditEventMapper.toAuditEvent(r)))
                    .isEmpty();
        }
        AuditEvent broken = AuditEventMapper.toAuditEvent(read);
        broken.setRecorded(null);
        assertThat(Validations.errors("without recorded", broken)).isNotEmpty(); // the check can fail
    }
}
