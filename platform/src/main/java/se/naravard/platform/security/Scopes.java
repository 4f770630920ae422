package se.naravard.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The resource scopes of a token in SMART App Launch v2 syntax: {@code <context>/<resource>.<permissions>}
 * with context {@code patient}, {@code user} or {@code system}, resource a FHIR type or {@code *}, and
 * permissions a subset of {@code cruds} in that order ({@code patient/CarePlan.rs}, {@code
 * user/*.cruds}, {@code system/Communication.c}). SMART v1's {@code .read} (= {@code rs}), {@code
 * .write} (= {@code cud}) and {@code .*} (= {@code cruds}) are read too. Other scopes ({@code openid},
 * {@code launch}, {@code fhirUser}) are kept but grant nothing here. A malformed resource scope is
 * ignored, never widened.
 */
public final class Scopes {

    /** Who the scope speaks for: the patient in context, the signed-in user, or a system. */
    public enum Context {
        PATIENT,
        USER,
        SYSTEM
    }

    /** One resource scope. */
    public record Grant(Context context, String resourceType, String permissions) {

        public boolean permits(String type, char permission) {
            return ("*".equals(resourceType) || resourceType.equals(type)) && permissions.indexOf(permission) >= 0;
        }

        @Override
        public String toString() {
            return context.name().toLowerCase(Locale.ROOT) + "/" + resourceType + "." + permissions;
        }
    }

    private static final String ORDER = "cruds";
    private static final Set<String> CONTEXTS = Set.of("patient", "user", "system");

    private final List<Grant> grants;
    private final String raw;

    private Scopes(List<Grant> grants, String raw) {
        this.grants = List.copyOf(grants);
        this.raw = raw;
    }

    /** Parses the space-separated {@code scope} claim; null or blank is no scope at all. */
    public static Scopes parse(String scope) {
        List<Grant> grants = new ArrayList<>();
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                Grant g = grant(s);
                if (g != null) {
                    grants.add(g);
                }
            }
        }
        return new Scopes(grants, scope == null ? "" : scope.trim());
    }

    static Grant grant(String s) {
        int slash = s.indexOf('/');
        int dot = s.lastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || dot == s.length() - 1) {
            return null;
        }
        String context = s.substring(0, slash);
        String type = s.substring(slash + 1, dot);
        String permissions = permissions(s.substring(dot + 1));
        if (!CONTEXTS.contains(context) || permissions == null || !validType(type)) {
            return null;
        }
        return new Grant(Context.valueOf(context.toUpperCase(Locale.ROOT)), type, permissions);
    }

    private static boolean validType(String type) {
        return "*".equals(type) || type.matches("[A-Z][A-Za-z]{1,63}");
    }

    /** v2 letters in order ({@code rs}), or v1 words; null when neither. */
    private static String permissions(String p) {
        switch (p) {
            case "read":
                return "rs";
            case "write":
                return "cud";
            case "*":
                return ORDER;
            default:
                int last = -1;
                for (char c : p.toCharArray()) {
                    int at = ORDER.indexOf(c);
                    if (at <= last) {
                        return null; // unknown letter, repeated, or out of order: not a v2 scope
                    }
                    last = at;
                }
                return p;
        }
    }

    /** Whether any scope grants {@code permission} (one of {@code cruds}) on {@code resourceType}. */
    public boolean permits(String resourceType, char permission) {
        return grants.stream().anyMatch(g -> g.permits(resourceType, permission));
    }

    /** Whether any resource scope has this context. */
    public boolean has(Context context) {
        return grants.stream().anyMatch(g -> g.context() == context);
    }

    public List<Grant> grants() {
        return grants;
    }

    /** The claim as given. */
    @Override
    public String toString() {
        return raw;
    }
}
