package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.naravard.platform.consumer.PoisonEventException;
import se.naravard.platform.events.EventEnvelope;

class FollowUpEventsTest {

    static final String KEY = "9d1c3f0e8a7b6c5d4e3f2a1b0c9d8e7f";

    private static EventEnvelope event(String type, String json) {
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/test",
                type,
                "s1",
                OffsetDateTime.parse("2026-11-25T09:14:03Z"),
                KEY,
                "0680",
                3,
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void an_episode_gives_its_facts_without_cancelled_messages_and_with_the_notice_in_force() {
        String json =
                """
                {"type":"receipt-recorded","episode":{"id":"e1","version":6,
                 "patient":{"system":"http://electronichealth.se/identifier/personnummer","value":"191212121212"},
                 "admittingUnit":"SE2321000057-AVD1","kommun":"0680","admittedAt":"2026-11-22T07:40:00Z",
                 "needsBothPrincipals":true,"status":{"code":"discharged","at":"2026-11-27T10:00:00Z"},
                 "messages":[
                  {"id":"m0","type":"inskrivningsmeddelande","sentAt":"2026-11-22T09:00:00Z","cancelledBy":"mk"},
                  {"id":"m1","type":"inskrivningsmeddelande","sentAt":"2026-11-22T10:05:00Z",
                   "addressees":[{"kind":"municipal","unit":"SE2120000530-HT01","kommun":"0680"}],
                   "receipts":[{"addressee":"SE2120000530-HT01","status":"transient-error","at":"2026-11-22T10:05:30Z"},
                               {"addressee":"SE2120000530-HT01","status":"ok","at":"2026-11-22T10:06:12Z"}]},
                  {"id":"m2","type":"utskrivningsklar","sentAt":"2026-11-24T08:00:00Z"},
                  {"id":"m3","type":"atertagande-utskrivningsklar","sentAt":"2026-11-24T12:00:00Z"},
                  {"id":"m4","type":"utskrivningsklar","sentAt":"2026-11-25T08:00:00Z"}],
                 "tasks":[{"id":"t1","kind":"sip-call-in","state":"cancelled"},{"id":"t2","kind":"sip-call-in","state":"met"}]}}
                """;

        FollowUpEvents.Extracted facts = FollowUpEvents.read(event("se.naravard.transition.receipt-recorded.v1", json));

        Facts.Episode e = facts.episodes().get(0);
        assertThat(e.admissionNoticeAt()).isEqualTo(Instant.parse("2026-11-22T10:05:00Z"));
        assertThat(e.readyAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(e.dischargedAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(e.sipCallInState()).isEqualTo("met");
        assertThat(e.patientKey()).isEqualTo(KEY);
        Facts.Acknowledgement ack = facts.acknowledgements().stream()
                .filter(a -> a.messageId().equals("m1"))
                .findFirst()
                .orElseThrow();
        assertThat(ack.acknowledgedAt()).isEqualTo(Instant.parse("2026-11-22T10:06:12Z"));
        assertThat(facts.toString()).doesNotContain("191212121212");
    }

    @Test
    void a_contract_event_gives_the_version_with_its_parts_and_the_review_gives_nothing() {
        String json =
                """
                {"event":"contract-activated","contract":{"id":"c1","version":2,"kommun":"0680",
                 "patient":{"system":"http://electronichealth.se/identifier/personnummer","value":"191212121212"},
                 "status":{"code":"active"},
                 "parts":{"sammanhallen-planering":{"owner":"SE2321000057-VC01"},
                  "fast-vardkontakt":{"unit":"SE2321000057-VC02","person":{"hsaId":"SE2321000057-N001"}}}},
                 "change":{"at":"2026-11-25T09:14:03.120Z"}}
                """;

        Facts.ContractVersion c = FollowUpEvents.read(event("se.naravard.contract.contract-activated.v1", json))
                .contracts()
                .get(0);

        assertThat(c.unit()).isEqualTo("SE2321000057-VC02");
        assertThat(c.validFrom()).isEqualTo(Instant.parse("2026-11-25T09:14:03.120Z"));
        assertThat(c.inForce()).isTrue();
        assertThat(c.complete()).isFalse();
        assertThat(c.fastVardkontakt()).isTrue();
        assertThat(FollowUpEvents.read(event("se.naravard.contract.contract-reviewed.v1", json))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void an_unreadable_event_is_poison() {
        assertThatThrownBy(() -> FollowUpEvents.read(event("se.naravard.transition.patient-admitted.v1", "not json")))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> FollowUpEvents.read(event("se.naravard.transition.patient-admitted.v1", "{}")))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("/episode");
    }
}
