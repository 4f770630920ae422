package se.naravard.transition.episode;

import java.time.Instant;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/**
 * What happened to an episode, in the past tense. Episode id, version, actor and time are in the
 * envelope; each event carries only what changed. {@link #typeName()} is the event type without service
 * prefix and version suffix ({@code se.naravard.transition.<typeName>.v1}).
 */
public sealed interface EpisodeEvent {

    String typeName();

    record PatientAdmitted(Instant admittedAt, Instant physicianAssessedAt) implements EpisodeEvent {
        @Override
        public String typeName() {
            return "patient-admitted";
        }
    }

    record MessageSent(MessageId messageId, MessageType type, Instant sentAt) implements EpisodeEvent {
        @Override
        public String typeName() {
            return "message-sent";
        }
    }

    /** Makulering {@code by} marked {@code cancelled} entered-in-error. */
    record MessageCancelled(MessageId cancelled, MessageId by) implements EpisodeEvent {
        @Override
        public String typeName() {
            return "message-cancelled";
        }
    }

    record ReceiptRecorded(MessageId messageId, HsaId addressee, ReceiptStatus status) implements EpisodeEvent {
        @Override
        public String typeName() {
            return "receipt-recorded";
        }
    }

    record PatientDischarged(Instant at) implements EpisodeEvent {
        @Override
        public String typeName() {
            return "patient-discharged";
        }
    }

    /** The task as it now stands (state met). */
    record DeadlineMet(DeadlineTask task) implements EpisodeEvent {
        public DeadlineMet {
            Objects.requireNonNull(task, "task");
        }

        @Override
        public String typeName() {
            return "deadline-met";
        }
    }

    /** The task as it now stands (state missed, possibly with a late fulfilment). */
    record DeadlineMissed(DeadlineTask task) implements EpisodeEvent {
        public DeadlineMissed {
            Objects.requireNonNull(task, "task");
        }

        @Override
        public String typeName() {
            return "deadline-missed";
        }
    }

    /** An open task no longer applies: its trigger was cancelled or the notice was withdrawn. */
    record DeadlineCancelled(DeadlineTask task) implements EpisodeEvent {
        public DeadlineCancelled {
            Objects.requireNonNull(task, "task");
        }

        @Override
        public String typeName() {
            return "deadline-cancelled";
        }
    }

    /** The message that met the task was cancelled by makulering: the duty is open again. */
    record DeadlineReopened(DeadlineTask task) implements EpisodeEvent {
        public DeadlineReopened {
            Objects.requireNonNull(task, "task");
        }

        @Override
        public String typeName() {
            return "deadline-reopened";
        }
    }
}
