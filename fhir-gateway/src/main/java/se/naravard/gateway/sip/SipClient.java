package se.naravard.gateway.sip;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.naravard.gateway.cache.DocumentCache;
import se.naravard.gateway.http.ProblemTranslation;
import se.naravard.gateway.http.ServiceClient;
import se.naravard.gateway.sip.SipDocs.CallIn;
import se.naravard.gateway.sip.SipDocs.CallInPage;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipDocs.SipPage;
import se.naravard.gateway.sip.SipDocs.VersionList;
import se.naravard.platform.security.ServiceCredentials;

/**
 * sip-service's internal REST API (docs/sip-api.md) over the shared {@link ServiceClient} plumbing:
 * down → 503, slow → 504. The gateway builds every read itself, so a refusal of a read other than 404
 * is the service's fault or the gateway's: 502 with the service's code. A refused command (a call-in's
 * completion) keeps its status and names the FHIR elements its values came from.
 */
public final class SipClient {

    static final String SERVICE = "sip-service";
    /** The service's page limit. */
    static final int PAGE = 100;

    static final int MAX_PAGES = 10;

    private final ServiceClient http;
    private final DocumentCache<Sip> cache;

    /** A client that always asks the service. */
    public SipClient(URI base, Duration connectTimeout, Duration requestTimeout, ServiceCredentials credentials) {
        this(base, connectTimeout, requestTimeout, DocumentCache.off(), credentials);
    }

    /** A client that answers current SIPs from {@code cache} where it can (filled from sip.events). */
    public SipClient(
            URI base,
            Duration connectTimeout,
            Duration requestTimeout,
            DocumentCache<Sip> cache,
            ServiceCredentials credentials) {
        this.http = new ServiceClient(SERVICE, base, connectTimeout, requestTimeout, credentials);
        this.cache = cache;
    }

    /** The order of sip-service's lists: most recently changed first, then by id. */
    public static final Comparator<Sip> NEWEST_CHANGE_FIRST = Comparator.comparing((Sip s) -> DocumentCache.instant(
                    s.lastChange() == null ? null : s.lastChange().at()))
            .reversed()
            .thenComparing(Sip::id);

    public URI base() {
        return http.base();
    }

    /** The current version, or empty if there is no such SIP. */
    public Optional<Sip> get(String id) {
        return cache.get(id, i -> http.get("/sips/" + i, Sip.class));
    }

    /** Version {@code version} as it was, or empty. */
    public Optional<Sip> version(String id, int version) {
        return http.get("/sips/" + id + "/versions/" + version, Sip.class);
    }

    /** The version list (number, status, event, when), or empty if there is no such SIP. */
    public Optional<VersionList> versions(String id) {
        return http.get("/sips/" + id + "/versions", VersionList.class);
    }

    /** Every SIP of the patient with this pseudonymous key, most recently changed first. */
    public List<Sip> byPatientKey(String patientKey) {
        return cache.forPatient(
                patientKey,
                () -> http.allPages(
                        "/sips?patientKey=" + URLEncoder.encode(patientKey, StandardCharsets.UTF_8),
                        PAGE,
                        MAX_PAGES,
                        SipPage.class,
                        SipPage::sips,
                        SipPage::nextOffset));
    }

    /** The call-in task following transition-service's deadline task {@code transitionTaskId} (a UUID), or empty. */
    public Optional<CallIn> callInOfTransitionTask(String transitionTaskId) {
        return http.get(
                        "/call-ins?limit=1&transitionTaskId="
                                + URLEncoder.encode(transitionTaskId, StandardCharsets.UTF_8),
                        CallInPage.class)
                .flatMap(p -> p.callIns() == null
                        ? Optional.empty()
                        : p.callIns().stream().findFirst());
    }

    /**
     * Sends a SIP command ({@code If-Match: "<ifMatch>"} when given; {@code POST /sips} has none): the
     * SIP as the service answers it, also put into the read cache so a read after the write sees it. A
     * refusal keeps its status (404 of a SIP is 404 here, 412 stale, 409 closed, 422 refused values)
     * and names the FHIR elements {@code pointers} gives for the service's JSON pointers.
     */
    public Sip command(String method, String path, Object body, Integer ifMatch, ProblemTranslation.Pointers pointers) {
        Sip changed = http.send(
                method,
                path,
                body,
                ifMatch,
                Sip.class,
                (status, bytes) -> ProblemTranslation.toException(
                        SERVICE, status, ProblemTranslation.read(http.json(), bytes), pointers));
        cache.apply(changed);
        return changed;
    }

    /**
     * {@code POST /call-ins/{id}/completion}: the SIP was called. sip-service's 404 (the task vanished)
     * is a 409 here: the Task exists, its call-in does not (yet); 409 and 422 keep their status.
     */
    public CallIn completeCallIn(String callInId, Object command, ProblemTranslation.Pointers pointers) {
        return http.post(
                        "/call-ins/" + callInId + "/completion",
                        command,
                        CallIn.class,
                        (status, body) -> ProblemTranslation.toException(
                                SERVICE,
                                status == 404 ? 409 : status,
                                ProblemTranslation.read(http.json(), body),
                                pointers))
                .body();
    }
}
