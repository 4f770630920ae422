package se.naravard.transition.episode;

/** Who produced a receipt: the transport (automatic) or the receiving application. */
public enum ReceiptKind {
    AUTOMATIC,
    APPLICATION
}
