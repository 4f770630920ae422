package se.naravard.sip.callin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an episode's state requires of the call-in tasks (event-carried state, not event order: the
 * caller applies only episode versions newer than any applied before, and this compares state).
 *
 * <ul>
 *   <li>An episode needing both principals, not closed, with a {@code sip-call-in} task still awaiting
 *       fulfilment and no call-in task for it: open one.
 *   <li>An open call-in task whose transition task is gone from the episode (the utskrivningsklar
 *       notice was withdrawn, or made void): cancel it.
 *   <li>An open call-in task of a closed episode (deceased, moved, interrupted): cancel it.
 *   <li>An open call-in task whose transition task was fulfilled (a kallelse till SIP recorded in
 *       transition-service some other way): complete it elsewhere.
 * </ul>
 *
 * A discharge alone changes nothing: the SIP may be held after discharge and transition-service keeps
 * the clock running, so the fast vårdkontakt keeps the task. Completed and cancelled tasks are final.
 */
public final class CallInReconciler {

    public static final String WITHDRAWN = "withdrawn";
    public static final String EPISODE_CLOSED = "episode-closed";

    private CallInReconciler() {}

    /** One thing to do. */
    public sealed interface Step permits Open, Cancel, CompleteElsewhere {}

    /** Open a call-in task for {@code task}, triggered by {@code notice}. */
    public record Open(EpisodeState.Task task, Optional<EpisodeState.Message> notice) implements Step {}

    /** Cancel {@code callIn} for {@code reason}. */
    public record Cancel(CallIn callIn, String reason) implements Step {}

    /** Complete {@code callIn}: the kallelse was recorded elsewhere; {@code note} says how. */
    public record CompleteElsewhere(CallIn callIn, String note) implements Step {}

    /** The steps that bring {@code existing} (every call-in task of the episode) in line with {@code episode}. */
    public static List<Step> reconcile(EpisodeState episode, List<CallIn> existing) {
        List<Step> steps = new ArrayList<>();
        boolean closed = EpisodeState.CLOSED.equals(episode.status());
        for (CallIn c : existing) {
            if (!c.isOpen()) {
                continue;
            }
            Optional<EpisodeState.Task> task = episode.task(c.transitionTaskId());
            if (task.isEmpty()) {
                steps.add(new Cancel(c, WITHDRAWN));
            } else if (task.get().fulfilled()) {
                steps.add(new CompleteElsewhere(c, note(task.get())));
            } else if (closed) {
                steps.add(new Cancel(
                        c,
                        episode.closedReason() == null
                                ? EPISODE_CLOSED
                                : EPISODE_CLOSED + ": " + episode.closedReason()));
            }
        }
        if (!episode.needsBothPrincipals() || closed) {
            return steps;
        }
        for (EpisodeState.Task t : episode.tasks()) {
            if (EpisodeState.SIP_CALL_IN.equals(t.kind()) && t.awaitsFulfilment() && !known(existing, t.id())) {
                steps.add(new Open(t, t.trigger() == null ? Optional.empty() : episode.message(t.trigger())));
            }
        }
        return steps;
    }

    private static boolean known(List<CallIn> existing, UUID taskId) {
        return existing.stream().anyMatch(c -> c.transitionTaskId().equals(taskId));
    }

    private static String note(EpisodeState.Task t) {
        String how = t.fulfilledBy() == null ? "" : " (message " + t.fulfilledBy() + ")";
        return "a kallelse till SIP was recorded in transition-service" + how
                + (EpisodeState.Task.MET.equals(t.state()) ? "" : ", after the deadline");
    }
}
