package se.naravard.transition.episode;

import java.time.Instant;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/**
 * A kvittens from one addressee of a message (DOMAIN.md §5 "Message set": receipt [PRACTICE]). {@code
 * reason} is required for {@link ReceiptStatus#FATAL_ERROR}; {@link Episode#recordReceipt} refuses it
 * otherwise.
 */
public record Receipt(HsaId addressee, ReceiptStatus status, Instant at, String reason, ReceiptKind kind) {

    public Receipt {
        Objects.requireNonNull(addressee, "addressee");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }

    boolean hasReason() {
        return reason != null && !reason.isBlank();
    }
}
