package se.naravard.platform.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.security.ServicePrincipal;
import se.naravard.platform.security.ServiceTokenVerifier;
import se.naravard.platform.security.TokenException;

/**
 * The services' internal APIs accept service credentials only (ARCHITECTURE.md "Security and
 * privacy"): every request to a service's HTTP server, a route or not, needs {@code Authorization:
 * Bearer <service token>} that {@link ServiceTokenVerifier} accepts, but {@code GET}/{@code HEAD} of
 * {@code /health} (and {@code /health/<probe>}), of the metrics at {@code /prometheus} (counts and
 * timings, no patient data; the same exposure as health, docs/operations.md "Observability") and of the
 * OpenAPI documents under {@code /openapi/}.
 * It runs before routing, so nothing of an API (not even whether a path exists) is answered without one.
 *
 * <p>Refusals are problem+json with {@code WWW-Authenticate: Bearer} (RFC 6750) and name the rule, never
 * the token: 401 {@code AUTH-001} no token, 401 {@code AUTH-002} a token that cannot be accepted
 * (malformed, forged, expired, another issuer or audience: a citizen's or staff member's FHIR token
 * ends here), 403 {@code AUTH-003} a genuine token that is not a service's, 403 {@code AUTH-004} a
 * service this service does not take calls from. The accepted caller is on the request as {@link
 * #PRINCIPAL}.
 *
 * <p>On the blocking executor: a JWK set at an {@code https:} URL is fetched (and re-fetched for an
 * unknown key) there, never on the event loop. Absent only with {@code naravard.service-auth.enabled=false}
 * ({@code ServiceAuthSettings} warns at start-up).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "naravard.service-auth.enabled", notEquals = "false")
public class ServiceAuthFilter implements Ordered {

    /** The request attribute holding the {@link ServicePrincipal} of an accepted call. */
    public static final String PRINCIPAL = "naravard.service.principal";

    public static final String MISSING = "AUTH-001";
    public static final String REFUSED = "AUTH-002";
    public static final String NOT_A_SERVICE = "AUTH-003";
    public static final String CLIENT_NOT_ALLOWED = "AUTH-004";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAuthFilter.class);
    private static final Pattern HEALTH = Pattern.compile("/health(/[a-z]+)?|/prometheus");
    private static final Pattern OPENAPI = Pattern.compile("/openapi(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private final ServiceTokenVerifier verifier;

    public ServiceAuthFilter(ServiceTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        if (open(request.getMethod(), request.getPath())) {
            return null;
        }
        try {
            ServicePrincipal caller = verifier.verifyHeader(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
            request.setAttribute(PRINCIPAL, caller);
            return null;
        } catch (TokenException e) {
            return refusal(request, e);
        }
    }

    /** Whether a request needs no token: reads of health, metrics and the OpenAPI documents only. */
    static boolean open(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        // No segment of an open path starts with a dot: "/openapi/../contracts" is not one.
        return HEALTH.matcher(path).matches() || OPENAPI.matcher(path).matches();
    }

    private static String remote(HttpRequest<?> request) {
        java.net.InetSocketAddress address = request.getRemoteAddress();
        return address == null || address.getAddress() == null
                ? "an unknown address"
                : address.getAddress().getHostAddress();
    }

    private MutableHttpResponse<Problem> refusal(HttpRequest<?> request, TokenException e) {
        String code;
        String title;
        String challenge = "Bearer realm=\"" + verifier.audience() + "\"";
        int status;
        if (e.reason() == TokenException.Reason.MISSING) {
            status = 401;
            code = MISSING;
            title = "A service token is required";
        } else if (!e.forbidden()) {
            status = 401;
            code = REFUSED;
            title = "The service token was refused";
            challenge += ", error=\"invalid_token\", error_description=\""
                    + e.reason().text() + "\"";
        } else {
            status = 403;
            boolean client = e.reason() == TokenException.Reason.CLIENT_NOT_ALLOWED;
            code = client ? CLIENT_NOT_ALLOWED : NOT_A_SERVICE;
            title = client ? "The calling service is not allowed here" : "Not a service credential";
            challenge += ", error=\"insufficient_scope\", scope=\"" + ServiceTokenVerifier.SCOPE
                    + "\", error_description=\"" + e.reason().text() + "\"";
        }
        // Neither the path (it may hold identifiers) nor anything of the token.
        LOG.warn(
                "refused a {} request from {}: {} {}",
                request.getMethod(),
                remote(request),
                code,
                e.reason().text());
        Problem problem = Problems.problem(status, code, title, e.reason().text(), null, List.of());
        return Problems.response(request, problem).header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
}
