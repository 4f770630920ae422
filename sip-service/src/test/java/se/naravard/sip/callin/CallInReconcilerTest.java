package se.naravard.sip.callin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.sip.callin.CallInReconciler.Cancel;
import se.naravard.sip.callin.CallInReconciler.CompleteElsewhere;
import se.naravard.sip.callin.CallInReconciler.Open;

class CallInReconcilerTest {

    private final Episodes episodes = new Episodes();

    @Test
    void an_open_sip_call_in_task_of_an_episode_needing_both_principals_opens_a_call_in() {
        var steps = CallInReconciler.reconcile(episodes.open(3), List.of());

        assertThat(steps).hasSize(1);
        Open open = (Open) steps.get(0);
        assertThat(open.task().id()).isEqualTo(episodes.sipTask);
        assertThat(open.notice()).contains(episodes.noticeMessage());
    }

    @Test
    void a_missed_task_not_yet_done_still_opens_one_but_a_met_one_does_not() {
        assertThat(CallInReconciler.reconcile(episodes.state(4, true, "utskrivningsklar", "missed"), List.of()))
                .hasSize(1);
        assertThat(CallInReconciler.reconcile(episodes.state(4, true, "utskrivningsklar", "met"), List.of()))
                .isEmpty();
    }

    @Test
    void a_known_task_is_never_opened_twice() {
        assertThat(CallInReconciler.reconcile(episodes.open(4), List.of(episodes.callIn(3))))
                .isEmpty();
    }

    @Test
    void nothing_opens_when_the_episode_does_not_need_both_principals_or_is_closed() {
        assertThat(CallInReconciler.reconcile(episodes.state(3, false, "utskrivningsklar", "open"), List.of()))
                .isEmpty();
        assertThat(CallInReconciler.reconcile(episodes.state(3, true, "closed", "open"), List.of()))
                .isEmpty();
    }

    @Test
    void a_task_gone_from_the_episode_is_cancelled_as_withdrawn() {
        CallIn open = episodes.callIn(3);

        var steps = CallInReconciler.reconcile(episodes.state(5, true, "admitted", null), List.of(open));

        assertThat(steps).containsExactly(new Cancel(open, CallInReconciler.WITHDRAWN));
    }

    @Test
    void a_closed_episode_cancels_with_its_reason() {
        CallIn open = episodes.callIn(3);
        var e = episodes.state(6, true, "closed", "open");
        var closed = new EpisodeState(
                e.id(),
                e.version(),
                e.personSystem(),
                e.personValue(),
                e.kommun(),
                true,
                "closed",
                "deceased",
                e.messages(),
                e.tasks());

        assertThat(CallInReconciler.reconcile(closed, List.of(open)))
                .containsExactly(new Cancel(open, "episode-closed: deceased"));
        assertThat(CallInReconciler.reconcile(e, List.of(open)))
                .containsExactly(new Cancel(open, CallInReconciler.EPISODE_CLOSED));
    }

    @Test
    void a_discharge_alone_leaves_the_task_open() {
        assertThat(CallInReconciler.reconcile(
                        episodes.state(6, true, "discharged", "open"), List.of(episodes.callIn(3))))
                .isEmpty();
    }

    @Test
    void a_task_met_or_done_late_elsewhere_completes_it_elsewhere() {
        CallIn open = episodes.callIn(3);
        var met = CallInReconciler.reconcile(episodes.state(6, true, "utskrivningsklar", "met"), List.of(open));
        assertThat(met).hasSize(1);
        assertThat(((CompleteElsewhere) met.get(0)).note())
                .contains(episodes.kallelse.toString())
                .doesNotContain("after");

        var late = episodes.state(7, true, "utskrivningsklar", null);
        var withLate = new EpisodeState(
                late.id(),
                7,
                late.personSystem(),
                late.personValue(),
                late.kommun(),
                true,
                "utskrivningsklar",
                null,
                late.messages(),
                List.of(episodes.task("missed", Instant.parse("2026-11-28T08:00:00Z"))));
        var steps = CallInReconciler.reconcile(withLate, List.of(open));
        assertThat(((CompleteElsewhere) steps.get(0)).note()).endsWith("after the deadline");
    }

    @Test
    void closed_call_ins_are_final() {
        CallIn open = episodes.callIn(3);
        CallIn cancelled = open.cancel("withdrawn", Instant.now(), 5);

        assertThat(CallInReconciler.reconcile(episodes.state(6, true, "closed", null), List.of(cancelled)))
                .isEmpty();
    }
}
