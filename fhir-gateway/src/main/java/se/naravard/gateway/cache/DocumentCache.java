package se.naravard.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The current version of one service's documents (contracts, SIPs), kept in the gateway so that a
 * read or a search by patient does not cross to the service every time. Two bounded maps: documents
 * by id, and per patient key the ids of all that patient's documents (an index that is only used
 * once it is complete, i.e. filled from the service's own list).
 *
 * <p>What keeps it right:
 *
 * <ul>
 *   <li><b>Versions only go up.</b> A document replaces the cached one only if its version is at least
 *       as high, whatever the order in which a load, an event and a write's answer arrive.
 *   <li><b>The gateway's own writes</b> put the service's answer in at once: a read after a write
 *       through this gateway sees the write.
 *   <li><b>Everybody else's writes</b> arrive as the service's events ({@link #apply}, fed by {@link
 *       EventFeed}), typically within tens of milliseconds of the commit.
 *   <li><b>Events that race a patient's load</b>: the patient's index exists (incomplete) before the
 *       service is asked, and events add to it meanwhile, so a document created during the load is not
 *       lost from the index.
 *   <li><b>When the feed is not live</b> (broker unreachable, not yet caught up), nothing is answered
 *       from the cache and it is emptied: it cannot know what it missed. Every entry also has a maximum
 *       age, which bounds staleness should a producer's relay stall while the broker is fine.
 * </ul>
 *
 * @param <D> the document type, as the service's JSON reads into it
 */
public final class DocumentCache<D> {

    /** How to tell a document's id, version and patient. */
    public interface Shape<D> {
        String id(D document);

        long version(D document);

        /** The pseudonymous patient key. */
        String patientKey(D document);

        /** A shape from three functions. */
        static <D> Shape<D> of(Function<D, String> id, ToLongFunction<D> version, Function<D, String> patientKey) {
            return new Shape<>() {
                @Override
                public String id(D document) {
                    return id.apply(document);
                }

                @Override
                public long version(D document) {
                    return version.applyAsLong(document);
                }

                @Override
                public String patientKey(D document) {
                    return patientKey.apply(document);
                }
            };
        }
    }

    /** A cached document with its patient key (worked out once, not per read). */
    private record Entry<D>(D document, long version, String patientKey) {}

    /** The ids of one patient's documents; {@code complete} once the service's whole list is in. */
    private static final class PatientIndex {
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        volatile boolean complete;
    }

    private final Shape<D> shape;
    private final Comparator<D> order;
    private final BooleanSupplier live;
    private final Cache<String, Entry<D>> byId;
    private final Cache<String, PatientIndex> byPatient;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param order the order of a patient's list (the service's: most recently changed first)
     * @param live whether the event feed is live; while it is not, every call goes to the service
     */
    public DocumentCache(
            Shape<D> shape, Comparator<D> order, BooleanSupplier live, long maxDocuments, Duration maxAge) {
        this.shape = shape;
        this.order = order;
        this.live = live;
        this.byId = Caffeine.newBuilder()
                .maximumSize(maxDocuments)
                .expireAfterWrite(maxAge)
                .build();
        this.byPatient = Caffeine.newBuilder()
                .maximumSize(maxDocuments)
                .expireAfterWrite(maxAge)
                .build();
    }

    /** A cache that is never live: every call goes to the service. */
    public static <D> DocumentCache<D> off() {
        Shape<D> none = Shape.of(d -> null, d -> 0, d -> null);
        return new DocumentCache<>(
                none, Comparator.comparingInt(Object::hashCode), () -> false, 0, Duration.ofSeconds(1));
    }

    /** A service's timestamp (RFC 3339) as an instant for ordering; missing or unreadable sorts first. */
    public static Instant instant(String at) {
        if (at == null) {
            return Instant.MIN;
        }
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    /** The current document {@code id}: from the cache, or {@code load} (and then kept). */
    public Optional<D> get(String id, Function<String, Optional<D>> load) {
        if (!live.getAsBoolean()) {
            return load.apply(id);
        }
        Entry<D> e = byId.getIfPresent(id);
        if (e != null) {
            hits.increment();
            return Optional.of(e.document());
        }
        misses.increment();
        Optional<D> loaded = load.apply(id);
        loaded.ifPresent(this::put);
        return loaded;
    }

    /**
     * Every document of the patient, in {@code order}: from the cache when its index is complete and
     * every document in it is cached, otherwise {@code load} (the service's list), which fills both.
     */
    public List<D> forPatient(String patientKey, Supplier<List<D>> load) {
        if (!live.getAsBoolean()) {
            return load.get();
        }
        PatientIndex index = byPatient.getIfPresent(patientKey);
        if (index != null && index.complete) {
            List<D> found = new ArrayList<>(index.ids.size());
            boolean whole = true;
            for (String id : index.ids) {
                Entry<D> e = byId.getIfPresent(id);
                if (e == null) {
                    whole = false;
                    break;
                }
                found.add(e.document());
            }
            if (whole) {
                hits.increment();
                found.sort(order);
                return found;
            }
        }
        misses.increment();
        // The index exists before the service is asked: events arriving during the load add to it.
        PatientIndex filling = byPatient.get(patientKey, k -> new PatientIndex());
        List<D> loaded = load.get();
        for (D d : loaded) {
            put(d);
            filling.ids.add(shape.id(d));
        }
        filling.complete = true;
        return loaded;
    }

    /**
     * A document's new version, from an event or a write's answer: replaces an older cached version
     * and joins its patient's index. Ignored while the feed is not live.
     */
    public void apply(D document) {
        if (!live.getAsBoolean()) {
            return;
        }
        Entry<D> e = put(document);
        PatientIndex index = byPatient.getIfPresent(e.patientKey());
        if (index != null) {
            index.ids.add(shape.id(document));
        }
    }

    /** Forgets everything (the feed lost its broker: what it missed is unknown). */
    public void clear() {
        byId.invalidateAll();
        byPatient.invalidateAll();
    }

    /** Drops one document, as the bounded map does when it is full. */
    void evict(String id) {
        byId.invalidate(id);
    }

    /** Reads answered from the cache (while the feed is live). */
    public long hits() {
        return hits.sum();
    }

    /** Reads the cache passed to the service while the feed was live (not cached, or incomplete). */
    public long misses() {
        return misses.sum();
    }

    /** How many documents are cached (approximate, for metrics and tests). */
    public long size() {
        return byId.estimatedSize();
    }

    private Entry<D> put(D document) {
        Entry<D> fresh = new Entry<>(document, shape.version(document), shape.patientKey(document));
        return byId.asMap().merge(shape.id(document), fresh, (old, now) -> now.version() >= old.version() ? now : old);
    }
}
