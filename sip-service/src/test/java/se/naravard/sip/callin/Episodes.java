package se.naravard.sip.callin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Episode states as transition.events carry them, for the call-in rules' tests. */
final class Episodes {

    static final String PNR = "http://electronichealth.se/identifier/personnummer";
    static final Instant NOTICE_AT = Instant.parse("2026-11-24T09:00:00Z");
    static final Instant DUE = Instant.parse("2026-11-27T22:59:59Z");
    static final Invitee MUNICIPAL = new Invitee(Invitee.MUNICIPAL, "SE2120000530-HT01", "0680");
    static final Invitee PRIMARY = new Invitee(Invitee.PRIMARY_CARE, "SE2321000057-VC01", null);

    final UUID id = UUID.randomUUID();
    final UUID notice = UUID.randomUUID();
    final UUID sipTask = UUID.randomUUID();
    final UUID kallelse = UUID.randomUUID();

    EpisodeState.Message noticeMessage() {
        return new EpisodeState.Message(notice, "utskrivningsklar", NOTICE_AT, List.of(MUNICIPAL, PRIMARY), null);
    }

    EpisodeState.Task task(String state, Instant lateAt) {
        return new EpisodeState.Task(
                sipTask,
                EpisodeState.SIP_CALL_IN,
                DUE,
                state,
                notice,
                lateAt,
                EpisodeState.Task.OPEN.equals(state) ? null : kallelse);
    }

    /** Utskrivningsklar with the sip-call-in task in {@code state} (null: no such task). */
    EpisodeState state(long version, boolean both, String status, String taskState) {
        List<EpisodeState.Task> tasks = new ArrayList<>();
        tasks.add(new EpisodeState.Task(
                UUID.randomUUID(), "admission-notice", NOTICE_AT.minusSeconds(86400), "met", null, null, null));
        if (taskState != null) {
            tasks.add(task(taskState, null));
        }
        return new EpisodeState(
                id, version, PNR, "191212121212", "0680", both, status, null, List.of(noticeMessage()), tasks);
    }

    EpisodeState open(long version) {
        return state(version, true, "utskrivningsklar", EpisodeState.Task.OPEN);
    }

    CallIn callIn(long version) {
        var e = open(version);
        return CallIn.open(
                UUID.randomUUID(), e, e.task(sipTask).orElseThrow(), e.message(notice), null, NOTICE_AT.plusSeconds(5));
    }
}
