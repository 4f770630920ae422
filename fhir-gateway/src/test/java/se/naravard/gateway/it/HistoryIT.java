package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.validation.Validations;

/**
 * {@code _history} of every resource that has versions: Encounter (the episode's versions), CareTeam
 * and Goal (their contract's or SIP's), Consent and Appointment (their SIP's, where the entry exists).
 * Every version served validates.
 */
class HistoryIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    @Test
    void an_encounters_history_is_every_version_of_its_episode_newest_first() {
        String id = STACK.episodes.ids.get("discharged");
        Encounter current = fhir.read().resource(Encounter.class).withId(id).execute();
        int version = Integer.parseInt(current.getMeta().getVersionId());

        List<IBaseResource> versions = history("Encounter", id);

        assertThat(version).isGreaterThan(1);
        assertThat(versions)
                .extracting(r -> r.getMeta().getVersionId())
                .hasSize(version)
                .startsWith(Integer.toString(version))
                .endsWith("1");
        assertThat(((Encounter) versions.get(0)).getStatus()).isEqualTo(current.getStatus());
        assertThat(((Encounter) versions.get(versions.size() - 1)).getStatus())
                .isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertValid(versions);
    }

    @Test
    void a_contracts_care_team_and_goal_have_the_contracts_versions() {
        String id = STACK.contracts.ids.get("revised"); // drafted, agreed, next steps changed: 3 versions

        List<IBaseResource> teams = history("CareTeam", id);
        List<IBaseResource> goals = history("Goal", id + "-1");

        assertThat(teams).extracting(r -> r.getMeta().getVersionId()).containsExactly("3", "2", "1");
        assertThat(goals).extracting(r -> r.getMeta().getVersionId()).containsExactly("3", "2", "1");
        assertThat(goals)
                .allSatisfy(g -> assertThat(g.getIdElement().getIdPart()).isEqualTo(id + "-1"));
        assertValid(teams);
        assertValid(goals);
    }

    @Test
    void a_sips_consent_and_meeting_have_the_versions_of_the_sip_that_hold_them() {
        String sip = STACK.sips.ids.get("active");
        int version = STACK.sips.versions.get(sip);

        List<IBaseResource> consents = history("Consent", "sip-" + sip + "-c1");
        List<IBaseResource> meetings = history("Appointment", "sip-" + sip + "-m1");
        List<IBaseResource> teams = history("CareTeam", "sip-" + sip);
        List<IBaseResource> goals = history("Goal", "sip-" + sip + "-g1");

        // The consent and the meeting came after version 1: their histories are shorter than the SIP's.
        assertThat(consents).hasSizeBetween(1, version - 1);
        assertThat(consents.get(0).getMeta().getVersionId()).isEqualTo(Integer.toString(version));
        assertThat(consents)
                .allSatisfy(c ->
                        assertThat(((Consent) c).getIdElement().getIdPart()).isEqualTo("sip-" + sip + "-c1"));
        assertThat(meetings).hasSizeBetween(1, version - 1);
        assertThat(meetings.get(0).getMeta().getVersionId()).isEqualTo(Integer.toString(version));
        assertThat(teams).hasSize(version);
        assertThat(goals).hasSizeBetween(1, version);
        assertValid(consents);
        assertValid(meetings);
        assertValid(teams);
        assertValid(goals);
    }

    @Test
    void the_history_of_what_does_not_exist_is_404() {
        String sip = STACK.sips.ids.get("active");
        for (String[] missing : List.of(
                new String[] {"Encounter", "00000000-0000-4000-8000-000000000000"},
                new String[] {"Encounter", "not-an-episode"},
                new String[] {"Consent", "sip-" + sip + "-c99"},
                new String[] {"Appointment", "sip-" + sip + "-x1"},
                new String[] {"Goal", STACK.contracts.ids.get("revised") + "-99"})) {
            assertThatThrownBy(() -> history(missing[0], missing[1]))
                    .as(missing[0] + "/" + missing[1])
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    private List<IBaseResource> history(String type, String id) {
        Bundle b = fhir.history()
                .onInstance(new IdType(type, id))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(b.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        List<IBaseResource> all = new ArrayList<>();
        b.getEntry().forEach(e -> all.add(e.getResource()));
        return all;
    }

    private static void assertValid(List<IBaseResource> resources) {
        List<String> errors = new ArrayList<>();
        for (IBaseResource r : resources) {
            errors.addAll(Validations.errors(
                    r.fhirType() + "/" + r.getIdElement().getIdPart() + "/_history/"
                            + r.getMeta().getVersionId(),
                    r));
        }
        assertThat(errors).isEmpty();
    }
}
