package se.naravard.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    record Doc(String id, long version, String patient, String at) {}

    static final DocumentCache.Shape<Doc> SHAPE = DocumentCache.Shape.of(Doc::id, Doc::version, Doc::patient);

    static final Comparator<Doc> NEWEST_FIRST = Comparator.comparing((Doc d) -> DocumentCache.instant(d.at()))
            .reversed()
            .thenComparing(Doc::id);

    final AtomicBoolean live = new AtomicBoolean(true);
    final DocumentCache<Doc> cache = new DocumentCache<>(SHAPE, NEWEST_FIRST, live::get, 100, Duration.ofMinutes(1));
    final AtomicInteger loads = new AtomicInteger();

    Optional<Doc> load(Doc d) {
        loads.incrementAndGet();
        return Optional.ofNullable(d);
    }

    static Doc doc(String id, long version, String patient, String at) {
        return new Doc(id, version, patient, "2026-12-0" + at + "T10:00:00Z");
    }

    @Test
    void a_read_loads_once_and_is_then_answered_from_the_cache() {
        Doc a = doc("a", 1, "p", "1");
        assertThat(cache.get("a", id -> load(a))).contains(a);
        assertThat(cache.get("a", id -> load(a))).contains(a);
        assertThat(loads).hasValue(1);
    }

    @Test
    void an_unknown_id_is_not_remembered_as_missing() {
        assertThat(cache.get("x", id -> load(null))).isEmpty();
        assertThat(cache.get("x", id -> load(null))).isEmpty();
        assertThat(loads).hasValue(2);
    }

    @Test
    void a_newer_version_replaces_the_cached_one_and_an_older_one_never_does() {
        cache.get("a", id -> load(doc("a", 2, "p", "1")));
        cache.apply(doc("a", 3, "p", "2"));
        assertThat(cache.get("a", id -> load(null)).map(Doc::version)).contains(3L);

        cache.apply(doc("a", 1, "p", "1")); // a late, older event
        assertThat(cache.get("a", id -> load(null)).map(Doc::version)).contains(3L);
    }

    @Test
    void a_load_that_returns_an_older_version_than_an_event_already_applied_does_not_win() {
        // The event of version 4 arrives while the read of version 3 is on its way back.
        Optional<Doc> answered = cache.get("a", id -> {
            cache.apply(doc("a", 4, "p", "2"));
            return Optional.of(doc("a", 3, "p", "1"));
        });
        assertThat(answered.map(Doc::version)).contains(3L);
        assertThat(cache.get("a", id -> load(null)).map(Doc::version)).contains(4L);
    }

    @Test
    void while_the_feed_is_not_live_every_read_goes_to_the_service_and_events_are_ignored() {
        live.set(false);
        Doc a = doc("a", 1, "p", "1");
        cache.get("a", id -> load(a));
        cache.get("a", id -> load(a));
        cache.apply(doc("a", 2, "p", "1"));
        assertThat(loads).hasValue(2);

        live.set(true);
        assertThat(cache.get("a", id -> load(a)).map(Doc::version)).contains(1L);
        assertThat(loads).hasValue(3);
    }

    @Test
    void a_patients_list_is_loaded_once_then_answered_from_the_cache_in_the_services_order() {
        Doc older = doc("b", 1, "p", "1");
        Doc newer = doc("a", 1, "p", "2");
        List<Doc> first = cache.forPatient("p", () -> {
            loads.incrementAndGet();
            return List.of(newer, older);
        });
        List<Doc> second = cache.forPatient("p", () -> {
            loads.incrementAndGet();
            return List.of();
        });
        assertThat(first).containsExactly(newer, older);
        assertThat(second).containsExactly(newer, older);
        assertThat(loads).hasValue(1);
        // And each of them is there by id.
        assertThat(cache.get("b", id -> load(null))).contains(older);
    }

    @Test
    void a_document_created_elsewhere_joins_its_patients_list_with_its_event() {
        cache.forPatient("p", () -> List.of(doc("a", 1, "p", "1")));
        Doc created = doc("c", 1, "p", "3");
        cache.apply(created);
        cache.apply(doc("z", 1, "other", "3"));
        assertThat(cache.forPatient("p", List::of)).extracting(Doc::id).containsExactly("c", "a");
    }

    @Test
    void a_document_created_while_the_patients_list_is_being_loaded_is_not_lost() {
        // The service's list was read before "c" was committed; c's event arrives before the load returns.
        List<Doc> loaded = cache.forPatient("p", () -> {
            cache.apply(doc("c", 1, "p", "3"));
            return List.of(doc("a", 1, "p", "1"));
        });
        assertThat(loaded).extracting(Doc::id).containsExactly("a");
        assertThat(cache.forPatient("p", List::of)).extracting(Doc::id).containsExactly("c", "a");
    }

    @Test
    void a_change_to_one_of_a_patients_documents_shows_in_the_list_and_may_reorder_it() {
        cache.forPatient("p", () -> List.of(doc("a", 1, "p", "2"), doc("b", 1, "p", "1")));
        cache.apply(doc("b", 2, "p", "4"));
        assertThat(cache.forPatient("p", List::of))
                .extracting(d -> d.id() + d.version())
                .containsExactly("b2", "a1");
    }

    @Test
    void a_list_with_a_document_no_longer_cached_is_loaded_again() {
        cache.forPatient("p", () -> List.of(doc("a", 1, "p", "2"), doc("b", 1, "p", "1")));
        cache.evict("b"); // as the bounded map does when it is full
        List<String> reloaded = new ArrayList<>();
        List<Doc> found = cache.forPatient("p", () -> {
            reloaded.add("p");
            return List.of(doc("a", 1, "p", "2"), doc("b", 1, "p", "1"));
        });
        assertThat(reloaded).containsExactly("p");
        assertThat(found).extracting(Doc::id).containsExactly("a", "b");
    }

    @Test
    void clearing_forgets_documents_and_lists() {
        cache.forPatient("p", () -> List.of(doc("a", 1, "p", "1")));
        cache.clear();
        assertThat(cache.forPatient("p", () -> {
                    loads.incrementAndGet();
                    return List.of();
                }))
                .isEmpty();
        assertThat(cache.get("a", id -> load(null))).isEmpty();
        assertThat(loads).hasValue(2);
    }

    @Test
    void an_off_cache_always_asks_the_service() {
        DocumentCache<Doc> off = DocumentCache.off();
        off.get("a", id -> load(doc("a", 1, "p", "1")));
        off.get("a", id -> load(doc("a", 1, "p", "1")));
        off.apply(doc("a", 2, "p", "1"));
        assertThat(loads).hasValue(2);
    }

    @Test
    void timestamps_order_by_instant_whatever_their_offset_or_precision() {
        assertThat(DocumentCache.instant("2026-12-05T10:00:00.5Z"))
                .isAfter(DocumentCache.instant("2026-12-05T11:00:00.100+01:00"));
        assertThat(DocumentCache.instant(null)).isBefore(DocumentCache.instant("1970-01-01T00:00:00Z"));
        assertThat(DocumentCache.instant("not a time")).isBefore(DocumentCache.instant("1970-01-01T00:00:00Z"));
    }
}
