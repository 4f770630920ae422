package se.naravard.transition.episode;

import static se.naravard.transition.TransitionRejections.ALREADY_UTSKRIVNINGSKLAR;
import static se.naravard.transition.TransitionRejections.BEFORE_ADMISSION;
import static se.naravard.transition.TransitionRejections.DUPLICATE_MESSAGE;
import static se.naravard.transition.TransitionRejections.EPISODE_CLOSED;
import static se.naravard.transition.TransitionRejections.EPISODE_DISCHARGED;
import static se.naravard.transition.TransitionRejections.KOMMUN_REQUIRED;
import static se.naravard.transition.TransitionRejections.MESSAGE_CANCELLED;
import static se.naravard.transition.TransitionRejections.NOTHING_TO_WITHDRAW;
import static se.naravard.transition.TransitionRejections.NO_ADDRESSEE;
import static se.naravard.transition.TransitionRejections.REFERS_TO_INVALID;
import static se.naravard.transition.TransitionRejections.SENT_OUT_OF_ORDER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.naravard.platform.domain.Rejection;
import se.naravard.transition.calendar.SwedishTime;

/** The refusals of {@link Episode#send}: first the message's own fields, then the sequence. */
final class MessageChecks {

    private MessageChecks() {}

    static List<Rejection> check(Episode episode, Message m, Change change) {
        var rejections = fields(episode, m, change);
        if (rejections.isEmpty()) {
            sequence(episode, m).ifPresent(rejections::add);
        }
        return rejections;
    }

    private static List<Rejection> fields(Episode episode, Message m, Change change) {
        var rejections = new ArrayList<Rejection>();
        if (episode.message(m.id()).isPresent()) {
            rejections.add(DUPLICATE_MESSAGE.at("/id", "a message with this id is already recorded"));
        }
        if (m.addressees().isEmpty()) {
            rejections.add(NO_ADDRESSEE.at("/addressees", "a message needs at least one addressee"));
        }
        for (int i = 0; i < m.addressees().size(); i++) {
            var a = m.addressees().get(i);
            if (a.kind() == Addressee.Kind.MUNICIPAL && a.kommun() == null) {
                rejections.add(KOMMUN_REQUIRED.at(
                        "/addressees/" + i + "/kommun", "a municipal addressee needs its kommunkod"));
            }
        }
        var admittedAt = episode.admission().admittedAt();
        var last = episode.messages().isEmpty()
                ? null
                : episode.messages().get(episode.messages().size() - 1);
        if (m.sentAt().isBefore(admittedAt)) {
            rejections.add(BEFORE_ADMISSION.at("/sentAt", "sent before the admission"));
        } else if (last != null && m.sentAt().isBefore(last.sentAt())) {
            rejections.add(SENT_OUT_OF_ORDER.at("/sentAt", "sent before the last recorded message"));
        } else if (m.sentAt().isAfter(change.at())) {
            rejections.add(SENT_OUT_OF_ORDER.at("/sentAt", "sent after the time it is recorded"));
        }
        return rejections;
    }

    private static Optional<Rejection> sequence(Episode episode, Message m) {
        var referred = m.reference().flatMap(episode::message);
        if (m.type() == MessageType.MAKULERING) {
            return makulering(referred);
        }
        if (referred.filter(Message::isCancelled).isPresent()) {
            return Optional.of(MESSAGE_CANCELLED.at("/refersTo", "the referred message was cancelled by makulering"));
        }
        var status = episode.status();
        switch (status.kind()) {
            case CLOSED:
                return Optional.of(EPISODE_CLOSED.at("/type", "the episode is closed; only makulering is accepted"));
            case DISCHARGED:
                return afterDischarge((EpisodeStatus.Discharged) status, m);
            case ADMITTED:
                return m.type() == MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR
                        ? Optional.of(NOTHING_TO_WITHDRAW.at("/type", "the patient is not utskrivningsklar"))
                        : Optional.empty();
            case UTSKRIVNINGSKLAR:
                return whileReady(episode, m);
            default:
                throw new IllegalStateException("unknown status " + status.kind());
        }
    }

    private static Optional<Rejection> makulering(Optional<Message> referred) {
        if (referred.isEmpty() || referred.get().type() == MessageType.MAKULERING) {
            return Optional.of(
                    REFERS_TO_INVALID.at("/refersTo", "a makulering names a message of this episode to cancel"));
        }
        if (referred.get().isCancelled()) {
            return Optional.of(MESSAGE_CANCELLED.at("/refersTo", "the message is already cancelled"));
        }
        return Optional.empty();
    }

    /**
     * After discharge [DESIGN]: the utskrivningsmeddelande is still due "no later than the day of
     * discharge" (DOMAIN.md §5 step 7), and the kallelse till SIP may follow discharge because the SIP
     * can be held after it (§5 step 6) and its three-day clock may run past the discharge.
     */
    private static Optional<Rejection> afterDischarge(EpisodeStatus.Discharged discharged, Message m) {
        var sameDay = SwedishTime.dateOf(m.sentAt()).equals(SwedishTime.dateOf(discharged.at()));
        if (m.type() == MessageType.KALLELSE_SIP || (m.type() == MessageType.UTSKRIVNINGSMEDDELANDE && sameDay)) {
            return Optional.empty();
        }
        return Optional.of(EPISODE_DISCHARGED.at(
                "/type",
                "the patient is discharged; only makulering, kallelse till SIP and same-day"
                        + " utskrivningsmeddelande are accepted"));
    }

    private static Optional<Rejection> whileReady(Episode episode, Message m) {
        if (m.type() == MessageType.UTSKRIVNINGSKLAR) {
            return Optional.of(ALREADY_UTSKRIVNINGSKLAR.at("/type", "the patient is already utskrivningsklar"));
        }
        if (m.type() == MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR
                && !m.reference().equals(episode.currentNotice().map(Message::id))) {
            return Optional.of(
                    REFERS_TO_INVALID.at("/refersTo", "an återtagande names the utskrivningsklar notice it withdraws"));
        }
        return Optional.empty();
    }
}
