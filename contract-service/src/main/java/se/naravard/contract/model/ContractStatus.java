package se.naravard.contract.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a patientkontrakt stands: {@code draft → active → (revised) → completed | revoked}, and
 * {@code entered-in-error} for mistakes (DOMAIN.md §2; the status model is our design, no national
 * standard exists). Each status is its own type carrying only its own data.
 *
 * <p>Java 17 cannot switch over sealed types, so {@link #kind()} gives an enum to switch over
 * exhaustively: a new status fails to compile until every switch handles it.
 */
public sealed interface ContractStatus {

    Kind kind();

    /** Wire code: draft, active, revised, completed, revoked or entered-in-error. */
    default String code() {
        return kind().code();
    }

    /** Completed, revoked and entered-in-error contracts are closed: their parts never change again. */
    default boolean isClosed() {
        return switch (kind()) {
            case DRAFT, ACTIVE, REVISED -> false;
            case COMPLETED, REVOKED, ENTERED_IN_ERROR -> true;
        };
    }

    enum Kind {
        DRAFT("draft"),
        ACTIVE("active"),
        REVISED("revised"),
        COMPLETED("completed"),
        REVOKED("revoked"),
        ENTERED_IN_ERROR("entered-in-error");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Being drawn up; not yet agreed with the patient. */
    record Draft() implements ContractStatus {
        @Override
        public Kind kind() {
            return Kind.DRAFT;
        }
    }

    /** Agreed with the patient and in force. */
    record Active(Instant agreedAt, Actor agreedBy) implements ContractStatus {
        public Active {
            Objects.requireNonNull(agreedAt, "agreedAt");
            Objects.requireNonNull(agreedBy, "agreedBy");
        }

        @Override
        public Kind kind() {
            return Kind.ACTIVE;
        }

        Revised revised() {
            return new Revised(agreedAt, agreedBy);
        }
    }

    /**
     * In force, but a part changed after the patient agreed: the last agreement still stands until
     * the changed contract is agreed again.
     */
    record Revised(Instant agreedAt, Actor agreedBy) implements ContractStatus {
        public Revised {
            Objects.requireNonNull(agreedAt, "agreedAt");
            Objects.requireNonNull(agreedBy, "agreedBy");
        }

        @Override
        public Kind kind() {
            return Kind.REVISED;
        }
    }

    /** The agreement has served its purpose. */
    record Completed(Instant at) implements ContractStatus {
        public Completed {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Kind kind() {
            return Kind.COMPLETED;
        }
    }

    /** Withdrawn before it was completed, e.g. at the patient's request. */
    record Revoked(Instant at, String reason) implements ContractStatus {
        public Revoked {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.REVOKED;
        }
    }

    /** Should never have existed (wrong patient, duplicate): kept for the audit trail only. */
    record EnteredInError(Instant at, String reason) implements ContractStatus {
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
