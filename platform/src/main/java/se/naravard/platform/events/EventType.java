package se.naravard.platform.events;

import java.util.regex.Pattern;

/**
 * Event type names: {@code se.naravard.<service>.<name>.v<N>}, the name in kebab case and the past
 * tense ({@code contract-activated}). A change that breaks consumers gets a new version, never a new
 * meaning for an old one.
 */
public final class EventType {

    private static final Pattern TYPE = Pattern.compile("se\\.naravard\\.[a-z]+\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*");

    private EventType() {}

    public static String of(String service, String name, int version) {
        String type = "se.naravard." + service + "." + name + ".v" + version;
        if (!isValid(type)) {
            throw new IllegalArgumentException("not a valid event type: " + type);
        }
        return type;
    }

    public static boolean isValid(String type) {
        return type != null && TYPE.matcher(type).matches();
    }
}
