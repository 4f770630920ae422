package se.naravard.gateway.fhir;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The search of a conditional create ({@code If-None-Exist}, or {@code Bundle.entry.request.ifNoneExist}
 * in a transaction): {@code [Type?]name=value&…}, each name given once, only the names the type's
 * search supports. The values become HAPI's parameter objects so the provider's own search runs it.
 */
public final class ConditionalQuery {

    public static final String BAD_CONDITION = "GATEWAY-033";
    public static final String AMBIGUOUS_CONDITION = "GATEWAY-034";

    private final Map<String, String> values;

    private ConditionalQuery(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code raw}; a name outside {@code allowed} (chains written {@code patient.identifier}),
     * a repeated name or an empty query is a 400 at {@code expression}.
     */
    public static ConditionalQuery parse(String raw, Set<String> allowed, String expression) {
        String query = raw.contains("?") ? raw.substring(raw.indexOf('?') + 1) : raw;
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw refused(
                        expression,
                        "the condition cannot use '" + name + "'; supported: " + String.join(", ", allowed));
            }
            if (value.isBlank() || values.putIfAbsent(name, value) != null) {
                throw refused(expression, "the condition needs one non-empty value for '" + name + "'");
            }
        }
        if (values.isEmpty()) {
            throw refused(expression, "the condition is empty");
        }
        return new ConditionalQuery(values);
    }

    /** {@code name} or {@code name.chain} as a reference parameter, or null if neither was given. */
    public ReferenceParam reference(String name) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equals(name)) {
                return new ReferenceParam(e.getValue());
            }
            if (e.getKey().startsWith(name + ".")) {
                return new ReferenceParam(e.getKey().substring(name.length() + 1), e.getValue());
            }
        }
        return null;
    }

    /** A comma-separated token list ({@code system|code} or {@code code}), or null. */
    public TokenOrListParam tokens(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        TokenOrListParam list = new TokenOrListParam();
        for (String one : v.split(",")) {
            int bar = one.indexOf('|');
            list.addOr(bar < 0 ? new TokenParam(one) : new TokenParam(one.substring(0, bar), one.substring(bar + 1)));
        }
        return list;
    }

    public TokenParam token(String name) {
        String v = values.get(name);
        return v == null ? null : new TokenParam(v);
    }

    /** 412: the condition matches more than one resource (FHIR's rule for conditional create). */
    public static RuntimeException ambiguous(String expression, int matches) {
        return FhirErrors.withStatus(
                412,
                new FhirErrors.Issue(
                        IssueType.MULTIPLEMATCHES,
                        AMBIGUOUS_CONDITION,
                        "the condition matches " + matches + " resources; make it selective",
                        List.of(expression),
                        null));
    }

    private static RuntimeException refused(String expression, String why) {
        return FhirErrors.badBody(expression, BAD_CONDITION, why);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
