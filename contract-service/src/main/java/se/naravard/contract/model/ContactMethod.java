package se.naravard.contract.model;

/** How the patient is contacted for a next step. */
public enum ContactMethod {
    PHONE,
    LETTER,
    /** A message through 1177 (Inera's e-services). */
    MESSAGE_1177,
    VISIT,
    VIDEO
}
