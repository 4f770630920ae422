package se.naravard.gateway.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import se.naravard.gateway.cache.DocumentCache;
import se.naravard.gateway.cache.EventFeed;
import se.naravard.gateway.contract.ContractClient;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.sip.SipClient;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.transition.TransitionClient;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;

/**
 * The gateway's read caches of current contracts, SIPs and inpatient episodes, and the feed from {@code
 * contract.events}, {@code sip.events} and {@code transition.events} that keeps them current. Episodes
 * are cached since the access rules read every patient's episodes on every request (an LUS episode
 * is a care relation).
 *
 * @param contracts what {@link ContractClient} answers from
 * @param sips what {@link SipClient} answers from
 * @param episodes what {@link TransitionClient} answers from
 * @param feed the events' reader (not live: the caches pass every call to the services)
 */
public record ReadCaches(
        DocumentCache<Contract> contracts, DocumentCache<Sip> sips, DocumentCache<Episode> episodes, EventFeed feed)
        implements AutoCloseable {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What bounds the caches. */
    public record Limits(long maxDocuments, Duration maxAge) {}

    /** Caches that keep nothing (no brokers configured, or the cache turned off). */
    public static ReadCaches off() {
        return new ReadCaches(
                DocumentCache.off(),
                DocumentCache.off(),
                DocumentCache.off(),
                new EventFeed(null, Duration.ofSeconds(1)));
    }

    /** Builds the caches over {@code feed}, subscribes them to their topics and starts the feed. */
    public static ReadCaches start(EventFeed feed, PatientResolver patients, Limits limits) {
        if (!feed.configured()) {
            return off();
        }
        DocumentCache<Contract> contracts = new DocumentCache<>(
                DocumentCache.Shape.of(
                        Contract::id,
                        Contract::version,
                        c -> patients.keyOf(c.patient().system(), c.patient().value())),
                ContractClient.NEWEST_CHANGE_FIRST,
                feed::isLive,
                limits.maxDocuments(),
                limits.maxAge());
        DocumentCache<Sip> sips = new DocumentCache<>(
                DocumentCache.Shape.of(
                        Sip::id,
                        Sip::version,
                        s -> patients.keyOf(s.person().system(), s.person().value())),
                SipClient.NEWEST_CHANGE_FIRST,
                feed::isLive,
                limits.maxDocuments(),
                limits.maxAge());
        DocumentCache<Episode> episodes = new DocumentCache<>(
                DocumentCache.Shape.of(
                        Episode::id,
                        Episode::version,
                        e -> patients.keyOf(e.patient().system(), e.patient().value())),
                TransitionClient.NEWEST_CHANGE_FIRST,
                feed::isLive,
                limits.maxDocuments(),
                limits.maxAge());
        feed.on(Topics.CONTRACT_EVENTS, e -> document(e, "contract", Contract.class)
                        .ifPresent(contracts::apply))
                .on(Topics.SIP_EVENTS, e -> document(e, "sip", Sip.class).ifPresent(sips::apply))
                .on(Topics.TRANSITION_EVENTS, e -> document(e, "episode", Episode.class)
                        .ifPresent(episodes::apply))
                .onLost(contracts::clear)
                .onLost(sips::clear)
                .onLost(episodes::clear)
                .start();
        return new ReadCaches(contracts, sips, episodes, feed);
    }

    /**
     * The aggregate's state after the change, which every event of a contract or a SIP carries under
     * {@code field} (docs/events.md); empty for the other events of the topic, which change no
     * aggregate the cache holds (sip.events also carries the call-in tasks' events).
     *
     * @throws IllegalArgumentException when the payload is unreadable, or the document is not an object
     */
    public static <D> Optional<D> document(EventEnvelope e, String field, Class<D> type) {
        try {
            JsonNode node = JSON.readTree(e.data()).get(field);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(e.type() + " " + e.id() + ": " + field + " is not an object");
            }
            return Optional.of(JSON.treeToValue(node, type));
        } catch (IOException x) {
            throw new IllegalArgumentException(e.type() + " " + e.id() + " is not JSON: " + x.getMessage(), x);
        }
    }

    @Override
    public void close() {
        feed.close();
    }
}
