package se.naravard.sip.reaction;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.naravard.platform.consumer.PoisonEventException;
import se.naravard.sip.callin.EpisodeState;
import se.naravard.sip.callin.Invitee;

/**
 * Reads the data of a {@code transition.events} CloudEvent (transition-service's
 * TransitionEventPayload, docs/events.md) as a JSON tree: only the fields sip-service needs, so fields
 * transition-service adds later do no harm. A payload without a readable episode is refused with an
 * {@link PoisonEventException} naming what is wrong (the consumer dead-letters it at once).
 */
@Singleton
public class TransitionEvents {

    private final JsonMapper json;

    public TransitionEvents(JsonMapper json) {
        this.json = json;
    }

    public EpisodeState episode(byte[] data) {
        JsonNode root;
        try {
            root = json.readValue(data, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new PoisonEventException("transition event data is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PoisonEventException("transition event data is not a JSON object");
        }
        JsonNode e = object(root, "episode", "/episode");
        JsonNode patient = object(e, "patient", "/episode/patient");
        JsonNode status = object(e, "status", "/episode/status");
        List<EpisodeState.Message> messages = new ArrayList<>();
        int i = 0;
        for (JsonNode m : array(e, "messages", "/episode/messages")) {
            messages.add(message(m, "/episode/messages/" + i++));
        }
        List<EpisodeState.Task> tasks = new ArrayList<>();
        i = 0;
        for (JsonNode t : array(e, "tasks", "/episode/tasks")) {
            tasks.add(task(t, "/episode/tasks/" + i++));
        }
        JsonNode version = e.get("version");
        if (version == null || !version.isNumber()) {
            throw new PoisonEventException("/episode/version is not a number");
        }
        JsonNode both = e.get("needsBothPrincipals");
        if (both == null || !both.isBoolean()) {
            throw new PoisonEventException("/episode/needsBothPrincipals is not a boolean");
        }
        return new EpisodeState(
                uuid(text(e, "id", "/episode/id"), "/episode/id"),
                version.getLongValue(),
                text(patient, "system", "/episode/patient/system"),
                text(patient, "value", "/episode/patient/value"),
                text(e, "kommun", "/episode/kommun"),
                both.getBooleanValue(),
                text(status, "code", "/episode/status/code"),
                optionalText(status, "reason"),
                messages,
                tasks);
    }

    private static EpisodeState.Message message(JsonNode m, String at) {
        List<Invitee> addressees = new ArrayList<>();
        int i = 0;
        for (JsonNode a : array(m, "addressees", at + "/addressees")) {
            String p = at + "/addressees/" + i++;
            addressees.add(
                    new Invitee(text(a, "kind", p + "/kind"), text(a, "unit", p + "/unit"), optionalText(a, "kommun")));
        }
        String cancelledBy = optionalText(m, "cancelledBy");
        return new EpisodeState.Message(
                uuid(text(m, "id", at + "/id"), at + "/id"),
                text(m, "type", at + "/type"),
                instant(text(m, "sentAt", at + "/sentAt"), at + "/sentAt"),
                addressees,
                cancelledBy == null ? null : uuid(cancelledBy, at + "/cancelledBy"));
    }

    private static EpisodeState.Task task(JsonNode t, String at) {
        String trigger = optionalText(t, "trigger");
        String late = optionalText(t, "fulfilledLateAt");
        String by = optionalText(t, "fulfilledBy");
        return new EpisodeState.Task(
                uuid(text(t, "id", at + "/id"), at + "/id"),
                text(t, "kind", at + "/kind"),
                instant(text(t, "dueAt", at + "/dueAt"), at + "/dueAt"),
                text(t, "state", at + "/state"),
                trigger == null ? null : uuid(trigger, at + "/trigger"),
                late == null ? null : instant(late, at + "/fulfilledLateAt"),
                by == null ? null : uuid(by, at + "/fulfilledBy"));
    }

    private static JsonNode object(JsonNode parent, String name, String at) {
        JsonNode n = parent.get(name);
        if (n == null || !n.isObject()) {
            throw new PoisonEventException(at + " is missing or not an object");
        }
        return n;
    }

    private static Iterable<JsonNode> array(JsonNode parent, String name, String at) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new PoisonEventException(at + " is not an array");
        }
        return n.values();
    }

    private static String text(JsonNode parent, String name, String at) {
        String s = optionalText(parent, name);
        if (s == null || s.isBlank()) {
            throw new PoisonEventException(at + " is missing or not a string");
        }
        return s;
    }

    private static String optionalText(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        return n == null || !n.isString() ? null : n.getStringValue();
    }

    private static UUID uuid(String s, String at) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(at + " is not a UUID", e);
        }
    }

    private static Instant instant(String s, String at) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException(at + " is not an RFC 3339 time", e);
        }
    }
}
