package se.naravard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.SipFixtures;
import se.naravard.gateway.fhir.FhirErrors.Issue;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipDocs.Sip;

/**
 * The SIP's resources read back into sip-service's command bodies: what the gateway serves comes back
 * as the same participants, interventions and responsibilities (so an update that changes nothing
 * sends nothing), and every fault names its element.
 */
class SipCommandsTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void a_served_sip_reads_back_into_its_own_participants_interventions_and_responsibility() {
        Sip s = SipFixtures.sip("active", true, false);
        CareTeam team = SipCareTeamMapper.toCareTeam(s, KEY);
        CarePlan plan = SipCarePlanMapper.toCarePlan(s, KEY);
        List<Issue> issues = new ArrayList<>();

        List<SipCommands.ParticipantCommand> participants = SipCommands.participants(team, "CareTeam", issues);
        List<SipCommands.InterventionCommand> interventions = SipCommands.interventions(plan, "CarePlan", issues);
        String overall = SipCommands.overallResponsibility(plan, "CarePlan", issues);

        assertThat(issues).isEmpty();
        // Units and närstående come back as they are (another party's name and organisation come as one).
        assertThat(participants)
                .filteredOn(p -> !"OTHER".equals(p.kind()))
                .extracting(SipCommands.ParticipantCommand::signature)
                .containsExactlyElementsOf(SipCommands.participantsOf(s).stream()
                        .filter(p -> !"PERSON".equals(p.kind()) && !"OTHER".equals(p.kind()))
                        .map(SipCommands.ParticipantCommand::signature)
                        .toList());
        assertThat(participants)
                .extracting(SipCommands.ParticipantCommand::kind)
                .containsExactly("RELATED_PERSON", "UNIT", "UNIT", "OTHER");
        assertThat(participants)
                .extracting(SipCommands.ParticipantCommand::id)
                .containsExactlyElementsOf(s.participantsOrEmpty().stream()
                        .filter(p -> !"PERSON".equals(p.kind()))
                        .map(SipDocs.Participant::id)
                        .toList());
        assertThat(interventions).hasSameSizeAs(s.interventionsOrEmpty());
        for (int i = 0; i < interventions.size(); i++) {
            SipDocs.Intervention want = s.interventionsOrEmpty().get(i);
            ObjectNode got = interventions.get(i).intervention();
            assertThat(interventions.get(i).id()).isEqualTo(want.id());
            assertThat(got.path("what").asText()).isEqualTo(want.what());
            assertThat(got.path("responsibleUnit").asText(null)).isEqualTo(want.responsibleUnit());
            assertThat(got.path("responsiblePrincipal").asText(null)).isEqualTo(want.responsiblePrincipal());
            assertThat(got.path("status").asText(null)).isEqualTo(want.status());
        }
        assertThat(overall).isEqualTo(s.overallResponsibility());
    }

    @Test
    void unknown_codes_and_references_to_nothing_are_issues_naming_their_elements() {
        CareTeam team = new CareTeam();
        team.addParticipant()
                .addRole()
                .addCoding(new Coding(Systems.SIP_UNIT_ROLE, "astrology", null))
                .addCoding(new Coding(Systems.SIP_PRINCIPAL, "region", null));
        team.getParticipantFirstRep()
                .setMember(new Reference()
                        .setType("Organization")
                        .setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(Systems.HSA_ID)
                                .setValue("SE2321000057-VC01")));
        team.addParticipant().addRole().addCoding(new Coding(Systems.CARETEAM_ROLE, "astronaut", null));
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.getProvision().addActor().setReference(new Reference().setDisplay("Någon okänd"));
        List<Issue> issues = new ArrayList<>();

        List<SipCommands.ParticipantCommand> participants = SipCommands.participants(team, "CareTeam", issues);
        SipCommands.consent(consent, participants, "Consent", issues);

        assertThat(issues)
                .extracting(Issue::code, i -> i.expressions().get(0))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SipCommands.UNKNOWN_CODE, "CareTeam.participant[0].role"),
                        org.assertj.core.groups.Tuple.tuple(SipCommands.UNKNOWN_CODE, "CareTeam.participant[1].role"),
                        org.assertj.core.groups.Tuple.tuple(
                                SipCommands.UNRESOLVED_REFERENCE, "Consent.provision.actor[0].reference"));
    }

    @Test
    void a_representative_is_read_from_name_and_relation() {
        ObjectNode g = SipCommands.giver("Greta Godman (god man)");

        assertThat(g.path("representativeName").asText()).isEqualTo("Greta Godman");
        assertThat(g.path("relation").asText()).isEqualTo("god man");
    }
}
