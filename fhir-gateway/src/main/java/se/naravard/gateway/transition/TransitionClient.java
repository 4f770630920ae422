package se.naravard.gateway.transition;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.naravard.gateway.cache.DocumentCache;
import se.naravard.gateway.http.ProblemTranslation;
import se.naravard.gateway.http.ProblemTranslation.Pointers;
import se.naravard.gateway.http.ServiceClient;
import se.naravard.gateway.http.ServiceClient.Reply;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.gateway.transition.TransitionDocs.EpisodePage;
import se.naravard.gateway.transition.TransitionDocs.LiabilityMonth;
import se.naravard.gateway.transition.TransitionDocs.VersionList;
import se.naravard.platform.security.ServiceCredentials;

/**
 * transition-service's internal REST API (docs/transition-api.md) over the shared {@link ServiceClient}
 * plumbing: down → 503, slow → 504. Reads: the gateway builds every request itself, so a refusal other
 * than 404 is the service's fault or the gateway's: 502 with the service's code. Commands: a refusal
 * is the client's, translated by {@link ProblemTranslation} with the {@link Pointers} of the resource
 * written; a missing episode or message it names is 422 (the reference in the resource is wrong).
 */
public final class TransitionClient {

    static final String SERVICE = "transition-service";
    /** The service's page limit. */
    static final int PAGE = 100;

    static final int MAX_PAGES = 10;

    private final ServiceClient http;
    private final DocumentCache<Episode> cache;

    /** A client that always asks the service. */
    public TransitionClient(
            URI base, Duration connectTimeout, Duration requestTimeout, ServiceCredentials credentials) {
        this(base, connectTimeout, requestTimeout, DocumentCache.off(), credentials);
    }

    /**
     * A client that answers current episodes from {@code cache} where it can and puts every episode a
     * command returns into it, so a read after a write through this gateway sees the write.
     */
    public TransitionClient(
            URI base,
            Duration connectTimeout,
            Duration requestTimeout,
            DocumentCache<Episode> cache,
            ServiceCredentials credentials) {
        this.http = new ServiceClient(SERVICE, base, connectTimeout, requestTimeout, credentials);
        this.cache = cache;
    }

    /** The order of transition-service's lists: most recently changed first, then by id. */
    public static final Comparator<Episode> NEWEST_CHANGE_FIRST = Comparator.comparing(
                    (Episode e) -> DocumentCache.instant(
                            e.lastChange() == null ? null : e.lastChange().at()))
            .reversed()
            .thenComparing(Episode::id);

    public URI base() {
        return http.base();
    }

    /** The current version, or empty if there is no such episode. */
    public Optional<Episode> get(String id) {
        return cache.get(id, i -> http.get("/episodes/" + i, Episode.class));
    }

    /** Version {@code version} as it was, or empty. */
    public Optional<Episode> version(String id, int version) {
        return http.get("/episodes/" + id + "/versions/" + version, Episode.class);
    }

    /** The version list, or empty if there is no such episode. */
    public Optional<VersionList> versions(String id) {
        return http.get("/episodes/" + id + "/versions", VersionList.class);
    }

    /** Every episode of the patient with this pseudonymous key, most recently changed first. */
    public List<Episode> byPatientKey(String patientKey) {
        return cache.forPatient(
                patientKey,
                () -> http.allPages(
                        "/episodes?patientKey=" + URLEncoder.encode(patientKey, StandardCharsets.UTF_8),
                        PAGE,
                        MAX_PAGES,
                        EpisodePage.class,
                        EpisodePage::episodes,
                        EpisodePage::nextOffset));
    }

    /**
     * {@code GET /liability/{kommun}/{month}}: the kommun's payment liability in the month from the
     * service's evidence (its county agreement), never computed here.
     */
    public LiabilityMonth liability(String kommun, java.time.YearMonth month) {
        return http.get(
                        "/liability/" + URLEncoder.encode(kommun, StandardCharsets.UTF_8) + "/" + month,
                        LiabilityMonth.class)
                .orElseThrow(() -> new IllegalStateException(SERVICE + " has no /liability"));
    }

    /** The episode holding the LUS message {@code messageId} (a UUID), or empty. */
    public Optional<Episode> byMessageId(String messageId) {
        return first("/episodes?messageId=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8) + "&limit=1");
    }

    /** The episode holding the deadline task {@code taskId} (a UUID), or empty. */
    public Optional<Episode> byTaskId(String taskId) {
        return first("/episodes?taskId=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8) + "&limit=1");
    }

    private Optional<Episode> first(String path) {
        return http.get(path, EpisodePage.class)
                .flatMap(p -> p.episodes() == null
                        ? Optional.empty()
                        : p.episodes().stream().findFirst());
    }

    /** {@code POST /episodes}: records an admission; the new episode (201). */
    public Reply<Episode> admit(Object command, Pointers pointers) {
        return cached(http.post("/episodes", command, Episode.class, commandRefusal(pointers)));
    }

    /** {@code POST /episodes/{id}/messages}: 201 when new, 200 for a replay of the same message. */
    public Reply<Episode> send(String episodeId, Object command, Pointers pointers) {
        return cached(
                http.post("/episodes/" + episodeId + "/messages", command, Episode.class, commandRefusal(pointers)));
    }

    /** {@code POST /episodes/{id}/messages/{messageId}/receipts}: a kvittens; 200 with the episode. */
    public Reply<Episode> receipt(String episodeId, String messageId, Object command, Pointers pointers) {
        return cached(http.post(
                "/episodes/" + episodeId + "/messages/" + messageId + "/receipts",
                command,
                Episode.class,
                commandRefusal(pointers)));
    }

    private Reply<Episode> cached(Reply<Episode> reply) {
        cache.apply(reply.body());
        return reply;
    }

    private ServiceClient.Refusal commandRefusal(Pointers pointers) {
        return (status, body) -> ProblemTranslation.toException(
                SERVICE, status == 404 ? 422 : status, ProblemTranslation.read(http.json(), body), pointers);
    }
}
