package se.naravard.gateway.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.ContractFixtures;

/** A done next step shows when it was done: {@code activity.progress.time} (docs/fhir.md). */
class DoneStepMappingTest {

    @Test
    void a_done_step_carries_its_completion_time_as_a_progress_note_and_others_none() {
        CarePlan plan = CarePlanMapper.toCarePlan(
                ContractFixtures.anyContract("active", 3), "0123456789abcdef0123456789abcdef");

        List<CarePlanActivityComponent> done = plan.getActivity().stream()
                .filter(a -> a.getDetail().getStatus() == CarePlanActivityStatus.COMPLETED)
                .filter(a -> "Hembesök".equals(a.getDetail().getDescription()))
                .toList();
        assertThat(done).hasSize(1);
        assertThat(done.get(0).getProgress()).hasSize(1);
        assertThat(done.get(0).getProgressFirstRep().getTimeElement().getValueAsString())
                .isEqualTo("2026-11-10T13:40:12.118Z");
        assertThat(done.get(0).getProgressFirstRep().getText()).isEqualTo(CarePlanMapper.DONE_TEXT);
        assertThat(plan.getActivity().stream()
                        .filter(a -> a.getDetail().getStatus() != CarePlanActivityStatus.COMPLETED)
                        .flatMap(a -> a.getProgress().stream()))
                .isEmpty();
    }
}
