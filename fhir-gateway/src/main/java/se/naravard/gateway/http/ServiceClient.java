package se.naravard.gateway.http;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.platform.observability.TraceParent;
import se.naravard.platform.security.ServiceCredentials;

/**
 * The HTTP plumbing of every service client (contract-service, transition-service): one keep-alive
 * HTTP/1.1 client per service, JSON read tolerantly, and every call bounded by a connect timeout and a
 * request timeout. Unreachable → 503, too slow → 504, an unreadable body → 502, a refusal → what
 * the service's {@link Refusal} makes of its problem+json; the gateway never hangs on a service.
 *
 * <p>Every call carries the current trace ({@code traceparent}, the FHIR request's span), so the
 * service's spans and the events it publishes join the client's trace.
 *
 * <p>Every call carries the gateway's service credentials ({@code Authorization: Bearer <service token>},
 * {@link ServiceCredentials}): the services' internal APIs accept nothing else, and never the FHIR
 * client's own token. A service that refuses them (401, or 403 with {@code WWW-Authenticate}) is the
 * installation's fault, not the client's: 502, and an error in the log naming the service's reason.
 */
public final class ServiceClient {

    /** Turns a service's refusal (HTTP status ≥ 300 but a read's 404) into the gateway's exception. */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException toException(int status, byte[] body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServiceClient.class);

    /** A {@code Retry-After} passed on: delay-seconds only (never an echo of anything else the service sent). */
    private static final String RETRY_AFTER = "\\d{1,5}";

    private final String service;
    private final URI base;
    private final ServiceCredentials credentials;
    private final Duration requestTimeout;
    private final Refusal refusal;
    private final HttpClient http;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * A client whose refusals become 502 with the service's code and title: for services the gateway
     * only reads from, where any refusal but 404 is the service's fault or the gateway's.
     */
    public ServiceClient(
            String service,
            URI base,
            Duration connectTimeout,
            Duration requestTimeout,
            ServiceCredentials credentials) {
        this(service, base, connectTimeout, requestTimeout, credentials, null);
    }

    public ServiceClient(
            String service,
            URI base,
            Duration connectTimeout,
            Duration requestTimeout,
            ServiceCredentials credentials,
            Refusal refusal) {
        this.service = service;
        this.base = base;
        this.credentials = java.util.Objects.requireNonNull(credentials, "the gateway's service credentials");
        this.requestTimeout = requestTimeout;
        this.refusal = refusal == null ? this::badGateway : refusal;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    public URI base() {
        return base;
    }

    /** The problem+json fields a 502 keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Problem(String code, String title, String detail) {}

    private RuntimeException badGateway(int status, byte[] body) {
        Problem problem;
        try {
            problem = json.readValue(body, Problem.class);
        } catch (IOException e) {
            problem = null;
        }
        String code = problem == null || problem.code() == null ? FhirErrors.SERVICE_ANSWER : problem.code();
        String why = problem == null || problem.title() == null
                ? service + " refused the request (HTTP " + status + ")"
                : service + ": " + problem.title();
        return FhirErrors.withStatus(502, new FhirErrors.Issue(IssueType.EXCEPTION, code, why, List.of(), null));
    }

    public String service() {
        return service;
    }

    /** The tolerant JSON mapper (unknown fields ignored). */
    public ObjectMapper json() {
        return json;
    }

    /** GET {@code path}: the document, or empty on 404. */
    /**
     * Every item of a paged list ({@code <path>&limit=<page>&offset=<n>}), following the service's
     * next offset for at most {@code maxPages} pages; a 404 page ends the list.
     */
    public <P, T> List<T> allPages(
            String path,
            int page,
            int maxPages,
            Class<P> pageType,
            Function<P, List<T>> items,
            Function<P, Integer> nextOffset) {
        List<T> all = new ArrayList<>();
        Integer offset = 0;
        for (int n = 0; n < maxPages && offset != null; n++) {
            Optional<P> p = get(path + "&limit=" + page + "&offset=" + offset, pageType);
            if (p.isEmpty()) {
                break;
            }
            List<T> some = items.apply(p.get());
            if (some != null) {
                all.addAll(some);
            }
            offset = nextOffset.apply(p.get());
        }
        return all;
    }

    public <T> Optional<T> get(String path, Class<T> type) {
        HttpRequest.Builder get = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", authorization())
                .GET();
        TraceParent.injectCurrent(get::header);
        HttpRequest request = get.build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(response, type, refusal));
    }

    /** Sends a JSON body ({@code If-Match: "<ifMatch>"} when given) and reads the answer as {@code type}. */
    public <T> T send(String method, String path, Object body, Integer ifMatch, Class<T> type) {
        return parse(send(request(method, path, body, ifMatch)), type, refusal);
    }

    /** As {@link #send(String, String, Object, Integer, Class)}, a refusal made into what {@code refusal} says. */
    public <T> T send(String method, String path, Object body, Integer ifMatch, Class<T> type, Refusal refusal) {
        return parse(send(request(method, path, body, ifMatch)), type, refusal);
    }

    /** A service's answer to a command: its HTTP status (200 for a replay, 201 for something new) and body. */
    public record Reply<T>(int status, T body) {}

    /**
     * POSTs a JSON body and reads the answer as {@code type} with its status; a refusal becomes what
     * {@code refusal} (the command's own, e.g. naming the FHIR elements of the resource written) makes of it.
     */
    public <T> Reply<T> post(String path, Object body, Class<T> type, Refusal refusal) {
        HttpResponse<byte[]> response = send(request("POST", path, body, null));
        return new Reply<>(response.statusCode(), parse(response, type, refusal));
    }

    private HttpRequest request(String method, String path, Object body, Integer ifMatch) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON body", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", authorization())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        TraceParent.injectCurrent(request::header);
        return request.build();
    }

    /** The gateway's {@code Authorization} header; 503 when it has no service token to send. */
    private String authorization() {
        try {
            return credentials.authorization();
        } catch (ServiceCredentials.Unavailable e) {
            LOG.error("no service token for calling {}: {}", service, e.getMessage());
            throw FhirErrors.unavailable(service, "no service credentials");
        }
    }

    /**
     * A refusal of the gateway's service credentials (not of what the FHIR client asked): 401, or 403
     * with a {@code WWW-Authenticate} challenge (a 403 of the service's own rules has none).
     */
    private RuntimeException credentialsRefused(HttpResponse<byte[]> response) {
        Problem problem;
        try {
            problem = json.readValue(response.body(), Problem.class);
        } catch (IOException e) {
            problem = null;
        }
        LOG.error(
                "{} refused the gateway's service credentials (HTTP {} {}: {}): check SERVICE_TOKEN_FILE and the"
                        + " service's SERVICE_JWKS, SERVICE_TOKEN_ISSUER, SERVICE_TOKEN_AUDIENCE and SERVICE_ALLOWED_CLIENTS",
                service,
                response.statusCode(),
                problem == null ? "" : problem.code(),
                problem == null ? "no problem document" : problem.detail());
        return FhirErrors.withStatus(
                502,
                new FhirErrors.Issue(
                        IssueType.EXCEPTION,
                        FhirErrors.SERVICE_ANSWER,
                        service + " refused the gateway's service credentials",
                        List.of(),
                        null));
    }

    private <T> T parse(HttpResponse<byte[]> response, Class<T> type, Refusal refusal) {
        if (response.statusCode() == 401
                || (response.statusCode() == 403
                        && response.headers().firstValue("WWW-Authenticate").isPresent())) {
            throw credentialsRefused(response);
        }
        if (response.statusCode() == 503) {
            throw unavailable(response);
        }
        if (response.statusCode() >= 300) {
            throw refusal.toException(response.statusCode(), response.body());
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw unreadable();
        }
    }

    /**
     * 503 {@code GATEWAY-020}, with the service's {@code Retry-After} passed on: the service is up but
     * cannot serve now (its database is unavailable, {@code REQUEST-503}), and said nothing was stored.
     * Not a 502: the client should try again, and nothing is wrong with its request.
     */
    private RuntimeException unavailable(HttpResponse<byte[]> response) {
        BaseServerResponseException e = FhirErrors.temporarilyUnavailable(service);
        response.headers()
                .firstValue("Retry-After")
                .map(String::trim)
                .filter(v -> v.matches(RETRY_AFTER))
                .ifPresent(seconds -> e.addResponseHeader("Retry-After", seconds));
        return e;
    }

    /** 502: the service answered, but not with what the gateway can read. */
    public RuntimeException unreadable() {
        return FhirErrors.withStatus(
                502,
                new FhirErrors.Issue(
                        IssueType.EXCEPTION,
                        FhirErrors.SERVICE_ANSWER,
                        service + " answered with a body the gateway cannot read",
                        List.of(),
                        null));
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw FhirErrors.unavailable(service, "connect timeout");
        } catch (HttpTimeoutException e) {
            throw FhirErrors.timeout(service);
        } catch (IOException e) {
            throw FhirErrors.unavailable(service, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FhirErrors.unavailable(service, "interrupted");
        }
    }
}
