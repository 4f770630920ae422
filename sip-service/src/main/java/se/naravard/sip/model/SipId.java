package se.naravard.sip.model;

import java.util.Objects;
import java.util.UUID;

/** Identity of one SIP across all its versions. */
public record SipId(UUID value) {

    public SipId {
        Objects.requireNonNull(value, "value");
    }

    public static SipId newId() {
        return new SipId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
