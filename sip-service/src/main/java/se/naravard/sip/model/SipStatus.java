package se.naravard.sip.model;

import java.time.Instant;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/**
 * Where a SIP stands (our design, DOMAIN.md §4 gives no status model):
 *
 * <pre>
 *   draft ──activate──▶ active ──complete──▶ completed
 *     │                   │                     │
 *     └──cancel──▶ cancelled ◀──cancel──┘       │
 *   any but entered-in-error ──markEnteredInError──▶ entered-in-error
 * </pre>
 *
 * Following up does not change the status: an active SIP is followed up, perhaps several times, and
 * completed when it has served its purpose. Completed, cancelled and entered-in-error are closed.
 *
 * <p>Java 17 cannot switch over sealed types, so {@link #kind()} gives an enum to switch over
 * exhaustively: a new status fails to compile until every switch handles it.
 */
public sealed interface SipStatus {

    Kind kind();

    /** Wire code: draft, active, completed, cancelled or entered-in-error. */
    default String code() {
        return kind().code();
    }

    default boolean isClosed() {
        return switch (kind()) {
            case DRAFT, ACTIVE -> false;
            case COMPLETED, CANCELLED, ENTERED_IN_ERROR -> true;
        };
    }

    enum Kind {
        DRAFT("draft"),
        ACTIVE("active"),
        COMPLETED("completed"),
        CANCELLED("cancelled"),
        ENTERED_IN_ERROR("entered-in-error");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Being drawn up. */
    record Draft() implements SipStatus {
        @Override
        public Kind kind() {
            return Kind.DRAFT;
        }
    }

    /** In force: every activation rule held at {@code activatedAt}. */
    record Active(Instant activatedAt, HsaId activatedBy) implements SipStatus {
        public Active {
            Objects.requireNonNull(activatedAt, "activatedAt");
            Objects.requireNonNull(activatedBy, "activatedBy");
        }

        @Override
        public Kind kind() {
            return Kind.ACTIVE;
        }
    }

    /** The plan has served its purpose. */
    record Completed(Instant at) implements SipStatus {
        public Completed {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Kind kind() {
            return Kind.COMPLETED;
        }
    }

    /** Stopped before it served its purpose, e.g. the person no longer wants a plan. */
    record Cancelled(Instant at, String reason) implements SipStatus {
        public Cancelled {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.CANCELLED;
        }
    }

    /** Should never have existed (wrong person, duplicate): kept for the audit trail only. */
    record EnteredInError(Instant at, String reason) implements SipStatus {
        public EnteredInError {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.ENTERED_IN_ERROR;
        }
    }
}
