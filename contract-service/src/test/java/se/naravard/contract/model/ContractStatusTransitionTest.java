package se.naravard.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.contract.model.ContractFixture.accepted;
import static se.naravard.contract.model.ContractFixture.anyActor;
import static se.naravard.contract.model.ContractFixture.anyChange;
import static se.naravard.contract.model.ContractFixture.changeWithReason;
import static se.naravard.contract.model.ContractFixture.contractIn;
import static se.naravard.contract.model.ContractFixture.draftWith;
import static se.naravard.contract.model.ContractFixture.event;
import static se.naravard.contract.model.ContractFixture.planningWithGoals;
import static se.naravard.contract.model.ContractFixture.rejections;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.naravard.contract.model.ContractEvent.ContractActivated;
import se.naravard.contract.model.ContractEvent.ContractRevoked;
import se.naravard.contract.model.ContractStatus.Active;
import se.naravard.contract.model.ContractStatus.Kind;
import se.naravard.contract.model.ContractStatus.Revised;
import se.naravard.contract.model.ContractStatus.Revoked;
import se.naravard.platform.domain.Rejection;

class ContractStatusTransitionTest {

    enum Operation {
        ACTIVATE(Contract::activate),
        COMPLETE(Contract::complete),
        REVOKE(Contract::revoke),
        MARK_ENTERED_IN_ERROR(Contract::markEnteredInError);

        final BiFunction<Contract, Change, Decision> apply;

        Operation(BiFunction<Contract, Change, Decision> apply) {
            this.apply = apply;
        }
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
        "DRAFT,            ACTIVATE,              active",
        "DRAFT,            COMPLETE,              CONTRACT-011",
        "DRAFT,            REVOKE,                revoked",
        "DRAFT,            MARK_ENTERED_IN_ERROR, entered-in-error",
        "ACTIVE,           ACTIVATE,              CONTRACT-011",
        "ACTIVE,           COMPLETE,              completed",
        "ACTIVE,           REVOKE,                revoked",
        "ACTIVE,           MARK_ENTERED_IN_ERROR, entered-in-error",
        "REVISED,          ACTIVATE,              active",
        "REVISED,          COMPLETE,              completed",
        "REVISED,          REVOKE,                revoked",
        "REVISED,          MARK_ENTERED_IN_ERROR, entered-in-error",
        "COMPLETED,        ACTIVATE,              CONTRACT-011",
        "COMPLETED,        COMPLETE,              CONTRACT-011",
        "COMPLETED,        REVOKE,                CONTRACT-011",
        "COMPLETED,        MARK_ENTERED_IN_ERROR, entered-in-error",
        "REVOKED,          ACTIVATE,              CONTRACT-011",
        "REVOKED,          COMPLETE,              CONTRACT-011",
        "REVOKED,          REVOKE,                CONTRACT-011",
        "REVOKED,          MARK_ENTERED_IN_ERROR, entered-in-error",
        "ENTERED_IN_ERROR, ACTIVATE,              CONTRACT-011",
        "ENTERED_IN_ERROR, COMPLETE,              CONTRACT-011",
        "ENTERED_IN_ERROR, REVOKE,                CONTRACT-011",
        "ENTERED_IN_ERROR, MARK_ENTERED_IN_ERROR, CONTRACT-011",
    })
    void status_changes_follow_the_transition_table(Kind from, Operation operation, String expected) {
        // given
        var contract = contractIn(from);
        // when
        var decision = operation.apply.apply(contract, changeWithReason("enligt patientens önskan"));
        // then
        if (expected.startsWith("CONTRACT-")) {
            assertThat(rejections(decision))
                    .singleElement()
                    .returns(expected, Rejection::code)
                    .returns("/status", Rejection::field)
                    .satisfies(r -> assertThat(r.reason()).contains("from " + from.code() + " to"));
        } else {
            assertThat(accepted(decision).status().code()).isEqualTo(expected);
            assertThat(accepted(decision).version()).isEqualTo(contract.version() + 1);
        }
    }

    @Test
    void illegal_status_change_names_both_status_codes() {
        // given
        var completed = contractIn(Kind.COMPLETED);
        // when
        var decision = completed.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .containsExactly(
                        new Rejection("CONTRACT-011", "/status", "illegal status change from completed to active"));
    }

    @Test
    void activation_records_who_agreed_and_when() {
        // given
        var draft = contractIn(Kind.DRAFT);
        var change = anyChange();
        // when
        var decision = draft.activate(change);
        // then
        assertThat(accepted(decision).status()).isEqualTo(new Active(change.at(), change.actor()));
        assertThat(event(decision)).isEqualTo(new ContractActivated(change.at(), change.actor()));
    }

    @Test
    void reactivating_a_revised_contract_records_the_new_agreement() {
        // given
        var revised = contractIn(Kind.REVISED);
        var later = new Change(anyActor(), Instant.parse("2025-04-01T10:00:00Z"), "nytt samtal med patienten");
        // when
        var active = accepted(revised.activate(later));
        // then
        assertThat(revised.status()).isInstanceOf(Revised.class);
        assertThat(active.status()).isEqualTo(new Active(later.at(), later.actor()));
    }

    @Test
    void activation_requires_a_planning_part() {
        // given
        var withoutPlanning = draftWith(List.of(ContractFixture.anyFastVardkontakt()));
        // when
        var decision = withoutPlanning.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-013", "/parts/sammanhallen-planering/goals"));
    }

    @Test
    void activation_requires_a_goal_of_the_patient() {
        // given
        var withoutGoal = draftWith(List.of(planningWithGoals(List.of())));
        // when
        var decision = withoutGoal.activate(anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("CONTRACT-013");
    }

    @Test
    void revoking_requires_a_reason() {
        // given
        var active = contractIn(Kind.ACTIVE);
        // when
        var withoutReason = active.revoke(changeWithReason(null));
        var blankReason = active.revoke(changeWithReason("  "));
        // then
        assertThat(rejections(withoutReason))
                .containsExactly(new Rejection("CONTRACT-012", "/reason", "a reason is required"));
        assertThat(rejections(blankReason)).extracting(Rejection::code).containsExactly("CONTRACT-012");
    }

    @Test
    void marking_entered_in_error_requires_a_reason() {
        // given
        var completed = contractIn(Kind.COMPLETED);
        // when
        var decision = completed.markEnteredInError(changeWithReason(null));
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-012", "/reason"));
    }

    @Test
    void revocation_keeps_the_reason_in_status_and_event() {
        // given
        var active = contractIn(Kind.ACTIVE);
        var change = changeWithReason("patienten vill inte längre ha kontrakt");
        // when
        var decision = active.revoke(change);
        // then
        assertThat(accepted(decision).status()).isEqualTo(new Revoked(change.at(), change.reason()));
        assertThat(event(decision)).isEqualTo(new ContractRevoked(change.reason()));
    }

    @Test
    void a_reason_longer_than_the_limit_is_refused() {
        // given
        var active = contractIn(Kind.ACTIVE);
        // when
        var decision = active.revoke(changeWithReason(ContractFixture.repeat(2001)));
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("CONTRACT-002", "/reason"));
    }

    @Test
    void status_codes_are_the_wire_codes() {
        assertThat(List.of(Kind.values()).stream().map(Kind::code))
                .containsExactly("draft", "active", "revised", "completed", "revoked", "entered-in-error");
        assertThat(contractIn(Kind.REVISED).status().code()).isEqualTo("revised");
    }
}
