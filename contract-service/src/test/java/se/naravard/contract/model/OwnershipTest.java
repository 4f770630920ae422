package se.naravard.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.contract.model.ContractFixture.HEMSJUKVARD;
import static se.naravard.contract.model.ContractFixture.OTHER_UNIT;
import static se.naravard.contract.model.ContractFixture.VARDCENTRAL;
import static se.naravard.contract.model.ContractFixture.accepted;
import static se.naravard.contract.model.ContractFixture.actorAt;
import static se.naravard.contract.model.ContractFixture.anyContract;
import static se.naravard.contract.model.ContractFixture.anyKommun;
import static se.naravard.contract.model.ContractFixture.anyNextStep;
import static se.naravard.contract.model.ContractFixture.anyPatient;
import static se.naravard.contract.model.ContractFixture.anyPlanning;
import static se.naravard.contract.model.ContractFixture.bookedNextSteps;
import static se.naravard.contract.model.ContractFixture.changeBy;
import static se.naravard.contract.model.ContractFixture.draftWith;
import static se.naravard.contract.model.ContractFixture.rejections;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;

/** Only the owning unit or its delegates write a part (PDL: each vårdgivare keeps its own records). */
class OwnershipTest {

    @Test
    void the_owner_may_change_its_part() {
        // given next steps owned by the vårdcentral
        var contract = anyContract();
        // when
        var decision = contract.putPart(bookedNextSteps(), changeBy(actorAt(VARDCENTRAL)));
        // then
        assertThat(accepted(decision).parts()).containsValue(bookedNextSteps());
    }

    @Test
    void a_delegate_may_change_the_part() {
        // given next steps delegated to hemsjukvården
        var contract = anyContract();
        // when
        var decision = contract.putPart(bookedNextSteps(), changeBy(actorAt(HEMSJUKVARD)));
        // then
        assertThat(accepted(decision).version()).isEqualTo(2);
    }

    @Test
    void another_unit_may_not_change_the_part() {
        // given
        var contract = anyContract();
        // when
        var decision = contract.putPart(bookedNextSteps(), changeBy(actorAt(OTHER_UNIT)));
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-020", "/parts/nasta-steg/owner"));
    }

    @Test
    void another_unit_may_not_take_over_a_part_by_naming_itself_owner() {
        // given
        var contract = anyContract();
        var takeover = new NextSteps(OTHER_UNIT, Set.of(), List.of(anyNextStep()));
        // when
        var decision = contract.putPart(takeover, changeBy(actorAt(OTHER_UNIT)));
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("CONTRACT-020");
    }

    @Test
    void creating_a_part_for_another_owner_is_refused() {
        // given a contract without next steps
        var contract = draftWith(List.of(anyPlanning()));
        var ownedByVardcentral = new NextSteps(VARDCENTRAL, Set.of(), List.of(anyNextStep()));
        // when hemsjukvården creates it
        var decision = contract.putPart(ownedByVardcentral, changeBy(actorAt(HEMSJUKVARD)));
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("CONTRACT-020");
    }

    @Test
    void a_part_may_be_created_by_a_unit_it_names_as_delegate() {
        // given
        var contract = draftWith(List.of(anyPlanning()));
        var delegated = new NextSteps(VARDCENTRAL, Set.of(HEMSJUKVARD), List.of(anyNextStep()));
        // when
        var decision = contract.putPart(delegated, changeBy(actorAt(HEMSJUKVARD)));
        // then
        assertThat(accepted(decision).parts()).containsKey(PartType.NEXT_STEPS);
    }

    @Test
    void drafting_with_a_part_owned_by_another_unit_is_refused() {
        // when
        var decision = Contract.draft(
                ContractId.newId(), anyPatient(), anyKommun(), List.of(anyPlanning()), changeBy(actorAt(OTHER_UNIT)));
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-020", "/parts/sammanhallen-planering/owner"));
    }

    @Test
    void a_delegate_may_not_hand_the_part_over() {
        // given
        var contract = anyContract();
        var handedOver = new NextSteps(HEMSJUKVARD, Set.of(), List.of(anyNextStep()));
        // when
        var decision = contract.putPart(handedOver, changeBy(actorAt(HEMSJUKVARD)));
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("CONTRACT-021");
    }

    @Test
    void a_delegate_may_not_change_the_delegates() {
        // given
        var contract = anyContract();
        var moreDelegates = new NextSteps(VARDCENTRAL, Set.of(HEMSJUKVARD, OTHER_UNIT), List.of(anyNextStep()));
        // when
        var decision = contract.putPart(moreDelegates, changeBy(actorAt(HEMSJUKVARD)));
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("CONTRACT-021");
    }

    @Test
    void the_owner_may_hand_the_part_over_to_another_unit() {
        // given
        var contract = anyContract();
        var handedOver = new NextSteps(HEMSJUKVARD, Set.of(VARDCENTRAL), List.of(anyNextStep()));
        // when
        var decision = contract.putPart(handedOver, changeBy(actorAt(VARDCENTRAL)));
        // then
        assertThat(accepted(decision).part(PartType.NEXT_STEPS)).contains(handedOver);
    }

    @Test
    void the_owner_or_a_delegate_may_remove_the_part_but_no_other_unit() {
        // given
        var contract = anyContract();
        // when
        var byOwner = contract.removePart(PartType.NEXT_STEPS, changeBy(actorAt(VARDCENTRAL)));
        var byDelegate = contract.removePart(PartType.NEXT_STEPS, changeBy(actorAt(HEMSJUKVARD)));
        var byOther = contract.removePart(PartType.NEXT_STEPS, changeBy(actorAt(OTHER_UNIT)));
        // then
        assertThat(accepted(byOwner).parts()).doesNotContainKey(PartType.NEXT_STEPS);
        assertThat(accepted(byDelegate).parts()).doesNotContainKey(PartType.NEXT_STEPS);
        assertThat(rejections(byOther))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-020", "/parts/nasta-steg/owner"));
    }

    @Test
    void a_part_without_owner_is_refused_as_missing_a_value() {
        // given
        var contract = draftWith(List.of(anyPlanning()));
        var ownerless = new NextSteps(null, Set.of(), List.of(anyNextStep()));
        // when
        var decision = contract.putPart(ownerless, changeBy(actorAt(VARDCENTRAL)));
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-001", "/parts/nasta-steg/owner"));
    }
}
