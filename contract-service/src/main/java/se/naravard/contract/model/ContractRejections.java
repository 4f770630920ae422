package se.naravard.contract.model;

import se.naravard.platform.domain.Rejection;

/**
 * Every refusal of the contract model, with its stable code. Codes are greppable and never reused;
 * reasons name fields and statuses, never a personnummer or other patient data.
 */
public enum ContractRejections {
    /** A value the part or operation needs is missing or blank. */
    REQUIRED("CONTRACT-001"),
    /** A text is longer than {@link Violations#MAX_TEXT} characters. */
    TOO_LONG("CONTRACT-002"),
    /** A list has more than {@link Violations#MAX_ITEMS} entries. */
    TOO_MANY("CONTRACT-003"),
    /** A contact path has neither a phone number nor an e-service: nobody could reach anyone. */
    CONTACT_PATH_EMPTY("CONTRACT-004"),
    /** A next step's window ends before it starts, or has an end but no start. */
    WINDOW_INVALID("CONTRACT-005"),
    /** Two next steps share an id. */
    DUPLICATE_STEP_ID("CONTRACT-006"),
    /** A performer of a next step names neither a unit nor a name. */
    PERFORMER_EMPTY("CONTRACT-007"),
    /**
     * A next step's completion time is in the future, before the contract was drawn up, or given for a
     * step that is not done.
     */
    COMPLETION_INVALID("CONTRACT-008"),
    /** The contract is completed, revoked or entered in error: its parts are frozen. */
    CONTRACT_CLOSED("CONTRACT-010"),
    /** The requested status change is not allowed from the current status. */
    ILLEGAL_STATUS_CHANGE("CONTRACT-011"),
    /** Revoking or marking entered-in-error needs a reason. */
    REASON_REQUIRED("CONTRACT-012"),
    /** Activation needs a sammanhållen planering with at least one goal in the patient's words. */
    GOAL_REQUIRED_FOR_AGREEMENT("CONTRACT-013"),
    /** The part to remove is not in the contract. */
    PART_NOT_PRESENT("CONTRACT-015"),
    /** The same part type was given twice when drafting. */
    DUPLICATE_PART("CONTRACT-016"),
    /** The acting unit neither owns the part nor is a delegate of its owner. */
    NOT_OWNER_OR_DELEGATE("CONTRACT-020"),
    /** A delegate may edit a part's content but only the owning unit may change owner or delegates. */
    ONLY_OWNER_MAY_CHANGE_OWNERSHIP("CONTRACT-021");

    private final String code;

    ContractRejections(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Rejection at(String field, String reason) {
        return new Rejection(code, field, reason);
    }
}
