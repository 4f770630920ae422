package se.naravard.transition.web;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.web.ProblemException;
import se.naravard.transition.document.Codes;
import se.naravard.transition.episode.Addressee;
import se.naravard.transition.episode.Change;

/**
 * Reads request values into domain values, collecting every fault with its JSON pointer before
 * anything is stored: a request is either wholly understood or refused with 422 and the full list.
 */
@Singleton
public class BodyReader {

    public static final String REQUIRED = "TRANSITION-404";
    public static final String MALFORMED = "TRANSITION-403";
    public static final String BAD_TIME = "TRANSITION-405";
    public static final String UNKNOWN_CODE = "TRANSITION-406";
    public static final String BAD_QUERY = "TRANSITION-407";
    /** A query's {@code messageId} or {@code taskId} that is not a UUID (400: no episode can match). */
    public static final String BAD_ID = "TRANSITION-409";

    /** How far a client's clock may run ahead of ours before a time counts as "in the future". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private static final Pattern PROPERTY = Pattern.compile("property \\[([^\\]]+)\\]");

    private final JsonMapper json;

    public BodyReader(JsonMapper json) {
        this.json = json;
    }

    /** The faults found so far in one request. */
    public static final class Faults {
        private final List<Rejection> rejections = new ArrayList<>();

        public void add(String code, String pointer, String reason) {
            rejections.add(new Rejection(code, pointer, reason));
        }

        public void add(Rejection r) {
            rejections.add(r);
        }

        public void throwIfAny(String title) {
            if (!rejections.isEmpty()) {
                throw ProblemException.of(422, title, rejections);
            }
        }
    }

    public PatientIdentifier patient(String value, String pointer, Faults faults) {
        if (blank(value, pointer, "the patient's personnummer or samordningsnummer is required", faults)) {
            return null;
        }
        try {
            return PatientIdentifier.parse(value);
        } catch (RejectedException e) {
            faults.add(e.first().atField(pointer));
            return null;
        }
    }

    public Kommunkod kommun(String value, String pointer, boolean required, Faults faults) {
        if (value == null && !required) {
            return null;
        }
        if (blank(value, pointer, "a kommunkod is required", faults)) {
            return null;
        }
        try {
            return Kommunkod.of(value);
        } catch (RejectedException e) {
            faults.add(e.first().atField(pointer));
            return null;
        }
    }

    public HsaId hsaId(String value, String pointer, Faults faults) {
        if (blank(value, pointer, "an HSA-id is required", faults)) {
            return null;
        }
        try {
            return HsaId.of(value);
        } catch (RejectedException e) {
            faults.add(e.first().atField(pointer));
            return null;
        }
    }

    /**
     * An instant with an explicit offset, not after {@code now} (plus a little clock skew): the
     * facts recorded here have happened. Truncated to microseconds, the database's precision.
     */
    public Instant pastInstant(String value, String pointer, Instant now, Faults faults) {
        if (blank(value, pointer, "a time is required", faults)) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            faults.add(BAD_TIME, pointer, "not an RFC 3339 time with offset, e.g. 2026-03-02T08:15:00+01:00");
            return null;
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            faults.add(BAD_TIME, pointer, "in the future; only what has happened can be recorded");
            return null;
        }
        return at;
    }

    public LocalDate date(String value, String pointer, Faults faults) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            faults.add(BAD_TIME, pointer, "not a date yyyy-MM-dd");
            return null;
        }
    }

    public UUID uuid(String value, String pointer, Faults faults) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            faults.add(MALFORMED, pointer, "not a UUID");
            return null;
        }
    }

    public <E extends Enum<E>> E code(Class<E> type, String value, String pointer, Faults faults) {
        if (blank(value, pointer, "a code is required; allowed: " + Codes.allowed(type), faults)) {
            return null;
        }
        Optional<E> parsed = Codes.parse(type, value);
        if (parsed.isEmpty()) {
            faults.add(UNKNOWN_CODE, pointer, "unknown code; allowed: " + Codes.allowed(type));
            return null;
        }
        return parsed.get();
    }

    /** The who/when of a command; {@code at} is the server's clock, never the caller's. */
    public Change change(JsonNode node, Instant at, Faults faults) {
        Requests.Actor actor =
                object(node, "/actor", Requests.Actor.class, "the acting person and care unit (HSA-ids)", faults);
        if (actor == null) {
            return null;
        }
        HsaId person = hsaId(actor.person(), "/actor/person", faults);
        HsaId unit = hsaId(actor.unit(), "/actor/unit", faults);
        return person == null || unit == null ? null : new Change(person, unit, at);
    }

    public List<Addressee> addressees(JsonNode node, Faults faults) {
        var out = new ArrayList<Addressee>();
        if (node == null || node.isNull()) {
            faults.add(REQUIRED, "/addressees", "at least one addressee is required");
            return out;
        }
        if (!node.isArray()) {
            faults.add(MALFORMED, "/addressees", "must be an array");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String at = "/addressees/" + i;
            Requests.Addressee a = object(node.get(i), at, Requests.Addressee.class, "an addressee", faults);
            if (a == null) {
                continue;
            }
            Addressee.Kind kind = code(Addressee.Kind.class, a.kind(), at + "/kind", faults);
            HsaId unit = hsaId(a.unit(), at + "/unit", faults);
            Kommunkod kommun = kommun(a.kommun(), at + "/kommun", false, faults);
            if (kind != null && unit != null) {
                out.add(new Addressee(kind, unit, kommun));
            }
        }
        return out;
    }

    private <T> T object(JsonNode node, String pointer, Class<T> type, String what, Faults faults) {
        if (node == null || node.isNull()) {
            faults.add(REQUIRED, pointer, what + " is required");
            return null;
        }
        if (!node.isObject()) {
            faults.add(MALFORMED, pointer, "must be a JSON object");
            return null;
        }
        try {
            return json.readValueFromTree(node, type);
        } catch (IOException | RuntimeException e) {
            faults.add(MALFORMED, pointer + propertyOf(e), describe(e));
            return null;
        }
    }

    private static boolean blank(String value, String pointer, String reason, Faults faults) {
        if (value == null || value.isBlank()) {
            faults.add(REQUIRED, pointer, reason);
            return true;
        }
        return false;
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
        return m.contains("Unknown property") ? "unknown field" : "a field has the wrong JSON type";
    }
}
