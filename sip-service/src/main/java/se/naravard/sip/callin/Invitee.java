package se.naravard.sip.callin;

import java.util.Objects;

/**
 * A unit called to the SIP, as transition-service names an addressee: {@code kind} municipal (with
 * {@code kommun}) or primary-care; {@code unit} its HSA-id.
 */
public record Invitee(String kind, String unit, String kommun) {

    public static final String MUNICIPAL = "municipal";
    public static final String PRIMARY_CARE = "primary-care";

    public Invitee {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
    }
}
