package se.naravard.gateway.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * contract-service's JSON pointers as the FHIRPath of the CarePlan, CareTeam or Goal element the
 * gateway built them from: the contract's table for {@link
 * se.naravard.gateway.http.ProblemTranslation}.
 */
public final class ContractPointers {

    private static final Pattern STEP = Pattern.compile("/parts/nasta-steg/steps/(\\d+)(/([a-zA-Z]+))?.*");
    private static final Pattern GOAL = Pattern.compile("/parts/sammanhallen-planering/goals/(\\d+).*");

    private ContractPointers() {}

    /** The FHIRPath of the element built from the service's JSON pointer, or null if there is none. */
    static String expression(String pointer) {
        Matcher step = STEP.matcher(pointer);
        if (step.matches()) {
            return step(step.group(1), step.group(3));
        }
        Matcher goal = GOAL.matcher(pointer);
        if (goal.matches()) {
            return "Goal.description.text";
        }
        if (pointer.startsWith("/parts/fast-vardkontakt") || pointer.startsWith("/parts/fast-lakarkontakt")) {
            return pointer.endsWith("/unit") || pointer.endsWith("/vardcentral")
                    ? "CareTeam.participant.onBehalfOf"
                    : "CareTeam.participant";
        }
        if (pointer.startsWith("/parts/sammanhallen-planering")) {
            return "CarePlan";
        }
        if (pointer.startsWith("/part/steps")) {
            return expression("/parts/nasta-steg" + pointer.substring("/part".length()));
        }
        switch (pointer) {
            case "/patient":
                return "CarePlan.subject";
            case "/status":
                return "CarePlan.status";
            case "/reason":
                return "CarePlan.note";
            case "/id":
                return "CarePlan.id";
            default:
                return null;
        }
    }

    private static String step(String index, String field) {
        String base = "CarePlan.activity[" + index + "].detail";
        if (field == null) {
            return base;
        }
        switch (field) {
            case "date":
            case "windowEnd":
                return base + ".scheduled";
            case "who":
                return base + ".performer";
            case "what":
                return base + ".description";
            case "how":
                return base + ".kind";
            case "status":
                return base + ".status";
            default:
                return base;
        }
    }
}
