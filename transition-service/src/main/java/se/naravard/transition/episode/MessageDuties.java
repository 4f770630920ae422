package se.naravard.transition.episode;

import se.naravard.transition.episode.EpisodeStatus.ClosedReason;

/** What an accepted (non-makulering) message does to the status and the deadline tasks. */
final class MessageDuties {

    private MessageDuties() {}

    static EpisodeStatus statusAfter(EpisodeStatus status, Message m) {
        return switch (m.type()) {
            case UTSKRIVNINGSKLAR -> new EpisodeStatus.Utskrivningsklar(m.sentAt());
            case ATERTAGANDE_UTSKRIVNINGSKLAR -> new EpisodeStatus.Admitted();
            case PATIENT_AVLIDEN -> new EpisodeStatus.Closed(ClosedReason.DECEASED, m.sentAt());
            case PATIENT_FLYTTAD -> new EpisodeStatus.Closed(ClosedReason.MOVED, m.sentAt());
            case AVBROTT -> new EpisodeStatus.Closed(ClosedReason.INTERRUPTED, m.sentAt());
            case INSKRIVNINGSMEDDELANDE, PLANERINGSUNDERLAG, UTSKRIVNINGSMEDDELANDE, KALLELSE_SIP, MAKULERING -> status;
        };
    }

    static void apply(Episode episode, Message m, TaskBook book) {
        var deadlines = episode.rules().deadlines();
        switch (m.type()) {
            case INSKRIVNINGSMEDDELANDE -> book.fulfil(t -> t.kind() == TaskKind.ADMISSION_NOTICE, m.sentAt(), m.id());
            case KALLELSE_SIP -> book.fulfil(t -> t.kind() == TaskKind.SIP_CALL_IN, m.sentAt(), m.id());
            case UTSKRIVNINGSMEDDELANDE -> book.fulfil(
                    t -> t.kind() == TaskKind.DISCHARGE_INFORMATION, m.sentAt(), m.id());
            case UTSKRIVNINGSKLAR -> {
                // DOMAIN.md §5 step 5: SIP is called where both principals must act. A SIP already
                // called for an earlier notice of this episode still stands after a renewal [DESIGN].
                if (episode.admission().needsBothPrincipals() && !book.anyFulfilled(TaskKind.SIP_CALL_IN)) {
                    var due = deadlines.sipCallIn(m.sentAt()).dueAt();
                    book.open(DeadlineTask.open(TaskKind.SIP_CALL_IN, due, m.id(), null));
                }
            }
            case ATERTAGANDE_UTSKRIVNINGSKLAR -> {
                // The withdrawn notice no longer starts a SIP clock; a renewed notice starts a new one.
                book.cancelOpen(t -> t.kind() == TaskKind.SIP_CALL_IN);
                // DOMAIN.md §5 step 4 "notify at once": this message is the notice, so its clock is met
                // by the message itself; the task records the evidence [DESIGN].
                var due = deadlines.withdrawalNotice(m.sentAt()).dueAt();
                book.open(DeadlineTask.open(TaskKind.WITHDRAWAL_NOTICE, due, m.id(), null));
                book.fulfil(
                        t -> m.id().equals(t.trigger()) && t.kind() == TaskKind.WITHDRAWAL_NOTICE, m.sentAt(), m.id());
            }
            case PLANERINGSUNDERLAG, PATIENT_AVLIDEN, PATIENT_FLYTTAD, AVBROTT, MAKULERING -> {}
        }
    }
}
