package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.subscription.EventMatcher;
import se.naravard.platform.consumer.PoisonEventException;
import se.naravard.platform.events.EventEnvelope;

/**
 * A {@code listing-changed} event read into the listings of the follow-up store, and ignored by the
 * other readers of contract.events (the contract facts, the subscriptions), which must not dead-letter it.
 */
class ListingFactsTest {

    static final String KEY = "9d1c3f0e8a7b6c5d4e3f2a1b0c9d8e7f";

    static final String RELISTED =
            """
            {"event":"listing-changed","change":"listed","at":"2026-03-16T08:00:00Z","patientKey":"%s","version":2,
             "unit":"SE2321000057-VC02","kommun":"0687","county":"06","from":"2026-03-16","targetGroups":[],
             "listings":[
              {"unit":"SE2321000057-VC01","kommun":"0680","county":"06","from":"2026-01-01","to":"2026-03-15",
               "targetGroups":["frail-elderly"]},
              {"unit":"SE2321000057-VC02","kommun":"0687","county":"06","from":"2026-03-16","targetGroups":[]}],
             "future":"ignored"}
            """
                    .formatted(KEY);

    private static EventEnvelope event(String type, String json) {
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/contract-service",
                type,
                KEY,
                OffsetDateTime.parse("2026-03-16T08:00:00Z"),
                KEY,
                "0687",
                2,
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_listing_event_gives_the_patients_whole_history_of_that_version() {
        ListingFacts.History h =
                ListingFacts.read(event(ListingFacts.TYPE, RELISTED)).orElseThrow();

        assertThat(h.patientKey()).isEqualTo(KEY);
        assertThat(h.version()).isEqualTo(2);
        assertThat(h.listings()).hasSize(2);
        Facts.Listing first = h.listings().get(0);
        assertThat(first.unit()).isEqualTo("SE2321000057-VC01");
        assertThat(first.to()).isEqualTo(LocalDate.parse("2026-03-15"));
        assertThat(first.targetGroups()).containsExactly("frail-elderly");
        assertThat(h.listings().get(1).to()).isNull();
        assertThat(h.listings().get(1).covers(LocalDate.parse("2026-03-31"))).isTrue();
    }

    @Test
    void an_unreadable_listing_event_is_poison() {
        assertThatThrownBy(() -> ListingFacts.read(event(ListingFacts.TYPE, "{\"version\":2}")))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> ListingFacts.read(
                        event(ListingFacts.TYPE, "{\"listings\":[{\"unit\":\"x\",\"from\":\"1 mars\"}]}")))
                .isInstanceOf(PoisonEventException.class);
    }

    @Test
    void the_other_readers_of_contract_events_ignore_listings_and_types_they_do_not_know() {
        assertThat(FollowUpEvents.read(event(ListingFacts.TYPE, RELISTED)).isEmpty())
                .isTrue();
        assertThat(FollowUpEvents.read(event("se.naravard.contract.something-new.v1", "{\"x\":1}"))
                        .isEmpty())
                .isTrue();
        assertThat(new EventMatcher(Clock.systemUTC()).read(event(ListingFacts.TYPE, RELISTED)))
                .isEmpty();
        assertThat(se.naravard.gateway.server.ReadCaches.document(
                        event(ListingFacts.TYPE, RELISTED),
                        "contract",
                        se.naravard.gateway.contract.ContractDocs.Contract.class))
                .isEmpty();
        assertThat(ListingFacts.read(event("se.naravard.contract.contract-activated.v1", "{}")))
                .isEmpty();
    }
}
