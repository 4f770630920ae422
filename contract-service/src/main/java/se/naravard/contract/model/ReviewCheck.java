package se.naravard.contract.model;

/**
 * The checks of our granskningsmall. The seed report names a template for reviewing documented
 * agreements but its content was not found; these are the checks suggested in DOMAIN.md §2 [DESIGN].
 */
public enum ReviewCheck {
    /** Sammanhållen planering, fast vårdkontakt, fast läkarkontakt and nästa steg are all there. */
    ALL_FOUR_PARTS_PRESENT,
    /** The planning holds at least one goal in the patient's own words. */
    PATIENT_GOAL_RECORDED,
    /** There is a step ahead (planned or booked), and every such step names a responsible unit and a date. */
    NEXT_STEP_HAS_OWNER_AND_DATE,
    /** The patient can reach their fast vårdkontakt by phone or e-service. */
    CONTACT_PATH_REACHABLE,
    /** The contract was agreed with the patient: active, or revised or completed after agreement. */
    AGREED_WITH_PATIENT
}
