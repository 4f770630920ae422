package se.naravard.transition.episode;

/** What a receipt (kvittens) says about a delivered message (issue 4 "Receipts"). */
public enum ReceiptStatus {
    OK,
    /** Delivery failed for now; the sender retries. */
    TRANSIENT_ERROR,
    /** Delivery failed for good; a reason is required. */
    FATAL_ERROR
}
