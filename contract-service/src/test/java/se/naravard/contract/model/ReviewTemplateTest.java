package se.naravard.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.contract.model.ContractFixture.NOW;
import static se.naravard.contract.model.ContractFixture.VARDCENTRAL;
import static se.naravard.contract.model.ContractFixture.accepted;
import static se.naravard.contract.model.ContractFixture.anyActor;
import static se.naravard.contract.model.ContractFixture.anyChange;
import static se.naravard.contract.model.ContractFixture.anyFastLakarkontakt;
import static se.naravard.contract.model.ContractFixture.anyFastVardkontakt;
import static se.naravard.contract.model.ContractFixture.anyNextStep;
import static se.naravard.contract.model.ContractFixture.anyNextSteps;
import static se.naravard.contract.model.ContractFixture.anyPlanning;
import static se.naravard.contract.model.ContractFixture.contractIn;
import static se.naravard.contract.model.ContractFixture.draftWith;
import static se.naravard.contract.model.ContractFixture.nextSteps;
import static se.naravard.contract.model.ContractFixture.planningWithGoals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.naravard.contract.model.ContractEvent.ContractReviewed;
import se.naravard.contract.model.ContractStatus.Kind;

/** The granskningsmall (DOMAIN.md §2): each check passes on a good contract and fails on a gap. */
class ReviewTemplateTest {

    @Test
    void an_agreed_contract_with_all_parts_passes_every_check() {
        // given
        var active = contractIn(Kind.ACTIVE);
        // when
        var review = Review.of(active, anyActor(), NOW, "bra dokumenterat");
        // then
        assertThat(review.results()).extracting(CheckResult::check).containsExactly(ReviewCheck.values());
        assertThat(review.results()).allMatch(CheckResult::passed);
        assertThat(review.passed()).isTrue();
    }

    @Test
    void all_four_parts_present_fails_and_names_the_missing_parts() {
        var contract = draftWith(List.of(anyPlanning(), anyFastVardkontakt()));
        var result = check(contract, ReviewCheck.ALL_FOUR_PARTS_PRESENT);
        assertThat(result.passed()).isFalse();
        assertThat(result.note()).isEqualTo("missing: fast-lakarkontakt, nasta-steg");
    }

    @Test
    void patient_goal_recorded_fails_without_a_goal() {
        var withoutGoal = draftWith(List.of(planningWithGoals(List.of())));
        var withoutPlanning = draftWith(List.of(anyNextSteps()));
        assertThat(check(withoutGoal, ReviewCheck.PATIENT_GOAL_RECORDED).passed())
                .isFalse();
        assertThat(check(withoutPlanning, ReviewCheck.PATIENT_GOAL_RECORDED).passed())
                .isFalse();
        assertThat(check(draftWith(List.of(anyPlanning())), ReviewCheck.PATIENT_GOAL_RECORDED)
                        .passed())
                .isTrue();
    }

    @Test
    void next_step_check_fails_when_a_planned_step_lacks_a_unit_or_a_date() {
        var s = anyNextStep();
        var noUnit = new NextStep(
                "2", "Hembesök", new Performer(null, null, "Dottern"), s.date(), null, s.how(), NextStepStatus.BOOKED);
        var noDate = new NextStep("3", "Blodprov", s.who(), null, null, s.how(), NextStepStatus.PLANNED);
        assertThat(check(draftWith(List.of(nextSteps(s, noUnit))), ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE)
                        .passed())
                .isFalse();
        var result = check(draftWith(List.of(nextSteps(s, noDate))), ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE);
        assertThat(result.passed()).isFalse();
        assertThat(result.note()).isEqualTo("1 of 2 steps ahead lack a responsible unit or a date");
    }

    @Test
    void next_step_check_ignores_done_and_cancelled_steps() {
        var s = anyNextStep();
        var doneWithoutDate = new NextStep("2", "Blodprov", null, null, null, s.how(), NextStepStatus.DONE);
        var contract = draftWith(List.of(nextSteps(s, doneWithoutDate)));
        assertThat(check(contract, ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE).passed())
                .isTrue();
    }

    @Test
    void next_step_check_fails_when_no_step_is_ahead() {
        var s = anyNextStep();
        var done = new NextStep("1", s.what(), s.who(), s.date(), null, s.how(), NextStepStatus.DONE);
        assertThat(check(draftWith(List.of(nextSteps())), ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE)
                        .passed())
                .isFalse();
        assertThat(check(draftWith(List.of(nextSteps(done))), ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE)
                        .passed())
                .isFalse();
        assertThat(check(draftWith(List.of(anyPlanning())), ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE)
                        .passed())
                .isFalse();
    }

    @Test
    void contact_path_reachable_needs_a_fast_vardkontakt() {
        assertThat(check(draftWith(List.of(anyFastVardkontakt())), ReviewCheck.CONTACT_PATH_REACHABLE)
                        .passed())
                .isTrue();
        assertThat(check(draftWith(List.of(anyFastLakarkontakt())), ReviewCheck.CONTACT_PATH_REACHABLE)
                        .passed())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "DRAFT, false",
        "ACTIVE, true",
        "REVISED, true",
        "COMPLETED, true",
        "REVOKED, false",
        "ENTERED_IN_ERROR, false"
    })
    void agreed_with_patient_passes_once_the_patient_agreed(Kind status, boolean agreed) {
        var result = check(contractIn(status), ReviewCheck.AGREED_WITH_PATIENT);
        assertThat(result.passed()).isEqualTo(agreed);
        assertThat(result.note()).contains(status.code());
    }

    @Test
    void a_review_attaches_to_the_current_version_and_leaves_the_contract_unchanged() {
        // given
        var contract = accepted(contractIn(Kind.ACTIVE).putPart(anyNextSteps(), anyChange()));
        var before = contract.version();
        var reviewer = new Actor(ContractFixture.VERKSAMHETSCHEF, VARDCENTRAL);
        // when
        var review = Review.of(contract, reviewer, NOW, null);
        // then
        assertThat(review.contractId()).isEqualTo(contract.id());
        assertThat(review.contractVersion()).isEqualTo(before).isEqualTo(contract.version());
        assertThat(review.reviewer()).isEqualTo(reviewer);
        assertThat(review.at()).isEqualTo(NOW);
    }

    @Test
    void a_failed_review_names_its_failed_checks_in_the_event() {
        // given
        var draft = draftWith(List.of(anyPlanning(), anyFastVardkontakt(), anyFastLakarkontakt(), anyNextSteps()));
        // when
        var review = Review.of(draft, anyActor(), NOW, "inte överenskommet än");
        // then
        assertThat(review.passed()).isFalse();
        assertThat(review.reviewed())
                .isEqualTo(new ContractReviewed(review.id(), 1, false, List.of(ReviewCheck.AGREED_WITH_PATIENT)));
        assertThat(review.reviewed().typeName()).isEqualTo("contract-reviewed");
    }

    private static CheckResult check(Contract contract, ReviewCheck check) {
        return ReviewTemplate.evaluate(contract).stream()
                .filter(r -> r.check() == check)
                .findFirst()
                .orElseThrow();
    }
}
