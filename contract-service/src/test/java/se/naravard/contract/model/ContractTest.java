package se.naravard.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.contract.model.ContractFixture.accepted;
import static se.naravard.contract.model.ContractFixture.allParts;
import static se.naravard.contract.model.ContractFixture.anyChange;
import static se.naravard.contract.model.ContractFixture.anyContract;
import static se.naravard.contract.model.ContractFixture.anyKommun;
import static se.naravard.contract.model.ContractFixture.anyNextSteps;
import static se.naravard.contract.model.ContractFixture.anyPatient;
import static se.naravard.contract.model.ContractFixture.anyPlanning;
import static se.naravard.contract.model.ContractFixture.bookedNextSteps;
import static se.naravard.contract.model.ContractFixture.changeBy;
import static se.naravard.contract.model.ContractFixture.changeWithReason;
import static se.naravard.contract.model.ContractFixture.contractIn;
import static se.naravard.contract.model.ContractFixture.draftWith;
import static se.naravard.contract.model.ContractFixture.event;
import static se.naravard.contract.model.ContractFixture.rejections;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.naravard.contract.model.ContractEvent.ContractDrafted;
import se.naravard.contract.model.ContractEvent.ContractPartChanged;
import se.naravard.contract.model.ContractStatus.Active;
import se.naravard.contract.model.ContractStatus.Draft;
import se.naravard.contract.model.ContractStatus.Kind;
import se.naravard.contract.model.ContractStatus.Revised;
import se.naravard.platform.domain.Rejection;

class ContractTest {

    @Test
    void a_drafted_contract_is_version_1_in_draft_with_its_parts() {
        // given
        var id = ContractId.newId();
        var change = anyChange();
        // when
        var decision = Contract.draft(id, anyPatient(), anyKommun(), allParts(), change);
        // then
        var contract = accepted(decision);
        assertThat(contract.id()).isEqualTo(id);
        assertThat(contract.version()).isEqualTo(1);
        assertThat(contract.status()).isEqualTo(new Draft());
        assertThat(contract.parts()).containsOnlyKeys(PartType.values());
        assertThat(contract.created()).isEqualTo(change);
        assertThat(contract.lastChange()).isEqualTo(change);
        assertThat(event(decision)).isEqualTo(new ContractDrafted(List.of(PartType.values())));
    }

    @Test
    void every_accepted_change_increments_the_version_and_records_who_when_why() {
        // given
        var draft = anyContract();
        var change = changeBy(new Actor(ContractFixture.MUNICIPAL_NURSE, ContractFixture.HEMSJUKVARD));
        // when
        var changed = accepted(draft.putPart(bookedNextSteps(), change));
        var activated = accepted(changed.activate(changeWithReason("överenskommet vid hembesök")));
        // then
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.lastChange()).isEqualTo(change);
        assertThat(activated.version()).isEqualTo(3);
        assertThat(activated.lastChange().reason()).isEqualTo("överenskommet vid hembesök");
        assertThat(activated.created()).isEqualTo(draft.created());
    }

    @Test
    void a_rejected_change_leaves_the_contract_as_it_was() {
        // given
        var draft = anyContract();
        // when
        var decision = draft.complete(anyChange());
        // then
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        assertThat(draft.version()).isEqualTo(1);
        assertThat(draft.status()).isEqualTo(new Draft());
    }

    @Test
    void active_contract_becomes_revised_when_a_part_changes() {
        // given
        var active = contractIn(Kind.ACTIVE);
        var agreement = (Active) active.status();
        // when
        var decision = active.putPart(bookedNextSteps(), anyChange());
        // then
        assertThat(accepted(decision).status()).isEqualTo(new Revised(agreement.agreedAt(), agreement.agreedBy()));
        assertThat(accepted(decision).parts()).containsEntry(PartType.NEXT_STEPS, bookedNextSteps());
        assertThat(event(decision)).isEqualTo(new ContractPartChanged(PartType.NEXT_STEPS, false));
    }

    @Test
    void active_contract_becomes_revised_when_a_part_is_removed() {
        // given
        var active = contractIn(Kind.ACTIVE);
        // when
        var decision = active.removePart(PartType.NEXT_STEPS, anyChange());
        // then
        assertThat(accepted(decision).status()).isInstanceOf(Revised.class);
        assertThat(accepted(decision).parts()).doesNotContainKey(PartType.NEXT_STEPS);
        assertThat(event(decision)).isEqualTo(new ContractPartChanged(PartType.NEXT_STEPS, true));
    }

    @Test
    void storing_an_identical_part_is_a_new_version_but_does_not_revise_the_agreement() {
        // given
        var active = contractIn(Kind.ACTIVE);
        // when
        var decision = active.putPart(anyNextSteps(), anyChange());
        // then
        assertThat(accepted(decision).version()).isEqualTo(active.version() + 1);
        assertThat(accepted(decision).status()).isEqualTo(active.status());
    }

    @Test
    void draft_and_revised_contracts_keep_their_status_when_a_part_changes() {
        assertThat(accepted(anyContract().putPart(bookedNextSteps(), anyChange()))
                        .status())
                .isEqualTo(new Draft());
        var revised = contractIn(Kind.REVISED);
        assertThat(accepted(revised.putPart(anyNextSteps(), anyChange())).status())
                .isEqualTo(revised.status());
    }

    @ParameterizedTest
    @EnumSource(names = {"COMPLETED", "REVOKED", "ENTERED_IN_ERROR"})
    void parts_of_a_closed_contract_cannot_change(Kind closed) {
        // given
        var contract = contractIn(closed);
        // when
        var put = contract.putPart(bookedNextSteps(), anyChange());
        var remove = contract.removePart(PartType.NEXT_STEPS, anyChange());
        // then
        assertThat(rejections(put))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-010", "/status"));
        assertThat(rejections(remove)).extracting(Rejection::code).containsExactly("CONTRACT-010");
    }

    @Test
    void removing_a_part_that_is_not_there_is_refused() {
        // given
        var contract = draftWith(List.of(anyPlanning()));
        // when
        var decision = contract.removePart(PartType.FAST_LAKARKONTAKT, anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-015", "/parts/fast-lakarkontakt"));
    }

    @Test
    void a_draft_may_not_hold_the_same_part_twice() {
        // when
        var decision = Contract.draft(
                ContractId.newId(), anyPatient(), anyKommun(), List.of(anyPlanning(), anyPlanning()), anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-016", "/parts/sammanhallen-planering"));
    }

    @Test
    void a_draft_with_an_invalid_part_is_refused_with_the_field() {
        // given
        var planning = ContractFixture.planningWithGoals(List.of(new Goal(" ")));
        // when
        var decision = Contract.draft(ContractId.newId(), anyPatient(), anyKommun(), List.of(planning), anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-001", "/parts/sammanhallen-planering/goals/0/text"));
    }

    @Test
    void putting_an_invalid_part_is_refused_with_all_its_faults() {
        // given
        var contract = anyContract();
        var invalid = ContractFixture.fastVardkontaktReachedBy(new ContactPath(" ", null, "dygnet runt"));
        // when
        var decision = contract.putPart(invalid, anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-004", "/parts/fast-vardkontakt/reach"));
    }

    @Test
    void parts_cannot_be_modified_from_outside() {
        var contract = anyContract();
        assertThatThrownBy(() -> contract.parts().remove(PartType.PLANNING))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_part_stored_under_another_type_is_a_bug() {
        var contract = anyContract();
        Map<PartType, Part> wrong = Map.of(PartType.NEXT_STEPS, anyPlanning());
        assertThatThrownBy(() -> new Contract(
                        contract.id(),
                        contract.patient(),
                        contract.kommun(),
                        1,
                        contract.status(),
                        wrong,
                        contract.created(),
                        contract.lastChange()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void event_type_names_are_kebab_case_past_tense() {
        assertThat(new ContractDrafted(List.of()).typeName()).isEqualTo("contract-drafted");
        assertThat(new ContractPartChanged(PartType.PLANNING, false).typeName()).isEqualTo("contract-part-changed");
        assertThat(new ContractEvent.ContractActivated(ContractFixture.NOW, ContractFixture.anyActor()).typeName())
                .isEqualTo("contract-activated");
        assertThat(new ContractEvent.ContractCompleted().typeName()).isEqualTo("contract-completed");
        assertThat(new ContractEvent.ContractRevoked("x").typeName()).isEqualTo("contract-revoked");
        assertThat(new ContractEvent.ContractEnteredInError("x").typeName()).isEqualTo("contract-entered-in-error");
    }

    @Test
    void part_types_are_found_by_slug() {
        for (var type : PartType.values()) {
            assertThat(PartType.fromSlug(type.slug())).contains(type);
        }
        assertThat(PartType.fromSlug("sip")).isEmpty();
    }

    @Test
    void rejection_reasons_never_contain_the_personnummer() {
        var contract = contractIn(Kind.ENTERED_IN_ERROR);
        var all = List.of(contract.activate(anyChange()), contract.putPart(anyPlanning(), anyChange()));
        assertThat(all)
                .flatMap(ContractFixture::rejections)
                .extracting(Rejection::reason)
                .noneMatch(reason -> reason.contains("1212121212"));
    }
}
