package se.naravard.sip.callin;

/** Codes of refusals about call-in tasks (docs/sip-api.md, "Codes"). */
public final class CallInRejections {

    /** 409: the task is completed or cancelled. */
    public static final String NOT_OPEN = "SIP-080";
    /** 404: no call-in task with this id. */
    public static final String NOT_FOUND = "SIP-081";
    /** 422: calledAt lies in the future. */
    public static final String CALLED_IN_FUTURE = "SIP-082";
    /** 422: calledAt lies before the utskrivningsklar notice. */
    public static final String CALLED_BEFORE_NOTICE = "SIP-083";
    /** 422: an invitee is not an addressee of the notice. */
    public static final String NOT_AN_ADDRESSEE = "SIP-084";
    /** 422: sipId names no SIP of this person. */
    public static final String UNKNOWN_SIP = "SIP-085";
    /** 422: unknown call-in status in a search. */
    public static final String UNKNOWN_STATUS = "SIP-086";

    private CallInRejections() {}
}
