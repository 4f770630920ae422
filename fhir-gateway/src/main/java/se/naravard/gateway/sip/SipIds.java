package se.naravard.gateway.sip;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FHIR ids of what a SIP becomes. The plan and its team are {@code sip-<sip id>}; the entries of
 * the SIP's append-only lists are {@code sip-<sip id>-<kind><n>}, n = 1, 2 … their position: {@code g}
 * goal, {@code c} consent, {@code m} meeting. The {@code sip-} prefix keeps them apart from the
 * contracts' plain UUIDs in the types both serve (CarePlan, CareTeam, Goal); the longest is 48
 * characters, within FHIR's 64.
 */
public final class SipIds {

    public static final String PREFIX = "sip-";
    public static final char GOAL = 'g';
    public static final char CONSENT = 'c';
    public static final char MEETING = 'm';

    private static final Pattern ENTRY = Pattern.compile("sip-(.{36})-([gcm])(\\d{1,4})");

    private SipIds() {}

    /** An entry of a SIP's list: the SIP id, the kind and the position (from 1). */
    public record Entry(String sipId, char kind, int n) {}

    /** True if the FHIR id is one of a SIP (a well-formed one or not): it is never a contract's. */
    public static boolean isSip(String fhirId) {
        return fhirId != null && fhirId.startsWith(PREFIX);
    }

    public static String plan(String sipId) {
        return PREFIX + sipId;
    }

    public static String entry(String sipId, char kind, int n) {
        return PREFIX + sipId + "-" + kind + n;
    }

    /** The SIP id of {@code sip-<uuid>}, or null if the id is not of that form. */
    public static String sipIdOfPlan(String fhirId) {
        if (!isSip(fhirId)) {
            return null;
        }
        String id = fhirId.substring(PREFIX.length());
        return isUuid(id) ? id : null;
    }

    /** The entry named by {@code sip-<uuid>-<kind><n>}, or null if the id is not of that form. */
    public static Entry entryOf(String fhirId, char kind) {
        if (fhirId == null) {
            return null;
        }
        Matcher m = ENTRY.matcher(fhirId);
        if (!m.matches() || m.group(2).charAt(0) != kind || !isUuid(m.group(1))) {
            return null;
        }
        int n = Integer.parseInt(m.group(3));
        return n < 1 ? null : new Entry(m.group(1), kind, n);
    }

    static boolean isUuid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
