package se.naravard.transition.episode;

import se.naravard.platform.domain.Rejection;
import se.naravard.transition.TransitionRejections;

/** The refusals of {@link Episode#recordReceipt} for a known message; {@code null} when none. */
final class ReceiptChecks {

    private ReceiptChecks() {}

    static Rejection check(Message message, Receipt receipt) {
        if (message.isCancelled()) {
            return TransitionRejections.MESSAGE_CANCELLED.at("/messageId", "the message was cancelled by makulering");
        }
        if (!message.isAddressedTo(receipt.addressee())) {
            return TransitionRejections.RECEIPT_NOT_ADDRESSEE.at(
                    "/addressee", "the unit is not among the message's addressees");
        }
        if (receipt.status() == ReceiptStatus.FATAL_ERROR && !receipt.hasReason()) {
            return TransitionRejections.RECEIPT_REASON_REQUIRED.at("/reason", "a fatal error needs a reason");
        }
        if (receipt.at().isBefore(message.sentAt())) {
            return TransitionRejections.RECEIPT_BEFORE_SENT.at("/at", "received before the message was sent");
        }
        return null;
    }
}
