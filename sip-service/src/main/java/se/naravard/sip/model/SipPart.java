package se.naravard.sip.model;

/** A part of the SIP's content; {@link #pointer()} is its JSON pointer in the SIP document. */
public enum SipPart {
    PARTICIPANTS("participants"),
    GOALS("goals"),
    INTERVENTIONS("interventions"),
    OVERALL_RESPONSIBILITY("overallResponsibility"),
    MEETINGS("meetings"),
    FOLLOW_UP("followUps");

    private final String slug;

    SipPart(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public String pointer() {
        return "/" + slug;
    }
}
