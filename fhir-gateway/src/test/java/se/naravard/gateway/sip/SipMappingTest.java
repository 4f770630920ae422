package se.naravard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.naravard.gateway.SipFixtures;
import se.naravard.gateway.appointment.AppointmentMapper;
import se.naravard.gateway.consent.ConsentMapper;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.validation.Validations;

/** A SIP as CarePlan, CareTeam, Goals, Consents and Appointments; every one validates against base R4. */
class SipMappingTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"draft", "active", "completed", "cancelled", "entered-in-error"})
    void every_resource_mapped_from_a_sip_validates_against_base_r4_without_errors(String status) {
        List<String> errors = new ArrayList<>();
        for (Sip s : List.of(
                SipFixtures.sip(status, false, false),
                SipFixtures.sip(status, true, false),
                SipFixtures.sip(status, false, true),
                SipFixtures.sip(status, true, true))) {
            for (IBaseResource r : all(s)) {
                errors.addAll(Validations.errors(
                        status + " " + r.fhirType() + "/" + r.getIdElement().getIdPart(), r));
            }
        }

        assertThat(errors).isEmpty();
    }

    @Test
    void a_bare_draft_validates_and_has_no_goals_consents_or_meetings() {
        Sip s = SipFixtures.draft();

        List<IBaseResource> resources = all(s);

        assertThat(resources).hasSize(2);
        List<String> errors = new ArrayList<>();
        resources.forEach(r -> errors.addAll(Validations.errors("draft " + r.fhirType(), r)));
        assertThat(errors).isEmpty();
    }

    @Test
    void the_plan_is_category_sip_with_interventions_meetings_and_overall_responsibility() {
        CarePlan plan = SipCarePlanMapper.toCarePlan(SipFixtures.sip("cancelled", false, false), KEY);

        assertThat(plan.getIdElement().getIdPart()).isEqualTo("sip-" + SipFixtures.SIP);
        assertThat(plan.getMeta().getVersionId()).isEqualTo("9");
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(plan.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo(Systems.SIP);
        assertThat(plan.getCareTeamFirstRep().getReference()).isEqualTo("CareTeam/sip-" + SipFixtures.SIP);
        assertThat(plan.getGoal())
                .extracting(r -> r.getReference())
                .containsExactly("Goal/sip-" + SipFixtures.SIP + "-g1", "Goal/sip-" + SipFixtures.SIP + "-g2");
        assertThat(plan.getActivity())
                .filteredOn(a -> a.hasDetail())
                .extracting(a -> a.getDetail().getStatus().toCode())
                .containsExactly("not-started", "in-progress", "completed", "stopped");
        assertThat(plan.getActivity()
                        .get(0)
                        .getDetail()
                        .getPerformerFirstRep()
                        .getIdentifier()
                        .getValue())
                .isEqualTo(SipFixtures.HEMTJANST);
        assertThat(plan.getActivity()).filteredOn(a -> a.hasReference()).hasSize(2);
        assertThat(((org.hl7.fhir.r4.model.CodeableConcept)
                                plan.getExtensionByUrl(Systems.EXT_SIP_OVERALL_RESPONSIBILITY)
                                        .getValue())
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("municipality");
        assertThat(plan.getExtensionsByUrl(Systems.EXT_SIP_FOLLOW_UP)).hasSize(2);
        assertThat(plan.getSupportingInfo()).hasSize(2);
    }

    @Test
    void the_care_team_holds_the_person_narstaende_units_and_other_parties() {
        CareTeam team = SipCareTeamMapper.toCareTeam(SipFixtures.sip("active", false, false), KEY);

        assertThat(team.getStatus()).isEqualTo(CareTeam.CareTeamStatus.ACTIVE);
        assertThat(team.getParticipant())
                .extracting(p -> p.getRoleFirstRep().getCodingFirstRep().getCode())
                .containsExactly("patient", "narstaende", "primary-care", "social-services", "kontakt");
        assertThat(team.getParticipant().get(2).getOnBehalfOf().getIdentifier().getValue())
                .isEqualTo(SipFixtures.VC);
        assertThat(team.getParticipant().get(3).getMember().getIdentifier().getValue())
                .isEqualTo(SipFixtures.HEMTJANST);
    }

    @Test
    void only_the_current_unrevoked_consent_is_active_and_a_revocation_is_visible() {
        Sip given = SipFixtures.sip("active", false, false);
        Sip revoked = SipFixtures.sip("active", true, true);

        List<Consent> now = ConsentMapper.toConsents(given, KEY, NOW);
        List<Consent> after = ConsentMapper.toConsents(revoked, KEY, NOW);

        assertThat(now).extracting(c -> c.getStatus().toCode()).containsExactly("inactive", "active");
        assertThat(after).extracting(c -> c.getStatus().toCode()).containsExactly("inactive", "inactive");
        assertThat(now.get(1).getIdElement().getIdPart()).isEqualTo("sip-" + SipFixtures.SIP + "-c2");
        assertThat(now.get(1).getPerformerFirstRep().getReference()).isEqualTo("Patient/" + KEY);
        assertThat(after.get(1).getPerformerFirstRep().getDisplay()).isEqualTo("Greta Godman (god man)");
        assertThat(after.get(1)
                        .getExtensionByUrl(Systems.EXT_SIP_CONSENT_REVOCATION)
                        .getExtensionByUrl("at")
                        .getValue()
                        .primitiveValue())
                .startsWith("2026-11-24T12:00:00");
        assertThat(now.get(1).getProvision().getActor()).hasSize(5);
        assertThat(ConsentMapper.toConsents(given, KEY, Instant.parse("2027-12-01T00:00:00Z")))
                .extracting(c -> c.getStatus().toCode())
                .containsExactly("inactive", "active");
    }

    @Test
    void a_held_meeting_is_a_fulfilled_appointment_with_its_attendees_and_a_planned_one_is_booked() {
        List<Appointment> meetings = AppointmentMapper.toAppointments(SipFixtures.sip("active", false, false), KEY);

        assertThat(meetings).extracting(a -> a.getStatus().toCode()).containsExactly("fulfilled", "booked");
        assertThat(meetings.get(0).getParticipant()).hasSize(4);
        assertThat(meetings.get(0).getParticipant())
                .allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(Appointment.ParticipationStatus.ACCEPTED));
        assertThat(meetings.get(0).getIdentifierFirstRep().getValue()).isEqualTo("m1");
        assertThat(meetings.get(1).getParticipant()).hasSize(5);
        assertThat(meetings.get(1).getDescription()).isEqualTo("hemma hos personen");
    }

    @Test
    void ids_of_entries_carry_kind_and_position() {
        assertThat(SipIds.entryOf("sip-" + SipFixtures.SIP + "-g2", SipIds.GOAL))
                .isEqualTo(new SipIds.Entry(SipFixtures.SIP, 'g', 2));
        assertThat(SipIds.entryOf("sip-" + SipFixtures.SIP + "-g2", SipIds.CONSENT))
                .isNull();
        assertThat(SipIds.entryOf("sip-nope-g2", SipIds.GOAL)).isNull();
        assertThat(SipIds.sipIdOfPlan("sip-" + SipFixtures.SIP)).isEqualTo(SipFixtures.SIP);
        assertThat(SipIds.sipIdOfPlan("sip-x")).isNull();
    }

    private static List<IBaseResource> all(Sip s) {
        List<IBaseResource> resources = new ArrayList<>();
        resources.add(SipCarePlanMapper.toCarePlan(s, KEY));
        resources.add(SipCareTeamMapper.toCareTeam(s, KEY));
        List<Goal> goals = SipGoalMapper.toGoals(s, KEY);
        resources.addAll(goals);
        resources.addAll(ConsentMapper.toConsents(s, KEY, NOW));
        resources.addAll(AppointmentMapper.toAppointments(s, KEY));
        return resources;
    }
}
