package se.naravard.sip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.sip.model.SipFixture.accepted;
import static se.naravard.sip.model.SipFixture.anyChange;
import static se.naravard.sip.model.SipFixture.changeWithReason;
import static se.naravard.sip.model.SipFixture.event;
import static se.naravard.sip.model.SipFixture.rejections;
import static se.naravard.sip.model.SipFixture.sipIn;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import se.naravard.platform.domain.Rejection;
import se.naravard.sip.model.SipEvent.SipCancelled;
import se.naravard.sip.model.SipStatus.Kind;

/** The SIP status model (our design for DOMAIN.md §4; see {@link SipStatus}). */
class SipStatusTransitionTest {

    enum Operation {
        ACTIVATE(Sip::activate, "sip-activated"),
        COMPLETE(Sip::complete, "sip-completed"),
        CANCEL(Sip::cancel, "sip-cancelled"),
        MARK_ENTERED_IN_ERROR(Sip::markEnteredInError, "sip-entered-in-error");

        final BiFunction<Sip, Change, Decision> apply;
        final String eventType;

        Operation(BiFunction<Sip, Change, Decision> apply, String eventType) {
            this.apply = apply;
            this.eventType = eventType;
        }
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
        "DRAFT,            ACTIVATE,              active",
        "DRAFT,            COMPLETE,              SIP-011",
        "DRAFT,            CANCEL,                cancelled",
        "DRAFT,            MARK_ENTERED_IN_ERROR, entered-in-error",
        "ACTIVE,           ACTIVATE,              SIP-011",
        "ACTIVE,           COMPLETE,              completed",
        "ACTIVE,           CANCEL,                cancelled",
        "ACTIVE,           MARK_ENTERED_IN_ERROR, entered-in-error",
        "COMPLETED,        ACTIVATE,              SIP-011",
        "COMPLETED,        COMPLETE,              SIP-011",
        "COMPLETED,        CANCEL,                SIP-011",
        "COMPLETED,        MARK_ENTERED_IN_ERROR, entered-in-error",
        "CANCELLED,        ACTIVATE,              SIP-011",
        "CANCELLED,        COMPLETE,              SIP-011",
        "CANCELLED,        CANCEL,                SIP-011",
        "CANCELLED,        MARK_ENTERED_IN_ERROR, entered-in-error",
        "ENTERED_IN_ERROR, ACTIVATE,              SIP-011",
        "ENTERED_IN_ERROR, COMPLETE,              SIP-011",
        "ENTERED_IN_ERROR, CANCEL,                SIP-011",
        "ENTERED_IN_ERROR, MARK_ENTERED_IN_ERROR, SIP-011",
    })
    void status_changes_follow_the_transition_table(Kind from, Operation operation, String expected) {
        // given
        var sip = sipIn(from);
        // when
        var decision = operation.apply.apply(sip, changeWithReason("enligt personens önskan"));
        // then
        if (expected.startsWith("SIP-")) {
            assertThat(rejections(decision))
                    .singleElement()
                    .returns(expected, Rejection::code)
                    .returns("/status", Rejection::field)
                    .satisfies(r -> assertThat(r.reason()).contains("from " + from.code() + " to"));
        } else {
            assertThat(accepted(decision).status().code()).isEqualTo(expected);
            assertThat(accepted(decision).version()).isEqualTo(sip.version() + 1);
            assertThat(event(decision).typeName()).isEqualTo(operation.eventType);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"COMPLETED", "CANCELLED", "ENTERED_IN_ERROR"})
    void a_closed_sip_refuses_every_content_change(Kind closed) {
        // given
        var sip = sipIn(closed);
        // when
        var decision = sip.addGoal(new Goal("Nytt mål"), anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(org.assertj.core.api.Assertions.tuple("SIP-010", "/status"));
    }

    @Test
    void cancelling_and_marking_entered_in_error_need_a_reason() {
        // given
        var draft = sipIn(Kind.DRAFT);
        // when
        var cancel = draft.cancel(changeWithReason(null));
        var error = draft.markEnteredInError(changeWithReason(" "));
        // then
        assertThat(rejections(cancel)).containsExactly(new Rejection("SIP-012", "/reason", "a reason is required"));
        assertThat(rejections(error)).extracting(Rejection::code).containsExactly("SIP-012");
    }

    @Test
    void cancellation_keeps_the_reason_in_status_and_event() {
        // given
        var active = sipIn(Kind.ACTIVE);
        var change = changeWithReason("personen flyttar");
        // when
        var decision = active.cancel(change);
        // then
        assertThat(accepted(decision).status()).isEqualTo(new SipStatus.Cancelled(change.at(), change.reason()));
        assertThat(event(decision)).isEqualTo(new SipCancelled(change.reason()));
    }

    @Test
    void status_codes_are_the_wire_codes() {
        assertThat(List.of(Kind.values()).stream().map(Kind::code))
                .containsExactly("draft", "active", "completed", "cancelled", "entered-in-error");
    }
}
