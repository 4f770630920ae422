package se.naravard.sip.model;

import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;

/** Checks the ids of entries inside one SIP (participants, interventions, meetings). */
final class LocalIds {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private LocalIds() {}

    static String check(String value, String pointer) {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new RejectedException(
                    SipRejections.ID_INVALID.at(pointer, "an id has 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'"));
        }
        return value;
    }
}
