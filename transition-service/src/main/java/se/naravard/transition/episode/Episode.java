package se.naravard.transition.episode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.transition.TransitionRejections;
import se.naravard.transition.agreement.Precondition;
import se.naravard.transition.calendar.SwedishTime;
import se.naravard.transition.deadline.DeadlineState;
import se.naravard.transition.episode.Decision.Accepted;
import se.naravard.transition.episode.Decision.Rejected;
import se.naravard.transition.episode.EpisodeEvent.MessageCancelled;
import se.naravard.transition.episode.EpisodeEvent.MessageSent;
import se.naravard.transition.episode.EpisodeEvent.PatientAdmitted;
import se.naravard.transition.episode.EpisodeEvent.PatientDischarged;
import se.naravard.transition.episode.EpisodeEvent.ReceiptRecorded;
import se.naravard.transition.liability.LiabilityCase;
import se.naravard.transition.liability.Withdrawal;

/**
 * A slutenvårdstillfälle (inpatient episode) and its LUS care-transition messages (DOMAIN.md §5). One
 * immutable version: every accepted change returns a new version numbered one higher, with who/when in
 * {@code lastChange}. The status is replayed from the standing messages, so a makulering undoes
 * exactly what the cancelled message did. {@code rules} is configuration, supplied again on load.
 */
public record Episode(
        Admission admission,
        EpisodeStatus status,
        List<Message> messages,
        List<DeadlineTask> tasks,
        int version,
        Change lastChange,
        EpisodeRules rules) {

    public Episode {
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastChange, "lastChange");
        Objects.requireNonNull(rules, "rules");
        messages = List.copyOf(messages);
        tasks = List.copyOf(tasks);
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, was " + version);
        }
    }

    public static Decision admit(Admission admission, Change change) {
        return admit(admission, change, EpisodeRules.defaults());
    }

    /**
     * Opens version 1. The inskrivningsmeddelande clock (24 hours from the assessment, DOMAIN.md §5 step
     * 1) starts only when the physician judges the patient may need help after discharge.
     */
    public static Decision admit(Admission admission, Change change, EpisodeRules rules) {
        var rejections = new ArrayList<Rejection>();
        if (admission.physicianAssessedAt().isBefore(admission.admittedAt())) {
            rejections.add(TransitionRejections.ASSESSMENT_BEFORE_ADMISSION.at(
                    "/physicianAssessedAt", "the assessment belongs to this admission and cannot precede it"));
        }
        var expected = admission.expectedDischargeDate();
        if (expected != null && expected.isBefore(SwedishTime.dateOf(admission.admittedAt()))) {
            rejections.add(TransitionRejections.EXPECTED_DISCHARGE_BEFORE_ADMISSION.at(
                    "/expectedDischargeDate", "before the admission date"));
        }
        if (!rejections.isEmpty()) {
            return new Rejected(rejections);
        }
        var tasks = new ArrayList<DeadlineTask>();
        if (admission.admissionNoticeDue()) {
            var due = rules.deadlines()
                    .admissionNotice(admission.physicianAssessedAt())
                    .dueAt();
            tasks.add(DeadlineTask.open(TaskKind.ADMISSION_NOTICE, due, null, null));
        }
        var episode = new Episode(admission, new EpisodeStatus.Admitted(), List.of(), tasks, 1, change, rules);
        return new Accepted(
                episode, List.of(new PatientAdmitted(admission.admittedAt(), admission.physicianAssessedAt())));
    }

    public EpisodeId id() {
        return admission.id();
    }

    public Optional<Message> message(MessageId id) {
        return messages.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The standing utskrivningsklar notice, if the patient is utskrivningsklar now. */
    public Optional<Message> currentNotice() {
        if (status.kind() != EpisodeStatus.Kind.UTSKRIVNINGSKLAR) {
            return Optional.empty();
        }
        return live().stream()
                .filter(m -> m.type() == MessageType.UTSKRIVNINGSKLAR)
                .reduce((a, b) -> b);
    }

    /**
     * Records a sent message. Refused (TRANSITION-3xx) when its fields are wrong or it does not fit the
     * sequence of DOMAIN.md §5; see {@link MessageChecks}. Receipts and cancellation on {@code message}
     * are ignored: they are recorded by {@link #recordReceipt} and by a makulering.
     */
    public Decision send(Message message, Change change) {
        var rejections = MessageChecks.check(this, message, change);
        if (!rejections.isEmpty()) {
            return new Rejected(rejections);
        }
        var m = message.asSent();
        var events = new ArrayList<EpisodeEvent>();
        events.add(new MessageSent(m.id(), m.type(), m.sentAt()));
        var next = new ArrayList<>(messages);
        next.add(m);
        var book = new TaskBook(tasks, events);
        if (m.type() == MessageType.MAKULERING) {
            cancel(next, m, book, events);
        } else {
            MessageDuties.apply(this, m, book);
        }
        for (var addressee : m.addressees()) {
            var due = m.sentAt().plus(rules.receiptWindow());
            book.open(DeadlineTask.open(TaskKind.RECEIPT, due, m.id(), addressee.unit()));
        }
        var status = replay(next, dischargedAt());
        return accept(status, next, book, change, events);
    }

    /** Records a kvittens from one addressee; an OK receipt meets that addressee's receipt task. */
    public Decision recordReceipt(MessageId messageId, Receipt receipt, Change change) {
        var found = message(messageId);
        var refusal = found.isEmpty()
                ? TransitionRejections.RECEIPT_UNKNOWN_MESSAGE.at("/messageId", "no such message in this episode")
                : ReceiptChecks.check(found.get(), receipt);
        if (refusal != null) {
            return new Rejected(List.of(refusal));
        }
        var events = new ArrayList<EpisodeEvent>();
        events.add(new ReceiptRecorded(messageId, receipt.addressee(), receipt.status()));
        var next = new ArrayList<>(messages);
        next.replaceAll(m -> m.id().equals(messageId) ? m.withReceipt(receipt) : m);
        var book = new TaskBook(tasks, events);
        if (receipt.status() == ReceiptStatus.OK) {
            book.fulfil(
                    t -> t.kind() == TaskKind.RECEIPT
                            && messageId.equals(t.trigger())
                            && receipt.addressee().equals(t.addressee()),
                    receipt.at(),
                    messageId);
        }
        return accept(status, next, book, change, events);
    }

    /**
     * The patient left hospital at {@code at}. Starts the information clock, due by the end of the
     * discharge day (DOMAIN.md §5 step 7), met at once by an utskrivningsmeddelande already sent.
     */
    public Decision discharge(Instant at, Change change) {
        Objects.requireNonNull(at, "at");
        Rejection refusal = null;
        if (status.kind() == EpisodeStatus.Kind.DISCHARGED) {
            refusal = TransitionRejections.ALREADY_DISCHARGED.at("/at", "the patient is already discharged");
        } else if (status.kind() == EpisodeStatus.Kind.CLOSED) {
            refusal = TransitionRejections.EPISODE_CLOSED.at("/at", "the episode is closed");
        } else if (at.isBefore(admission.admittedAt())) {
            refusal = TransitionRejections.BEFORE_ADMISSION.at("/at", "discharged before the admission");
        }
        if (refusal != null) {
            return new Rejected(List.of(refusal));
        }
        var events = new ArrayList<EpisodeEvent>();
        events.add(new PatientDischarged(at));
        var book = new TaskBook(tasks, events);
        var due = rules.deadlines().dischargeInformation(at).dueAt();
        book.open(DeadlineTask.open(TaskKind.DISCHARGE_INFORMATION, due, null, null));
        live().stream()
                .filter(m -> m.type() == MessageType.UTSKRIVNINGSMEDDELANDE)
                .reduce((a, b) -> b)
                .ifPresent(m -> book.fulfil(t -> t.kind() == TaskKind.DISCHARGE_INFORMATION, m.sentAt(), m.id()));
        return accept(new EpisodeStatus.Discharged(at), messages, book, change, events);
    }

    /**
     * What the service clock calls: open tasks whose due time has passed at {@code now} become missed,
     * each with a {@code deadline-missed} event. Idempotent: with nothing newly missed it returns this
     * version unchanged and no events. The clock is not a person, so {@code lastChange} is kept; the
     * version still rises, since the stored state changed.
     */
    public Decision sweep(Instant now) {
        var events = new ArrayList<EpisodeEvent>();
        var book = new TaskBook(tasks, events);
        book.sweep(now);
        if (events.isEmpty()) {
            return new Accepted(this, List.of());
        }
        return accept(status, messages, book, lastChange, events);
    }

    /**
     * The payment-liability facts from the standing messages (DOMAIN.md §5 "Payment liability"): the
     * first utskrivningsklar notice, each återtagande paired with the renewed notice after it, and the
     * discharge. The preconditions the messages prove are derived here and override {@code
     * otherPreconditions} (ADMISSION_NOTICE_IN_TIME: the admission-notice task met; SIP_CALLED_WHERE_REQUIRED:
     * not required, or a SIP task met). FAST_VARDKONTAKT_APPOINTED is required only where both principals
     * must act (Precondition); there a standing kallelse till SIP proves it, since the fast vårdkontakt
     * sends it (DOMAIN.md §5 step 5) [DESIGN], and otherwise the caller may supply it. Liability ends
     * when the patient leaves: discharge, or a closing message ({@link #leftAt()}). Empty
     * while no utskrivningsklar notice stands.
     */
    public Optional<LiabilityCase> liabilityCase(LocalDate asOf, Set<Precondition> otherPreconditions) {
        var notices = live().stream()
                .filter(m -> m.type() == MessageType.UTSKRIVNINGSKLAR
                        || m.type() == MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR)
                .toList();
        if (notices.isEmpty() || notices.get(0).type() != MessageType.UTSKRIVNINGSKLAR) {
            return Optional.empty();
        }
        var withdrawals = new ArrayList<Withdrawal>();
        Instant withdrawnAt = null;
        for (var m : notices.subList(1, notices.size())) {
            if (m.type() == MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR) {
                withdrawnAt = m.sentAt();
            } else if (withdrawnAt != null) {
                withdrawals.add(new Withdrawal(withdrawnAt, m.sentAt()));
                withdrawnAt = null;
            }
        }
        if (withdrawnAt != null) {
            withdrawals.add(new Withdrawal(withdrawnAt, null));
        }
        return Optional.of(new LiabilityCase(
                notices.get(0).sentAt(), leftAt(), asOf, withdrawals, preconditions(otherPreconditions)));
    }

    private Set<Precondition> preconditions(Set<Precondition> other) {
        var set = EnumSet.noneOf(Precondition.class);
        set.addAll(other);
        set.remove(Precondition.ADMISSION_NOTICE_IN_TIME);
        set.remove(Precondition.SIP_CALLED_WHERE_REQUIRED);
        if (anyMet(TaskKind.ADMISSION_NOTICE)) {
            set.add(Precondition.ADMISSION_NOTICE_IN_TIME);
        }
        if (!admission.needsBothPrincipals() || anyMet(TaskKind.SIP_CALL_IN)) {
            set.add(Precondition.SIP_CALLED_WHERE_REQUIRED);
        }
        if (!admission.needsBothPrincipals() || live().stream().anyMatch(m -> m.type() == MessageType.KALLELSE_SIP)) {
            set.add(Precondition.FAST_VARDKONTAKT_APPOINTED);
        }
        return set;
    }

    private boolean anyMet(TaskKind kind) {
        return tasks.stream().anyMatch(t -> t.kind() == kind && t.state().kind() == DeadlineState.Kind.MET);
    }

    List<Message> live() {
        return messages.stream().filter(Message::isLive).toList();
    }

    /**
     * When the patient left hospital care: the discharge, or the closing message (deceased, moved,
     * interrupted). Payment liability ends here; {@code null} while the patient is still in hospital.
     */
    public Instant leftAt() {
        return switch (status.kind()) {
            case DISCHARGED -> ((EpisodeStatus.Discharged) status).at();
            case CLOSED -> ((EpisodeStatus.Closed) status).at();
            case ADMITTED, UTSKRIVNINGSKLAR -> null;
        };
    }

    private Instant dischargedAt() {
        return status instanceof EpisodeStatus.Discharged d ? d.at() : null;
    }

    private static void cancel(List<Message> next, Message makulering, TaskBook book, List<EpisodeEvent> events) {
        var target = makulering.refersTo();
        next.replaceAll(m -> m.id().equals(target) ? m.cancelledBy(makulering.id()) : m);
        events.add(new MessageCancelled(target, makulering.id()));
        book.cancelOpen(t -> target.equals(t.trigger()));
        book.unfulfil(target);
    }

    /** The status the standing messages lead to; a discharge, once recorded, stands last. */
    static EpisodeStatus replay(List<Message> messages, Instant dischargedAt) {
        EpisodeStatus status = new EpisodeStatus.Admitted();
        for (var m : messages) {
            if (m.isLive()) {
                status = MessageDuties.statusAfter(status, m);
            }
        }
        return dischargedAt == null ? status : new EpisodeStatus.Discharged(dischargedAt);
    }

    private Decision accept(
            EpisodeStatus next, List<Message> nextMessages, TaskBook book, Change change, List<EpisodeEvent> events) {
        var episode = new Episode(admission, next, nextMessages, book.tasks(), version + 1, change, rules);
        return new Accepted(episode, events);
    }
}
