package se.naravard.transition.episode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import se.naravard.transition.deadline.DeadlineState;
import se.naravard.transition.episode.EpisodeEvent.DeadlineCancelled;
import se.naravard.transition.episode.EpisodeEvent.DeadlineMet;
import se.naravard.transition.episode.EpisodeEvent.DeadlineMissed;
import se.naravard.transition.episode.EpisodeEvent.DeadlineReopened;

/** The working copy of an episode's tasks during one operation, collecting the events it causes. */
final class TaskBook {

    private final List<DeadlineTask> tasks;
    private final List<EpisodeEvent> events;

    TaskBook(List<DeadlineTask> tasks, List<EpisodeEvent> events) {
        this.tasks = new ArrayList<>(tasks);
        this.events = events;
    }

    List<DeadlineTask> tasks() {
        return List.copyOf(tasks);
    }

    void open(DeadlineTask task) {
        tasks.add(task);
    }

    boolean anyFulfilled(TaskKind kind) {
        return tasks.stream().anyMatch(t -> t.kind() == kind && t.isFulfilled());
    }

    /**
     * Fulfils every matching task still waiting: met if on time, missed if late. A task already reported
     * missed keeps its state and gains the late fulfilment as evidence, without a second event.
     */
    void fulfil(Predicate<DeadlineTask> matches, Instant at, MessageId by) {
        for (int i = 0; i < tasks.size(); i++) {
            var task = tasks.get(i);
            if (!matches.test(task) || !task.awaitsFulfilment()) {
                continue;
            }
            var wasOpen = task.state().kind() == DeadlineState.Kind.OPEN;
            DeadlineState next =
                    at.isAfter(task.dueAt()) ? new DeadlineState.Missed(task.dueAt(), at) : new DeadlineState.Met(at);
            var updated = task.with(next, by);
            tasks.set(i, updated);
            if (next.kind() == DeadlineState.Kind.MET) {
                events.add(new DeadlineMet(updated));
            } else if (wasOpen) {
                events.add(new DeadlineMissed(updated));
            }
        }
    }

    /** Drops open tasks that no longer apply; met and missed tasks stay as evidence. */
    void cancelOpen(Predicate<DeadlineTask> matches) {
        var it = tasks.iterator();
        while (it.hasNext()) {
            var task = it.next();
            if (matches.test(task) && task.state().kind() == DeadlineState.Kind.OPEN) {
                it.remove();
                events.add(new DeadlineCancelled(task));
            }
        }
    }

    /**
     * A message cancelled by makulering fulfilled nothing: tasks it met open again (the sweep reports
     * them missed if their time has passed); a missed task loses the late fulfilment.
     */
    void unfulfil(MessageId cancelled) {
        for (int i = 0; i < tasks.size(); i++) {
            var task = tasks.get(i);
            if (!cancelled.equals(task.fulfilledBy())) {
                continue;
            }
            if (task.state().kind() == DeadlineState.Kind.MET) {
                var reopened = task.with(new DeadlineState.Open(), null);
                tasks.set(i, reopened);
                events.add(new DeadlineReopened(reopened));
            } else {
                tasks.set(i, task.with(new DeadlineState.Missed(task.dueAt(), null), null));
            }
        }
    }

    /** Open tasks whose due time has passed at {@code now} become missed; idempotent. */
    void sweep(Instant now) {
        for (int i = 0; i < tasks.size(); i++) {
            var task = tasks.get(i);
            if (task.state().kind() == DeadlineState.Kind.OPEN && now.isAfter(task.dueAt())) {
                var missed = task.with(new DeadlineState.Missed(task.dueAt(), null), null);
                tasks.set(i, missed);
                events.add(new DeadlineMissed(missed));
            }
        }
    }
}
