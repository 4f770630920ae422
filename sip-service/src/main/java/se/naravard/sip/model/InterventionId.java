package se.naravard.sip.model;

/** Identity of one intervention inside a SIP, chosen by the caller (1–64 of A-Z, a-z, 0-9, '-', '_'). */
public record InterventionId(String value) {

    public InterventionId {
        LocalIds.check(value, "/interventionId");
    }

    public static InterventionId of(String value) {
        return new InterventionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
