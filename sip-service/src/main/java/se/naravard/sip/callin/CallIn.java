package se.naravard.sip.callin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import se.naravard.platform.domain.Rejection;

/**
 * A SIP call-in task (kallelse till SIP, DOMAIN.md §5 step 5): the fast vårdkontakt in primary care
 * must call the SIP within three days of the utskrivningsklar notice. One per {@code sip-call-in}
 * deadline task of transition-service ({@code transitionTaskId}); completing it is reported back on
 * {@code sip.events} so that transition-service records the kallelse and the clock is met.
 *
 * @param noticeMessageId the utskrivningsklar notice that started the clock (the task's trigger)
 * @param noticeSentAt when that notice was sent (null if the episode did not carry it)
 * @param assignedUnits the primary-care addressees of the notice: the fast vårdkontakt's unit(s)
 * @param noticeAddressees every addressee of the notice: the default invitees
 * @param sipId the person's SIP: a non-closed SIP found when the task was opened, or the one named
 *     at completion; null if none
 * @param calledAt when the kallelse was sent (completion)
 * @param completedByPerson who reported the completion (null: completed elsewhere)
 * @param invitees who was called (completion); empty until then
 * @param note why the task closed without a completion here (completed elsewhere)
 * @param episodeVersion the episode version last applied to this task
 * @param version this task's version: 1 when opened, +1 per change
 */
public record CallIn(
        UUID id,
        UUID transitionTaskId,
        UUID episodeId,
        UUID noticeMessageId,
        Instant noticeSentAt,
        String personSystem,
        String personValue,
        String kommun,
        Instant dueAt,
        List<String> assignedUnits,
        List<Invitee> noticeAddressees,
        CallInStatus status,
        UUID sipId,
        Instant calledAt,
        String completedByPerson,
        String completedByUnit,
        Instant completedAt,
        List<Invitee> invitees,
        String note,
        Instant cancelledAt,
        String cancelReason,
        long episodeVersion,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    public CallIn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transitionTaskId, "transitionTaskId");
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(personSystem, "personSystem");
        Objects.requireNonNull(personValue, "personValue");
        Objects.requireNonNull(kommun, "kommun");
        Objects.requireNonNull(status, "status");
        assignedUnits = List.copyOf(assignedUnits);
        noticeAddressees = List.copyOf(noticeAddressees);
        invitees = invitees == null ? List.of() : List.copyOf(invitees);
    }

    /**
     * Opens the task for {@code task} of {@code episode}; {@code notice} is the message that triggered
     * it (may be absent), {@code existingSip} a non-closed SIP of the person, if any.
     */
    public static CallIn open(
            UUID id,
            EpisodeState episode,
            EpisodeState.Task task,
            Optional<EpisodeState.Message> notice,
            UUID existingSip,
            Instant now) {
        List<Invitee> addressees = notice.map(EpisodeState.Message::addressees).orElse(List.of());
        return new CallIn(
                id,
                task.id(),
                episode.id(),
                task.trigger(),
                notice.map(EpisodeState.Message::sentAt).orElse(null),
                episode.personSystem(),
                episode.personValue(),
                episode.kommun(),
                task.dueAt(),
                addressees.stream()
                        .filter(a -> Invitee.PRIMARY_CARE.equals(a.kind()))
                        .map(Invitee::unit)
                        .toList(),
                addressees,
                CallInStatus.OPEN,
                existingSip,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                episode.version(),
                1,
                now,
                now);
    }

    public boolean isOpen() {
        return status == CallInStatus.OPEN;
    }

    /**
     * What the fast vårdkontakt reports: who, the SIP (null: the linked one), when the kallelse went out
     * (null: now) and who was called (null: every addressee of the notice).
     */
    public record Completion(String person, String unit, UUID sipId, Instant calledAt, List<String> invitees) {
        public Completion {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(unit, "unit");
            invitees = invitees == null ? null : List.copyOf(invitees);
        }
    }

    /** A completion accepted ({@code callIn}) or refused ({@code rejections}; {@code conflict}: 409). */
    public record Outcome(CallIn callIn, List<Rejection> rejections, boolean conflict) {
        public Outcome {
            rejections = List.copyOf(rejections);
        }

        public boolean accepted() {
            return callIn != null;
        }
    }

    /** Records that the SIP was called; refused unless the task is open and the facts fit the notice. */
    public Outcome complete(Completion c, Instant now) {
        if (!isOpen()) {
            return new Outcome(
                    null,
                    List.of(new Rejection(
                            CallInRejections.NOT_OPEN,
                            "/status",
                            "the call-in task is " + status.code() + ", not open")),
                    true);
        }
        List<Rejection> faults = new ArrayList<>();
        Instant called = c.calledAt() == null ? now : c.calledAt();
        if (called.isAfter(now)) {
            faults.add(new Rejection(CallInRejections.CALLED_IN_FUTURE, "/calledAt", "calledAt is in the future"));
        } else if (noticeSentAt != null && called.isBefore(noticeSentAt)) {
            faults.add(new Rejection(
                    CallInRejections.CALLED_BEFORE_NOTICE,
                    "/calledAt",
                    "calledAt is before the utskrivningsklar notice was sent"));
        }
        List<Invitee> calledUnits = new ArrayList<>();
        if (c.invitees() == null) {
            calledUnits.addAll(noticeAddressees);
        } else {
            for (int i = 0; i < c.invitees().size(); i++) {
                String unit = c.invitees().get(i);
                Optional<Invitee> match = noticeAddressees.stream()
                        .filter(a -> a.unit().equals(unit))
                        .findFirst();
                if (match.isEmpty()) {
                    faults.add(new Rejection(
                            CallInRejections.NOT_AN_ADDRESSEE,
                            "/invitees/" + i,
                            "not an addressee of the utskrivningsklar notice"));
                } else if (!calledUnits.contains(match.get())) {
                    calledUnits.add(match.get());
                }
            }
        }
        if (!faults.isEmpty()) {
            return new Outcome(null, faults, false);
        }
        return new Outcome(
                new CallIn(
                        id,
                        transitionTaskId,
                        episodeId,
                        noticeMessageId,
                        noticeSentAt,
                        personSystem,
                        personValue,
                        kommun,
                        dueAt,
                        assignedUnits,
                        noticeAddressees,
                        CallInStatus.COMPLETED,
                        c.sipId() == null ? sipId : c.sipId(),
                        called,
                        c.person(),
                        c.unit(),
                        now,
                        calledUnits,
                        null,
                        null,
                        null,
                        episodeVersion,
                        version + 1,
                        createdAt,
                        now),
                List.of(),
                false);
    }

    /** The task no longer applies (the notice was withdrawn, the episode closed). Only an open task. */
    public CallIn cancel(String reason, Instant at, long appliedEpisodeVersion) {
        requireOpen();
        return new CallIn(
                id,
                transitionTaskId,
                episodeId,
                noticeMessageId,
                noticeSentAt,
                personSystem,
                personValue,
                kommun,
                dueAt,
                assignedUnits,
                noticeAddressees,
                CallInStatus.CANCELLED,
                sipId,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                at,
                reason,
                appliedEpisodeVersion,
                version + 1,
                createdAt,
                at);
    }

    /**
     * transition-service saw a kallelse till SIP sent some other way: the task is done, by nobody
     * here ({@code completedBy} null), with a note. Only an open task.
     */
    public CallIn completeElsewhere(String why, Instant at, long appliedEpisodeVersion) {
        requireOpen();
        return new CallIn(
                id,
                transitionTaskId,
                episodeId,
                noticeMessageId,
                noticeSentAt,
                personSystem,
                personValue,
                kommun,
                dueAt,
                assignedUnits,
                noticeAddressees,
                CallInStatus.COMPLETED,
                sipId,
                null,
                null,
                null,
                at,
                List.of(),
                why,
                null,
                null,
                appliedEpisodeVersion,
                version + 1,
                createdAt,
                at);
    }

    private void requireOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("call-in task " + id + " is " + status.code());
        }
    }
}
