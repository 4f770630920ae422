package se.naravard.contract.web;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.naravard.contract.document.Docs.ActorDoc;
import se.naravard.contract.document.Docs.FastLakarkontaktDoc;
import se.naravard.contract.document.Docs.FastVardkontaktDoc;
import se.naravard.contract.document.Docs.NextStepsDoc;
import se.naravard.contract.document.Docs.PlanningDoc;
import se.naravard.contract.document.PartReader;
import se.naravard.contract.model.Actor;
import se.naravard.contract.model.Change;
import se.naravard.contract.model.Part;
import se.naravard.contract.model.PartType;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.web.ProblemException;

/**
 * Reads request bodies into commands, collecting every fault with its JSON pointer before anything
 * is stored: a request is either wholly understood or refused with 422 and the full list.
 */
@Singleton
public class CommandReader {

    public static final String UNKNOWN_PART = "CONTRACT-032";
    public static final String MALFORMED_PART = "CONTRACT-033";
    /** A nested object (actor) that is not of the expected shape. */
    public static final String MALFORMED = "CONTRACT-037";

    public static final String REQUIRED = "CONTRACT-001";

    private static final Pattern PROPERTY = Pattern.compile("property \\[([^\\]]+)\\]");

    private final JsonMapper json;

    public CommandReader(JsonMapper json) {
        this.json = json;
    }

    /** A value read from a request, plus what was wrong on the way. */
    public static final class Faults {
        private final List<Rejection> rejections = new ArrayList<>();

        public void add(Rejection r) {
            rejections.add(r);
        }

        public void addAll(List<Rejection> rs) {
            rejections.addAll(rs);
        }

        public void throwIfAny(String title) {
            if (!rejections.isEmpty()) {
                throw ProblemException.of(422, title, rejections);
            }
        }
    }

    public PatientIdentifier patient(String value, Faults faults) {
        return required(
                value,
                "/patient",
                "the patient's personnummer or samordningsnummer is required",
                PatientIdentifier::parse,
                faults);
    }

    public Kommunkod kommun(String value, Faults faults) {
        return required(value, "/kommun", "the municipality of residence is required", Kommunkod::of, faults);
    }

    /** The who/when/why of a command; {@code at} is the server's clock, never the caller's. */
    public Change change(JsonNode actor, String reason, Instant at, Faults faults) {
        Actor a = actor(actor, "/actor", faults);
        return a == null ? null : new Change(a, at, reason);
    }

    public Actor actor(JsonNode node, String pointer, Faults faults) {
        if (node == null || node.isNull()) {
            faults.add(new Rejection(REQUIRED, pointer, "the acting person and care unit (HSA-ids) are required"));
            return null;
        }
        ActorDoc actor;
        try {
            if (!node.isObject()) {
                throw new IOException("not an object");
            }
            actor = json.readValueFromTree(node, ActorDoc.class);
        } catch (IOException | RuntimeException e) {
            faults.add(new Rejection(MALFORMED, pointer + propertyOf(e), describe(e)));
            return null;
        }
        HsaId person = hsaId(actor.person(), pointer + "/person", faults);
        HsaId unit = hsaId(actor.unit(), pointer + "/unit", faults);
        return person == null || unit == null ? null : new Actor(person, unit);
    }

    public List<Part> parts(Map<String, JsonNode> parts, Faults faults) {
        List<Part> out = new ArrayList<>();
        if (parts == null) {
            return out;
        }
        parts.forEach((slug, node) -> {
            Part part = part(slug, node, "/parts/" + escape(slug), faults);
            if (part != null) {
                out.add(part);
            }
        });
        return out;
    }

    /** Reads one part given by its slug; {@code pointer} is where the part sits in the body. */
    public Part part(String slug, JsonNode node, String pointer, Faults faults) {
        var type = PartType.fromSlug(slug);
        if (type.isEmpty()) {
            faults.add(
                    new Rejection(
                            UNKNOWN_PART,
                            pointer,
                            "unknown part; the parts are sammanhallen-planering, fast-vardkontakt, fast-lakarkontakt, nasta-steg"));
            return null;
        }
        if (node == null || !node.isObject()) {
            faults.add(new Rejection(MALFORMED_PART, pointer, "a part must be a JSON object"));
            return null;
        }
        try {
            PartReader.Read read =
                    switch (type.get()) {
                        case PLANNING -> PartReader.planning(json.readValueFromTree(node, PlanningDoc.class));
                        case FAST_VARDKONTAKT -> PartReader.fastVardkontakt(
                                json.readValueFromTree(node, FastVardkontaktDoc.class));
                        case FAST_LAKARKONTAKT -> PartReader.fastLakarkontakt(
                                json.readValueFromTree(node, FastLakarkontaktDoc.class));
                        case NEXT_STEPS -> PartReader.nextSteps(json.readValueFromTree(node, NextStepsDoc.class));
                    };
            if (!read.ok()) {
                // PartReader points into a contract document (/parts/<slug>/...); re-point to the body.
                String base = type.get().pointer();
                read.rejections()
                        .forEach(r -> faults.add(r.atField(pointer + r.field().substring(base.length()))));
                return null;
            }
            return read.part();
        } catch (IOException | RuntimeException e) {
            faults.add(new Rejection(MALFORMED_PART, pointer + propertyOf(e), describe(e)));
            return null;
        }
    }

    /** RFC 6901 escaping of one reference token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
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

    private static HsaId hsaId(String value, String pointer, Faults faults) {
        return required(value, pointer, "an HSA-id is required", HsaId::of, faults);
    }

    /**
     * A required value read by {@code parse}: null, with a fault at {@code pointer}, when it is missing
     * ({@value #REQUIRED}, {@code whenMissing}) or {@code parse} refuses it (its own code).
     */
    static <T> T required(String value, String pointer, String whenMissing, Function<String, T> parse, Faults faults) {
        if (value == null || value.isBlank()) {
            faults.add(new Rejection(REQUIRED, pointer, whenMissing));
            return null;
        }
        try {
            return parse.apply(value);
        } catch (RejectedException e) {
            faults.add(e.first().atField(pointer));
            return null;
        }
    }
}
