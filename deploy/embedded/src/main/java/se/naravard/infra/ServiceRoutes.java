package se.naravard.infra;

import io.micronaut.http.uri.UriMatchTemplate;
import io.micronaut.web.router.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of a service's router but health and metrics, with its path variables filled in: what {@link
 * InternalApiAuthContract#routes} wants, so a new route is covered without being named.
 */
public final class ServiceRoutes {

    private ServiceRoutes() {}

    public static List<InternalApiAuthContract.Route> of(Router router) {
        return router.uriRoutes()
                .filter(r -> !r.getUriMatchTemplate().toPathString().startsWith("/health"))
                // GET /prometheus is open like /health (docs/operations.md "Observability"); the contract checks it.
                .filter(r -> !r.getUriMatchTemplate().toPathString().equals("/prometheus"))
                .map(r -> new InternalApiAuthContract.Route(r.getHttpMethodName(), expand(r.getUriMatchTemplate())))
                .distinct()
                .toList();
    }

    private static String expand(UriMatchTemplate template) {
        Map<String, Object> values = new HashMap<>();
        template.getVariableNames().forEach(v -> values.put(v, "00000000-0000-4000-8000-000000000001"));
        return template.expand(values);
    }
}
