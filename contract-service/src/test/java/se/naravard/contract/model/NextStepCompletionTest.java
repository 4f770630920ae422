package se.naravard.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.contract.model.ContractFixture.NOW;
import static se.naravard.contract.model.ContractFixture.accepted;
import static se.naravard.contract.model.ContractFixture.anyActor;
import static se.naravard.contract.model.ContractFixture.anyContract;
import static se.naravard.contract.model.ContractFixture.anyFastLakarkontakt;
import static se.naravard.contract.model.ContractFixture.anyFastVardkontakt;
import static se.naravard.contract.model.ContractFixture.anyKommun;
import static se.naravard.contract.model.ContractFixture.anyNextStep;
import static se.naravard.contract.model.ContractFixture.anyPatient;
import static se.naravard.contract.model.ContractFixture.anyPlanning;
import static se.naravard.contract.model.ContractFixture.nextSteps;
import static se.naravard.contract.model.ContractFixture.rejections;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;

/** A next step's completion time (docs/contract-api.md "Next steps done"). */
class NextStepCompletionTest {

    private static final String AT = "/parts/nasta-steg/steps/0/completedAt";

    @Test
    void a_step_that_becomes_done_is_stamped_with_the_commands_time() {
        // given
        var draft = anyContract();
        var at = NOW.plusSeconds(86_400);
        // when
        var changed = accepted(draft.putPart(nextSteps(step(NextStepStatus.DONE, null)), changeAt(at)));
        // then
        assertThat(firstStep(changed).completedAt()).isEqualTo(at);
    }

    @Test
    void a_done_step_keeps_its_time_on_later_versions_when_none_is_given() {
        // given
        var done = accepted(
                anyContract().putPart(nextSteps(step(NextStepStatus.DONE, null)), changeAt(NOW.plusSeconds(60))));
        // when: the same step sent again without a time, and another step added, a day later
        var later = accepted(
                done.putPart(nextSteps(step(NextStepStatus.DONE, null), other()), changeAt(NOW.plusSeconds(86_400))));
        // then
        assertThat(firstStep(later).completedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(later.version()).isEqualTo(3);
    }

    @Test
    void resending_a_done_step_unchanged_does_not_revise_an_active_contract() {
        // given
        var active = accepted(anyContract().activate(changeAt(NOW)));
        var done = accepted(active.putPart(nextSteps(step(NextStepStatus.DONE, null)), changeAt(NOW.plusSeconds(60))));
        var agreedAgain = accepted(done.activate(changeAt(NOW.plusSeconds(120))));
        // when
        var resent = accepted(
                agreedAgain.putPart(nextSteps(step(NextStepStatus.DONE, null)), changeAt(NOW.plusSeconds(180))));
        // then
        assertThat(resent.status().kind()).isEqualTo(ContractStatus.Kind.ACTIVE);
        assertThat(firstStep(resent).completedAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void a_time_the_caller_gives_is_kept_when_it_is_neither_in_the_future_nor_before_the_contract() {
        // given
        var draft = anyContract();
        var given = NOW.plusSeconds(3600);
        // when
        var changed =
                accepted(draft.putPart(nextSteps(step(NextStepStatus.DONE, given)), changeAt(NOW.plusSeconds(7200))));
        // then
        assertThat(firstStep(changed).completedAt()).isEqualTo(given);
    }

    @Test
    void the_boundaries_are_allowed_the_contracts_creation_and_the_commands_time() {
        var draft = anyContract();
        var now = NOW.plusSeconds(7200);
        assertThat(firstStep(accepted(draft.putPart(nextSteps(step(NextStepStatus.DONE, NOW)), changeAt(now))))
                        .completedAt())
                .isEqualTo(NOW);
        assertThat(firstStep(accepted(draft.putPart(nextSteps(step(NextStepStatus.DONE, now)), changeAt(now))))
                        .completedAt())
                .isEqualTo(now);
    }

    @Test
    void a_time_in_the_future_is_refused_naming_the_field() {
        var draft = anyContract();
        var decision = draft.putPart(
                nextSteps(step(NextStepStatus.DONE, NOW.plusSeconds(3601))), changeAt(NOW.plusSeconds(3600)));
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-008", AT));
    }

    @Test
    void a_time_before_the_contract_was_drawn_up_is_refused() {
        var draft = anyContract();
        var decision = draft.putPart(
                nextSteps(step(NextStepStatus.DONE, NOW.minusSeconds(1))), changeAt(NOW.plusSeconds(3600)));
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-008", AT));
    }

    @Test
    void a_time_on_a_step_that_is_not_done_is_refused() {
        var draft = anyContract();
        var decision = draft.putPart(nextSteps(step(NextStepStatus.BOOKED, NOW)), changeAt(NOW.plusSeconds(3600)));
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-008", AT));
    }

    @Test
    void a_step_reopened_loses_its_time_and_gets_a_new_one_when_done_again() {
        var done = accepted(
                anyContract().putPart(nextSteps(step(NextStepStatus.DONE, null)), changeAt(NOW.plusSeconds(60))));
        var reopened =
                accepted(done.putPart(nextSteps(step(NextStepStatus.BOOKED, null)), changeAt(NOW.plusSeconds(120))));
        var again =
                accepted(reopened.putPart(nextSteps(step(NextStepStatus.DONE, null)), changeAt(NOW.plusSeconds(180))));
        assertThat(firstStep(reopened).completedAt()).isNull();
        assertThat(firstStep(again).completedAt()).isEqualTo(NOW.plusSeconds(180));
    }

    @Test
    void a_contract_drawn_up_with_a_done_step_stamps_it_with_its_creation() {
        var change = changeAt(NOW);
        var contract = accepted(Contract.draft(
                ContractId.newId(),
                anyPatient(),
                anyKommun(),
                List.of(
                        anyPlanning(),
                        anyFastVardkontakt(),
                        anyFastLakarkontakt(),
                        nextSteps(step(NextStepStatus.DONE, null))),
                change));
        assertThat(firstStep(contract).completedAt()).isEqualTo(NOW);
        var refused = Contract.draft(
                ContractId.newId(),
                anyPatient(),
                anyKommun(),
                List.of(nextSteps(step(NextStepStatus.DONE, NOW.minusSeconds(86_400)))),
                change);
        assertThat(rejections(refused)).extracting(Rejection::code).containsExactly("CONTRACT-008");
    }

    private static NextStep step(NextStepStatus status, Instant completedAt) {
        var s = anyNextStep();
        return new NextStep(s.id(), s.what(), s.who(), s.date(), null, s.how(), status, completedAt);
    }

    private static NextStep other() {
        var s = anyNextStep();
        return new NextStep("2", "Hembesök", s.who(), s.date(), null, s.how(), NextStepStatus.PLANNED);
    }

    private static NextStep firstStep(Contract c) {
        return ((NextSteps) c.part(PartType.NEXT_STEPS).orElseThrow()).steps().get(0);
    }

    private static Change changeAt(Instant at) {
        return new Change(anyActor(), at, "uppföljning");
    }
}
