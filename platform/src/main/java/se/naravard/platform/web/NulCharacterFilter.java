package se.naravard.platform.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Map;
import se.naravard.platform.domain.Rejection;

/**
 * Refuses a request whose path or query parameters carry a NUL character (400 problem+json, {@value
 * #CODE}, naming the parameter). PostgreSQL stores no NUL in text, so such a value would fail the
 * query a service builds from it: a 500 instead of the client's error (found by the fuzz tests, first in
 * contract-service's search). One filter for every service rather than a check per controller.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NulCharacterFilter implements Ordered {

    public static final String CODE = "REQUEST-004";

    @Override
    public int getOrder() {
        // After the token check: an unauthenticated caller learns nothing about its parameters.
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> refuse(HttpRequest<?> request) {
        String at = fieldWithNul(request.getPath(), request.getParameters().asMap());
        if (at == null) {
            return null;
        }
        Problem problem = Problems.problem(
                400,
                CODE,
                "Bad Request",
                "a path or query value contains a NUL character, which no field accepts",
                request.getPath().replace("\u0000", "\\u0000"),
                List.of(new Rejection(CODE, at, "contains a NUL character")));
        return Problems.response(request, problem);
    }

    /** The JSON pointer of the first value with a NUL ({@code /path} or {@code /<parameter>}), or null. */
    static @Nullable String fieldWithNul(String path, Map<String, List<String>> parameters) {
        if (path != null && path.indexOf('\u0000') >= 0) {
            return "/path";
        }
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (p.getKey().indexOf('\u0000') >= 0) {
                return "/" + p.getKey().replace("\u0000", "\\u0000");
            }
            for (String v : p.getValue()) {
                if (v != null && v.indexOf('\u0000') >= 0) {
                    return "/" + p.getKey();
                }
            }
        }
        return null;
    }
}
