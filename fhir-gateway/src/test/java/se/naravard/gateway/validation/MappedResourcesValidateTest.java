package se.naravard.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.naravard.gateway.ContractFixtures;
import se.naravard.gateway.EpisodeFixtures;
import se.naravard.gateway.block.BlockMapper;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.careplan.CarePlanMapper;
import se.naravard.gateway.careteam.CareTeamMapper;
import se.naravard.gateway.communication.CommunicationMapper;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.encounter.EncounterMapper;
import se.naravard.gateway.goal.GoalMapper;
import se.naravard.gateway.patient.PatientMapper;
import se.naravard.gateway.task.TaskMapper;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.platform.identity.PatientIdentifier;

/** Every resource mapped from a contract in every status validates against base R4 with no error. */
class MappedResourcesValidateTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"draft", "active", "revised", "completed", "revoked", "entered-in-error", "empty"})
    void every_mapped_resource_validates_against_base_r4_without_errors(String status) {
        Contract c = status.equals("empty") ? ContractFixtures.emptyDraft() : ContractFixtures.anyContract(status, 3);
        List<IBaseResource> resources = new ArrayList<>();
        resources.add(CarePlanMapper.toCarePlan(c, KEY));
        resources.add(CareTeamMapper.toCareTeam(c, KEY));
        resources.addAll(GoalMapper.toGoals(c, KEY));
        resources.add(
                PatientMapper.toPatient(KEY, PatientIdentifier.parse(c.patient().value())));

        List<String> errors = new ArrayList<>();
        for (IBaseResource r : resources) {
            errors.addAll(Validations.errors(status + " " + r.fhirType(), r));
        }

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "admitted",
                "utskrivningsklar",
                "discharged",
                "closed-deceased",
                "closed-moved",
                "closed-interrupted",
                "bare"
            })
    void every_resource_mapped_from_an_episode_validates_against_base_r4_without_errors(String status) {
        Episode e = EpisodeFixtures.episode(status);
        List<IBaseResource> resources = new ArrayList<>();
        resources.add(EncounterMapper.toEncounter(e, KEY));
        resources.addAll(CommunicationMapper.toCommunications(e, KEY));
        resources.addAll(TaskMapper.toTasks(e, KEY));

        List<String> errors = new ArrayList<>();
        for (IBaseResource r : resources) {
            errors.addAll(Validations.errors(status + " " + r.fhirType(), r));
        }

        assertThat(resources)
                .hasSize(1 + e.messagesOrEmpty().size() + e.tasksOrEmpty().size());
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SE2321000057", "SE2321000057-VC01"})
    void a_block_in_force_and_lifted_validates_against_base_r4_without_errors(String holder) {
        String provider = holder.substring(0, 12);
        CareBlock inForce = new CareBlock(
                java.util.UUID.randomUUID(),
                KEY,
                provider,
                holder.equals(provider) ? null : holder,
                java.time.Instant.parse("2026-12-01T10:00:00Z"),
                "SE2321000057-N001",
                "SE2321000057-VC01",
                null,
                null,
                null);
        CareBlock lifted = new CareBlock(
                inForce.id(),
                KEY,
                inForce.provider(),
                inForce.unit(),
                inForce.registeredAt(),
                inForce.registeredBy(),
                inForce.registeredByUnit(),
                java.time.Instant.parse("2026-12-03T10:00:00Z"),
                "SE2321000057-N001",
                "SE2321000057-VC01");
        List<String> errors = new ArrayList<>();
        errors.addAll(Validations.errors("in force", BlockMapper.toConsent(inForce)));
        errors.addAll(Validations.errors("lifted", BlockMapper.toConsent(lifted)));
        assertThat(errors).isEmpty();
        assertThat(BlockMapper.toConsent(lifted).getStatus().toCode()).isEqualTo("inactive");
        assertThat(lifted.asOfVersion(1)).isEqualTo(inForce);
    }
}
