package se.naravard.sip.callin;

import java.util.Locale;
import java.util.Optional;

/** Where a call-in task stands: open until the fast vårdkontakt calls the SIP, or it no longer applies. */
public enum CallInStatus {
    OPEN,
    COMPLETED,
    CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallInStatus> parse(String code) {
        for (CallInStatus s : values()) {
            if (s.code().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
