package se.naravard.gateway.communication;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.naravard.gateway.fhir.Systems;

/**
 * transition-service's JSON pointers in the commands {@link CommunicationCommands} makes (a message,
 * an admission, a kvittens) as the FHIRPath of the Communication element each value came from: the
 * Communication's table for {@link se.naravard.gateway.http.ProblemTranslation}.
 */
public final class CommunicationPointers {

    private static final String ENCOUNTER = "Communication.contained.ofType(Encounter)";
    private static final String RECEIPT = "Communication.extension('" + Systems.EXT_RECEIPT + "')";
    private static final Pattern ADDRESSEE = Pattern.compile("/addressees/(\\d+)(/([a-zA-Z]+))?.*");

    /** Pointers of the message, the kvittens and the admission commands. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("/id", "Communication.identifier"),
            Map.entry("/type", "Communication.category"),
            Map.entry("/sentAt", "Communication.sent"),
            Map.entry("/at", "Communication.sent"),
            Map.entry("/sender", "Communication.sender"),
            Map.entry("/addressee", "Communication.sender"),
            Map.entry("/addressees", "Communication.recipient"),
            Map.entry("/refersTo", "Communication.inResponseTo"),
            Map.entry("/messageId", "Communication.inResponseTo"),
            Map.entry("/status", RECEIPT),
            Map.entry("/kind", RECEIPT),
            Map.entry("/reason", RECEIPT),
            Map.entry("/patient", "Communication.subject"),
            Map.entry("/admittingUnit", ENCOUNTER + ".serviceProvider"),
            Map.entry("/kommun", ENCOUNTER + ".extension('" + Systems.EXT_KOMMUN + "')"),
            Map.entry("/admittedAt", ENCOUNTER + ".period.start"),
            Map.entry("/admissionKind", ENCOUNTER + ".priority"),
            Map.entry("/physicianAssessedAt", ENCOUNTER + ".extension('" + Systems.EXT_PHYSICIAN_ASSESSED + "')"),
            Map.entry("/expectedDischargeDate", ENCOUNTER + ".extension('" + Systems.EXT_EXPECTED_DISCHARGE + "')"));

    /** transition-service's "no such episode": the Encounter the Communication names. */
    static final String NO_EPISODE = "TRANSITION-401";
    /** transition-service's "no such message in this episode": the message a kvittens answers. */
    static final String NO_MESSAGE = "TRANSITION-408";

    private CommunicationPointers() {}

    /** The FHIRPath of the element the value at {@code pointer} came from, or null. */
    public static String expression(String pointer, String code) {
        if (NO_EPISODE.equals(code)) {
            return "Communication.encounter";
        }
        if (NO_MESSAGE.equals(code)) {
            return "Communication.inResponseTo";
        }
        if (pointer.startsWith("/actor")) {
            return "Communication.sender";
        }
        Matcher addressee = ADDRESSEE.matcher(pointer);
        if (addressee.matches()) {
            String base = "Communication.recipient[" + addressee.group(1) + "]";
            String field = addressee.group(3);
            if ("kind".equals(field)) {
                return base + ".extension('" + Systems.EXT_ADDRESSEE_KIND + "')";
            }
            if ("kommun".equals(field)) {
                return base + ".extension('" + Systems.EXT_KOMMUN + "')";
            }
            return "unit".equals(field) ? base + ".identifier" : base;
        }
        return FIELDS.get(pointer);
    }
}
