package se.naravard.sip.callin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallInTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final Episodes episodes = new Episodes();

    @Test
    void opening_assigns_the_primary_care_addressees_and_invites_every_addressee_by_default() {
        CallIn c = episodes.callIn(3);

        assertThat(c.status()).isEqualTo(CallInStatus.OPEN);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.episodeVersion()).isEqualTo(3);
        assertThat(c.noticeMessageId()).isEqualTo(episodes.notice);
        assertThat(c.noticeSentAt()).isEqualTo(Episodes.NOTICE_AT);
        assertThat(c.dueAt()).isEqualTo(Episodes.DUE);
        assertThat(c.assignedUnits()).containsExactly(Episodes.PRIMARY.unit());
        assertThat(c.noticeAddressees()).containsExactly(Episodes.MUNICIPAL, Episodes.PRIMARY);
        assertThat(c.invitees()).isEmpty();
    }

    @Test
    void without_the_notice_the_task_still_opens_with_nobody_assigned() {
        var e = episodes.open(3);
        CallIn c =
                CallIn.open(UUID.randomUUID(), e, e.task(episodes.sipTask).orElseThrow(), Optional.empty(), null, NOW);

        assertThat(c.assignedUnits()).isEmpty();
        assertThat(c.noticeSentAt()).isNull();
    }

    @Test
    void completion_records_who_when_and_whom_and_counts_a_version() {
        UUID sip = UUID.randomUUID();
        var outcome = episodes.callIn(3)
                .complete(
                        new CallIn.Completion(
                                "SE2321000057-N001",
                                "SE2321000057-VC01",
                                sip,
                                Instant.parse("2026-11-25T08:00:00Z"),
                                List.of("SE2321000057-VC01", "SE2321000057-VC01")),
                        NOW);

        assertThat(outcome.accepted()).isTrue();
        CallIn done = outcome.callIn();
        assertThat(done.status()).isEqualTo(CallInStatus.COMPLETED);
        assertThat(done.version()).isEqualTo(2);
        assertThat(done.sipId()).isEqualTo(sip);
        assertThat(done.calledAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(done.completedAt()).isEqualTo(NOW);
        assertThat(done.completedByUnit()).isEqualTo("SE2321000057-VC01");
        assertThat(done.invitees()).containsExactly(Episodes.PRIMARY);
    }

    @Test
    void completion_defaults_to_now_the_linked_sip_and_every_addressee() {
        var e = episodes.open(3);
        UUID linked = UUID.randomUUID();
        CallIn c = CallIn.open(
                UUID.randomUUID(), e, e.task(episodes.sipTask).orElseThrow(), e.message(episodes.notice), linked, NOW);

        CallIn done = c.complete(new CallIn.Completion("SE2321000057-N001", "SE2321000057-VC01", null, null, null), NOW)
                .callIn();

        assertThat(done.calledAt()).isEqualTo(NOW);
        assertThat(done.sipId()).isEqualTo(linked);
        assertThat(done.invitees()).containsExactly(Episodes.MUNICIPAL, Episodes.PRIMARY);
    }

    @Test
    void completion_is_refused_in_the_future_before_the_notice_or_to_strangers() {
        CallIn c = episodes.callIn(3);

        var future = c.complete(
                new CallIn.Completion("SE2321000057-N001", "SE2321000057-VC01", null, NOW.plusSeconds(60), null), NOW);
        var early = c.complete(
                new CallIn.Completion(
                        "SE2321000057-N001", "SE2321000057-VC01", null, Episodes.NOTICE_AT.minusSeconds(1), null),
                NOW);
        var stranger = c.complete(
                new CallIn.Completion(
                        "SE2321000057-N001", "SE2321000057-VC01", null, null, List.of("SE2321000057-XX99")),
                NOW);

        assertThat(future.rejections()).extracting(r -> r.code() + r.field()).containsExactly("SIP-082/calledAt");
        assertThat(early.rejections()).extracting(r -> r.code() + r.field()).containsExactly("SIP-083/calledAt");
        assertThat(stranger.rejections()).extracting(r -> r.code() + r.field()).containsExactly("SIP-084/invitees/0");
        assertThat(stranger.conflict()).isFalse();
    }

    @Test
    void a_closed_task_cannot_be_completed_cancelled_or_completed_elsewhere() {
        CallIn cancelled = episodes.callIn(3).cancel("withdrawn", NOW, 5);

        assertThat(cancelled.status()).isEqualTo(CallInStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo("withdrawn");
        assertThat(cancelled.version()).isEqualTo(2);
        var again = cancelled.complete(
                new CallIn.Completion("SE2321000057-N001", "SE2321000057-VC01", null, null, null), NOW);
        assertThat(again.conflict()).isTrue();
        assertThat(again.rejections()).extracting(r -> r.code()).containsExactly(CallInRejections.NOT_OPEN);
        assertThatThrownBy(() -> cancelled.cancel("again", NOW, 6)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cancelled.completeElsewhere("x", NOW, 6)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void completed_elsewhere_has_no_completer_but_a_note() {
        CallIn done = episodes.callIn(3).completeElsewhere("kallelse recorded", NOW, 6);

        assertThat(done.status()).isEqualTo(CallInStatus.COMPLETED);
        assertThat(done.completedByPerson()).isNull();
        assertThat(done.note()).isEqualTo("kallelse recorded");
        assertThat(done.episodeVersion()).isEqualTo(6);
    }

    @Test
    void status_codes_round_trip() {
        for (CallInStatus s : CallInStatus.values()) {
            assertThat(CallInStatus.parse(s.code())).contains(s);
        }
        assertThat(CallInStatus.parse("nope")).isEmpty();
    }
}
