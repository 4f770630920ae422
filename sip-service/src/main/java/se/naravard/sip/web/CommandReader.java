package se.naravard.sip.web;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.web.ProblemException;
import se.naravard.sip.document.Docs.ActorDoc;
import se.naravard.sip.document.EntryReader;
import se.naravard.sip.model.Change;
import se.naravard.sip.model.SipRejections;

/**
 * Reads request bodies into commands, collecting every fault with its JSON pointer before anything
 * is stored: a request is either wholly understood or refused with 422 and the full list.
 */
@Singleton
public class CommandReader {

    /** A nested object (actor, participant, consent…) that is not of the expected shape. */
    public static final String MALFORMED = "SIP-075";

    public static final String REQUIRED = SipRejections.REQUIRED.code();

    private static final Pattern PROPERTY = Pattern.compile("property \\[([^\\]]+)\\]");

    private final JsonMapper json;

    public CommandReader(JsonMapper json) {
        this.json = json;
    }

    /** What was wrong with a request, collected while reading it; also reads entries. */
    public static final class Faults {
        private final List<Rejection> rejections = new ArrayList<>();
        private final EntryReader entries = new EntryReader();

        public void add(Rejection r) {
            rejections.add(r);
        }

        /** The entry reader whose refusals count as this request's. */
        public EntryReader entries() {
            return entries;
        }

        public void throwIfAny(String title) {
            List<Rejection> all = new ArrayList<>(rejections);
            all.addAll(entries.rejections());
            if (!all.isEmpty()) {
                throw ProblemException.of(422, title, all);
            }
        }
    }

    public PatientIdentifier person(String value, Faults faults) {
        return required(
                value,
                "/person",
                "the person's personnummer or samordningsnummer",
                faults,
                v -> PatientIdentifier.parse(v));
    }

    public Kommunkod kommun(String value, Faults faults) {
        return required(value, "/kommun", "the municipality of residence", faults, Kommunkod::of);
    }

    /** The who/when/why of a command; {@code at} is the server's clock, never the caller's. */
    public Change change(JsonNode actor, String reason, Instant at, Faults faults) {
        ActorDoc a = tree(actor, ActorDoc.class, "/actor", faults);
        if (a == null) {
            if (actor == null || actor.isNull()) {
                faults.add(new Rejection(REQUIRED, "/actor", "the acting person and care unit (HSA-ids) are required"));
            }
            return null;
        }
        HsaId person = required(a.person(), "/actor/person", "an HSA-id", faults, HsaId::of);
        HsaId unit = required(a.unit(), "/actor/unit", "an HSA-id", faults, HsaId::of);
        return person == null || unit == null ? null : new Change(person, unit, at, reason);
    }

    /**
     * Reads a nested object; null (and a fault unless it was absent) when it is absent, not an object,
     * or has an unknown or mistyped field.
     */
    public <T> T tree(JsonNode node, Class<T> type, String pointer, Faults faults) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (!node.isObject()) {
                throw new IOException("not an object");
            }
            String unknown = unknownField(node, type, pointer);
            if (unknown != null) {
                faults.add(new Rejection(MALFORMED, unknown, "unknown field"));
                return null;
            }
            return json.readValueFromTree(node, type);
        } catch (IOException | RuntimeException e) {
            faults.add(new Rejection(MALFORMED, pointer + propertyOf(e), describe(e)));
            return null;
        }
    }

    /** As {@link #tree}, refusing an absent object as missing. */
    public <T> T requiredTree(JsonNode node, Class<T> type, String pointer, Faults faults) {
        if (node == null || node.isNull()) {
            faults.add(new Rejection(REQUIRED, pointer, "a value is required"));
            return null;
        }
        return tree(node, type, pointer, faults);
    }

    private static <T> T required(String value, String pointer, String what, Faults faults, Function<String, T> of) {
        if (value == null || value.isBlank()) {
            faults.add(new Rejection(REQUIRED, pointer, what + " is required"));
            return null;
        }
        try {
            return of.apply(value);
        } catch (RejectedException e) {
            faults.add(e.first().atField(pointer));
            return null;
        }
    }

    /**
     * The pointer of the first field in {@code node} that {@code type} (a record of records, lists and
     * plain values) does not have, at any depth; null if none. The deserializer itself names only the
     * property, not where in a nested object it sits.
     */
    static String unknownField(JsonNode node, Class<?> type, String pointer) {
        if (!type.isRecord() || !node.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> e : node.entries()) {
            RecordComponent c = component(type, e.getKey());
            String at = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
            if (c == null) {
                return at;
            }
            String inner = inner(e.getValue(), c, at);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static String inner(JsonNode value, RecordComponent c, String at) {
        if (c.getType().isRecord()) {
            return unknownField(value, c.getType(), at);
        }
        if (List.class.isAssignableFrom(c.getType())
                && value.isArray()
                && c.getGenericType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord()) {
            int i = 0;
            for (JsonNode item : value.values()) {
                String found = unknownField(item, element, at + "/" + i++);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static RecordComponent component(Class<?> type, String name) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String propertyOf(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : PROPERTY.matcher(t.getMessage());
            if (m != null && m.find()) {
                return "/" + m.group(1);
            }
        }
        return "";
    }

    private static String describe(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Unknown property") ? "unknown field" : "not an object of the expected shape";
    }
}
