package se.naravard.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.naravard.gateway.cache.DocumentCache;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractDocs.ContractPage;
import se.naravard.gateway.contract.ContractDocs.VersionList;
import se.naravard.gateway.http.ProblemTranslation;
import se.naravard.gateway.http.ServiceClient;
import se.naravard.platform.security.ServiceCredentials;

/**
 * contract-service's internal REST API (docs/contract-api.md) over the shared {@link ServiceClient}
 * plumbing (keep-alive HTTP/1.1, connect and request timeouts, 503/504). A refusal's problem+json
 * becomes an OperationOutcome ({@link ProblemTranslation} with the {@link ContractPointers} table).
 */
public final class ContractClient {

    static final String SERVICE = "contract-service";
    /** The service's page limit; a patient has few contracts, so a handful of pages is the most we read. */
    static final int PAGE = 100;

    static final int MAX_PAGES = 10;

    private final ServiceClient http;
    private final DocumentCache<Contract> cache;

    /** A client that always asks the service. */
    public ContractClient(URI base, Duration connectTimeout, Duration requestTimeout, ServiceCredentials credentials) {
        this(base, connectTimeout, requestTimeout, DocumentCache.off(), credentials);
    }

    /**
     * A client that answers current contracts from {@code cache} where it can and puts every contract a
     * command returns into it, so a read after a write through this gateway sees the write.
     */
    public ContractClient(
            URI base,
            Duration connectTimeout,
            Duration requestTimeout,
            DocumentCache<Contract> cache,
            ServiceCredentials credentials) {
        this.http = new ServiceClient(SERVICE, base, connectTimeout, requestTimeout, credentials, this::refusal);
        this.cache = cache;
    }

    public URI base() {
        return http.base();
    }

    /** The current version, or empty if there is no such contract. */
    public Optional<Contract> get(String id) {
        return cache.get(id, i -> http.get("/contracts/" + i, Contract.class));
    }

    /** Version {@code version} as it was, or empty. */
    public Optional<Contract> version(String id, int version) {
        return http.get("/contracts/" + id + "/versions/" + version, Contract.class);
    }

    public Optional<VersionList> versions(String id) {
        return http.get("/contracts/" + id + "/versions", VersionList.class);
    }

    /** Every contract of the patient with this pseudonymous key, newest change first. */
    public List<Contract> byPatientKey(String patientKey) {
        return cache.forPatient(
                patientKey,
                () -> http.allPages(
                        "/contracts?patientKey=" + URLEncoder.encode(patientKey, StandardCharsets.UTF_8),
                        PAGE,
                        MAX_PAGES,
                        ContractPage.class,
                        ContractPage::contracts,
                        ContractPage::nextOffset));
    }

    /**
     * The patient's listings (docs/contract-api.md "Listings"), or empty if never listed. Asked on every
     * call, not cached: a read after a listing sees it.
     */
    public Optional<ContractDocs.PatientListings> listings(String patientKey) {
        return http.get(
                "/listings?patientKey=" + URLEncoder.encode(patientKey, StandardCharsets.UTF_8),
                ContractDocs.PatientListings.class);
    }

    /** POSTs a JSON command; the created or changed contract, or the refusal as an OperationOutcome. */
    public Contract post(String path, JsonNode body) {
        return command("POST", path, body, null);
    }

    /**
     * Sends a command that changes an existing contract, based on version {@code ifMatch}: a stale
     * version is contract-service's 412, passed on.
     */
    public Contract command(String method, String path, JsonNode body, Integer ifMatch) {
        Contract changed = http.send(method, path, body, ifMatch, Contract.class);
        cache.apply(changed);
        return changed;
    }

    /** The order of contract-service's lists: most recently changed first, then by id. */
    public static final Comparator<Contract> NEWEST_CHANGE_FIRST = Comparator.comparing(
                    (Contract c) -> DocumentCache.instant(
                            c.lastChange() == null ? null : c.lastChange().at()))
            .reversed()
            .thenComparing(Contract::id);

    private RuntimeException refusal(int status, byte[] body) {
        return ProblemTranslation.toException(
                SERVICE,
                status,
                ProblemTranslation.read(http.json(), body),
                (pointer, code) -> ContractPointers.expression(pointer));
    }
}
