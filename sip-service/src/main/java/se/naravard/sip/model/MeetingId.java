package se.naravard.sip.model;

/** Identity of one meeting inside a SIP, chosen by the caller (1–64 of A-Z, a-z, 0-9, '-', '_'). */
public record MeetingId(String value) {

    public MeetingId {
        LocalIds.check(value, "/meetingId");
    }

    public static MeetingId of(String value) {
        return new MeetingId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
