package se.naravard.sip.model;

import se.naravard.platform.domain.Rejection;

/**
 * Every refusal of the SIP model, with its stable code. Codes are greppable and never reused;
 * reasons name fields and statuses, never a personnummer or other patient data.
 */
public enum SipRejections {
    /** A value the entry or operation needs is missing or blank. */
    REQUIRED("SIP-001"),
    /** A text is longer than {@link Violations#MAX_TEXT} characters. */
    TOO_LONG("SIP-002"),
    /** A list has more than {@link Violations#MAX_ITEMS} entries. */
    TOO_MANY("SIP-003"),
    /** An entry id (participant, intervention, meeting) is not 1–64 of A-Z, a-z, 0-9, '-', '_'. */
    ID_INVALID("SIP-004"),
    /** The SIP is completed, cancelled or entered in error: its content is frozen. */
    SIP_CLOSED("SIP-010"),
    /** The requested status change is not allowed from the current status. */
    ILLEGAL_STATUS_CHANGE("SIP-011"),
    /** Cancelling or marking entered-in-error needs a reason. */
    REASON_REQUIRED("SIP-012"),
    /** Activation: no consent valid at the activation time (HSL 16:4, SoL 10:8). */
    VALID_CONSENT_REQUIRED("SIP-020"),
    /** Activation: no participant from a region unit. */
    REGION_PARTICIPANT_REQUIRED("SIP-021"),
    /** Activation: no participant from a municipal unit. */
    MUNICIPAL_PARTICIPANT_REQUIRED("SIP-022"),
    /** Activation (and changes to an active SIP): an intervention lacks responsible principal or unit. */
    INTERVENTION_RESPONSIBLE_REQUIRED("SIP-023"),
    /** Activation (and changes to an active SIP): no principal has overall responsibility. */
    OVERALL_RESPONSIBILITY_REQUIRED("SIP-024"),
    /** Activation (and changes to an active SIP): no follow-up date. */
    FOLLOW_UP_REQUIRED("SIP-025"),
    /** A follow-up date before the date of the change. */
    FOLLOW_UP_IN_PAST("SIP-026"),
    /** A consent period ends before or when it starts. */
    CONSENT_PERIOD_INVALID("SIP-030"),
    /** A consent scope names no participant and no organisation: it would allow no sharing. */
    CONSENT_SCOPE_EMPTY("SIP-031"),
    /** There is no current, unrevoked consent to revoke. */
    NO_CONSENT_TO_REVOKE("SIP-032"),
    /** A new consent must not arrive already revoked; revoke it with revokeConsent. */
    CONSENT_ALREADY_REVOKED("SIP-033"),
    /** Närstående take part only if the person does not object (HSL 16:4, SoL 10:9). */
    PERSON_OBJECTS_TO_NARSTAENDE("SIP-040"),
    /** Another participant already has this id. */
    DUPLICATE_PARTICIPANT("SIP-041"),
    /** The id names no participant of the SIP. */
    PARTICIPANT_NOT_PRESENT("SIP-042"),
    /** The person the plan is about is always a participant. */
    PERSON_CANNOT_BE_REMOVED("SIP-043"),
    /** The principal does not fit: a unit is REGION or MUNICIPALITY; overall responsibility too. */
    PRINCIPAL_NOT_ALLOWED("SIP-044"),
    /** The participant is the one who follows up; name another first. */
    PARTICIPANT_FOLLOWS_UP("SIP-045"),
    /**
     * A närstående cannot be the one who follows up: the person may object to närstående at any time,
     * which removes them at once, and the plan would be left without anyone following it up [DESIGN].
     */
    NARSTAENDE_CANNOT_FOLLOW_UP("SIP-046"),
    /** The id names no meeting of the SIP. */
    MEETING_NOT_FOUND("SIP-050"),
    /** The meeting was already recorded as held. */
    MEETING_ALREADY_HELD("SIP-051"),
    /** Another meeting already has this id. */
    DUPLICATE_MEETING("SIP-052"),
    /** A meeting cannot be recorded as held after the time of recording. */
    MEETING_HELD_IN_FUTURE("SIP-053"),
    /** No follow-up is due: set one first. */
    NO_FOLLOW_UP_DUE("SIP-060"),
    /** Follow-up results are recorded only for an active SIP. */
    FOLLOW_UP_NEEDS_ACTIVE_SIP("SIP-061"),
    /** Two interventions of a new SIP have the same id (codes go on after the service's and call-ins' SIP-086). */
    DUPLICATE_INTERVENTION("SIP-087"),
    /** The person is always the participant {@code person}: there are no details of theirs to change. */
    PERSON_NOT_CHANGED_HERE("SIP-088"),
    /**
     * A participant keeps its kind, and a unit participant its unit (HSA-id): the consent's scope names
     * participants, so who takes part changes only by taking one out and adding another.
     */
    PARTICIPANT_IDENTITY_FIXED("SIP-089");

    private final String code;

    SipRejections(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Rejection at(String field, String reason) {
        return new Rejection(code, field, reason);
    }
}
