package se.naravard.gateway.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractDocs.ContractPage;
import se.naravard.gateway.contract.ContractDocs.Problem;
import se.naravard.gateway.contract.ContractDocs.VersionList;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * contract-service's internal REST API (docs/contract-api.md) over one keep-alive HTTP/1.1 client.
 * Every call is bounded: connect timeout, request timeout. Unreachable → 503, too slow → 504, a
 * refusal → its problem+json as an OperationOutcome; the gateway never hangs on the service.
 */
public final class ContractClient {

    static final String SERVICE = "contract-service";
    /** The service's page limit; a patient has few contracts, so a handful of pages is the most we read. */
    static final int PAGE = 100;

    static final int MAX_PAGES = 10;

    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ContractClient(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    public URI base() {
        return base;
    }

    /** The current version, or empty if there is no such contract. */
    public Optional<Contract> get(String id) {
        return read("/contracts/" + id, Contract.class);
    }

    /** Version {@code version} as it was, or empty. */
    public Optional<Contract> version(String id, int version) {
        return read("/contracts/" + id + "/versions/" + version, Contract.class);
    }

    public Optional<VersionList> versions(String id) {
        return read("/contracts/" + id + "/versions", VersionList.class);
    }

    /** Every contract of the patient with this pseudonymous key, newest change first. */
    public List<Contract> byPatientKey(String patientKey) {
        List<Contract> all = new ArrayList<>();
        Integer offset = 0;
        for (int page = 0; page < MAX_PAGES && offset != null; page++) {
            String path = "/contracts?patientKey=" + URLEncoder.encode(patientKey, StandardCharsets.UTF_8) + "&limit="
                    + PAGE + "&offset=" + offset;
            ContractPage p = read(path, ContractPage.class).orElse(new ContractPage(List.of(), 0, null));
            if (p.contracts() != null) {
                all.addAll(p.contracts());
            }
            offset = p.nextOffset();
        }
        return all;
    }

    /** POSTs a JSON command; the created or changed contract, or the refusal as an OperationOutcome. */
    public Contract post(String path, com.fasterxml.jackson.databind.JsonNode body) {
        return command("POST", path, body, null);
    }

    /**
     * Sends a command that changes an existing contract, based on version {@code ifMatch}: a stale
     * version is contract-service's 412, passed on.
     */
    public Contract command(String method, String path, com.fasterxml.jackson.databind.JsonNode body, Integer ifMatch) {
        byte[] json;
        try {
            json = this.json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return parse(send(request.build()), Contract.class);
    }

    private <T> Optional<T> read(String path, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(response, type));
    }

    private <T> T parse(HttpResponse<byte[]> response, Class<T> type) {
        if (response.statusCode() >= 300) {
            throw ProblemTranslation.toException(response.statusCode(), problem(response.body()));
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw FhirErrors.withStatus(
                    502,
                    new FhirErrors.Issue(
                            org.hl7.fhir.r4.model.OperationOutcome.IssueType.EXCEPTION,
                            FhirErrors.SERVICE_ANSWER,
                            SERVICE + " answered with a body the gateway cannot read",
                            List.of(),
                            null));
        }
    }

    private Problem problem(byte[] body) {
        try {
            return json.readValue(body, Problem.class);
        } catch (IOException e) {
            return null;
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw FhirErrors.unavailable(SERVICE, "connect timeout");
        } catch (HttpTimeoutException e) {
            throw FhirErrors.timeout(SERVICE);
        } catch (IOException e) {
            throw FhirErrors.unavailable(SERVICE, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FhirErrors.unavailable(SERVICE, "interrupted");
        }
    }
}
