package se.naravard.sip.model;

/** Identity of one participant inside a SIP, chosen by the caller (1–64 of A-Z, a-z, 0-9, '-', '_'). */
public record ParticipantId(String value) {

    public ParticipantId {
        LocalIds.check(value, "/participantId");
    }

    public static ParticipantId of(String value) {
        return new ParticipantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
