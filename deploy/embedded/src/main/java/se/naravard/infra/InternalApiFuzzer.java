package se.naravard.infra;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a fuzzer's bytes into calls of a service's internal API, and checks each answer: never a 5xx,
 * and every 4xx an {@code application/problem+json} with a non-blank {@code detail}. For the services'
 * fuzz ITs (docs/fuzzing.md), which send the calls with their harness.
 *
 * <p>A call is one of the service's routes ({@link ServiceRoutes}'s list, so a new route is fuzzed
 * without being named), its path variables a known id or the fuzzer's text, some query parameters, an
 * optional {@code If-Match}, and a body that is either the fuzzer's own bytes or one of the valid bodies
 * given with some of its values replaced (strings, numbers, booleans, null, objects, arrays).
 */
public final class InternalApiFuzzer {

    /** A route: method and path template with {@code {variables}}. */
    public record Route(String method, String template) {}

    /** One call to send: {@code headers} are name/value pairs. */
    public record Call(String method, String path, String body, List<String> headers) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body) + " " + headers;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    // A JSON value after a colon or inside an array: a string, a number, true, false or null.
    private static final Pattern JSON_VALUE = Pattern.compile(
            "(?<=[:\\[,]\\s?)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null)");
    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Route> routes;
    private final Map<String, List<String>> knownValues;
    private final List<String> bodies;
    private final List<String> queryNames;

    /**
     * @param knownValues values worth trying per path variable name (ids of stored records)
     * @param bodies valid request bodies of the service
     * @param queryNames the query parameters its routes read
     */
    public InternalApiFuzzer(
            List<Route> routes, Map<String, List<String>> knownValues, List<String> bodies, List<String> queryNames) {
        this.routes = List.copyOf(routes);
        this.knownValues = Map.copyOf(knownValues);
        this.bodies = List.copyOf(bodies);
        this.queryNames = List.copyOf(queryNames);
    }

    /**
     * The routes of the service's own controllers (not Micronaut's management endpoints), with their
     * templates: a new route is fuzzed without being named.
     */
    public static List<Route> routes(io.micronaut.web.router.Router router) {
        return router.uriRoutes()
                .filter(r -> r.getTargetMethod().getDeclaringType().getName().startsWith("se.naravard."))
                .map(r ->
                        new Route(r.getHttpMethodName(), r.getUriMatchTemplate().toPathString()))
                .distinct()
                .sorted(java.util.Comparator.comparing(Route::template).thenComparing(Route::method))
                .toList();
    }

    private static volatile boolean allowed;

    /**
     * Lets the fuzz IT's calls reach the service on this machine: Jazzer's SSRF detector reports every
     * connection not allowed. Call it from the fuzz test itself: Jazzer's agent is installed only then.
     */
    public static void allowLocalConnections() {
        if (allowed) {
            return;
        }
        allowed = true;
        BugDetectors.allowNetworkConnections(
                (host, port) -> host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1"));
    }

    public Call next(FuzzedDataProvider data) {
        Route route = routes.get(data.consumeInt(0, routes.size() - 1));
        StringBuilder path = new StringBuilder();
        Matcher m = VARIABLE.matcher(route.template());
        int last = 0;
        while (m.find()) {
            path.append(route.template(), last, m.start());
            String name = m.group(1);
            List<String> known = knownValues.getOrDefault(name, List.of());
            String value = !known.isEmpty() && data.consumeBoolean()
                    ? known.get(data.consumeInt(0, known.size() - 1))
                    : data.consumeString(40);
            path.append(encode(value));
            last = m.end();
        }
        path.append(route.template().substring(last));
        int queries = queryNames.isEmpty() ? 0 : data.consumeInt(0, 3);
        for (int i = 0; i < queries; i++) {
            String name = queryNames.get(data.consumeInt(0, queryNames.size() - 1));
            path.append(i == 0 ? '?' : '&').append(name).append('=').append(encode(data.consumeString(30)));
        }
        List<String> headers = new ArrayList<>();
        if (data.consumeBoolean()) {
            headers.add("If-Match");
            headers.add(data.consumeBoolean() ? "\"" + data.consumeInt(0, 5) + "\"" : visible(data.consumeString(20)));
        }
        String body = null;
        if (route.method().equals("POST") || route.method().equals("PUT")) {
            int changes = data.consumeInt(0, 4);
            if (changes == 0 || bodies.isEmpty()) {
                body = data.consumeString(2000);
            } else {
                body = mutate(bodies.get(data.consumeInt(0, bodies.size() - 1)), data, changes);
            }
        }
        return new Call(route.method(), path.toString(), body, headers);
    }

    /** Replaces {@code changes} values of a JSON body with other values, of any type. */
    static String mutate(String json, FuzzedDataProvider data, int changes) {
        String body = json;
        for (int c = 0; c < changes; c++) {
            List<int[]> spans = new ArrayList<>();
            Matcher m = JSON_VALUE.matcher(body);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                break;
            }
            int[] span = spans.get(data.consumeInt(0, spans.size() - 1));
            String value =
                    switch (data.consumeInt(0, 6)) {
                        case 0 -> Long.toString(data.consumeLong());
                        case 1 -> data.consumeBoolean() ? "true" : "false";
                        case 2 -> "null";
                        case 3 -> "{}";
                        case 4 -> "[]";
                        case 5 -> Double.toString(data.consumeRegularDouble());
                        default -> quote(data.consumeString(60));
                    };
            body = body.substring(0, span[0]) + value + body.substring(span[1]);
        }
        return body;
    }

    /**
     * Never a 5xx; a 4xx is {@code application/problem+json} with a {@code detail}. Returns a finding's
     * description, or null when the answer is as it should be.
     */
    public static String problemWith(Call call, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return call + " answered " + status + ": " + answer.body();
        }
        if (status >= 400 && !call.method().equals("HEAD")) { // an answer to HEAD has no body
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return call + " answered " + status + " as " + type + ", not problem+json: " + answer.body();
            }
            Matcher detail = DETAIL.matcher(answer.body());
            if (!detail.find() || detail.group(1).isBlank()) {
                return call + " answered " + status + " without a detail: " + answer.body();
            }
        }
        return null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String visible(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().filter(c -> c > 0x20 && c < 0x7f).forEach(c -> b.append((char) c));
        return b.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
