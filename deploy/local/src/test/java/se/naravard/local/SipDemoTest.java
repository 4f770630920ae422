package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.naravard.local.SipApi.Sip;
import se.naravard.local.StubApi.Answer;
import se.naravard.local.StubApi.Request;

/**
 * The demo SIPs against a stub of sip-service that, like the real one, answers 428 without If-Match
 * and 412 when it is not the current version: one active with a valid consent, one draft without
 * consent, one active whose consent was revoked.
 */
class SipDemoTest {

    /** What the loaders are given to send: the internal APIs accept nothing but a service token. */
    static final String SERVICE_TOKEN = "Bearer a-service-token";

    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");

    /** Stub state per SIP id. */
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> consents = new ConcurrentHashMap<>();
    private final Map<String, String> kommuns = new ConcurrentHashMap<>();
    private final StubApi stub = StubApi.start(this::answer);
    private String existing = "";

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void loadsAnActiveADraftAndARevokedSipWithIfMatchOnEveryChange() {
        SipDemo.Result result = new SipDemo(
                        new SipApi(stub.base(), () -> SERVICE_TOKEN), new DemoTime(Clock.fixed(NOW, ZoneOffset.UTC)))
                .loadIfEmpty();

        assertThat(result.loadedNow()).isTrue();
        assertThat(stub.requests())
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo(SERVICE_TOKEN));
        List<Sip> sips = result.entries().stream().map(SipDemo.Entry::sip).toList();
        assertThat(sips).extracting(Sip::status).containsExactly("active", "draft", "active");
        assertThat(sips).extracting(Sip::consent).containsExactly("valid", "none", "revoked");
        assertThat(sips).extracting(Sip::kommun).containsExactly("0680", "2380", "0680");
        assertThat(stub.requests())
                .filteredOn(r -> !r.method().equals("GET") && !r.path().equals("/sips"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.ifMatch()).isNotNull());
        assertThat(stub.requests())
                .filteredOn(r -> r.path().equals("/sips") && r.method().equals("POST"))
                .hasSize(3)
                .allSatisfy(r -> assertThat(DemoDataTest.TEST_PATIENTS).contains(r.text("person")));
        assertThat(stub.requests()).allSatisfy(r -> {
            if (r.body() != null && r.path().matches("/sips(/.*)?")) {
                assertThat(r.body().has("actor")).as(r.path()).isTrue();
            }
        });
        LocalDate today = LocalDate.of(2026, 11, 25);
        assertThat(stub.requests())
                .filteredOn(r -> r.path().endsWith("/follow-up"))
                .allSatisfy(r -> assertThat(LocalDate.parse(r.text("date"))).isAfter(today));
        assertThat(stub.requests())
                .filteredOn(r -> r.path().endsWith("/held"))
                .allSatisfy(r -> assertThat(Instant.parse(r.text("at"))).isBefore(NOW));
        assertThat(result.entries()).allSatisfy(e -> assertThat(e.story()).doesNotContainPattern("\\d{6}"));
    }

    @Test
    void loadsNothingWhenThereAreSips() {
        existing = "{\"id\":\"" + UUID.randomUUID()
                + "\",\"version\":2,\"kommun\":\"0680\",\"status\":{\"code\":\"draft\"},\"consents\":[]}";

        SipDemo.Result result = new SipDemo(new SipApi(stub.base(), () -> SERVICE_TOKEN)).loadIfEmpty();

        assertThat(result.loadedNow()).isFalse();
        assertThat(result.rows()).singleElement().satisfies(r -> assertThat(r.state())
                .isEqualTo("draft"));
        assertThat(stub.requests()).allMatch(r -> r.method().equals("GET"));
    }

    private Answer answer(Request r) {
        if (r.method().equals("GET")) {
            return Answer.of(200, "{\"sips\":[" + existing + "],\"offset\":0}");
        }
        String id;
        int status = 200;
        if (r.path().equals("/sips")) {
            id = UUID.randomUUID().toString();
            statuses.put(id, "draft");
            consents.put(id, "[]");
            kommuns.put(id, r.text("kommun"));
            status = 201;
        } else {
            id = r.segment(1);
            if (r.ifMatch() == null) {
                return Answer.of(428, "{\"code\":\"SIP-071\"}");
            }
            if (!r.ifMatch().equals("\"" + versions.get(id) + "\"")) {
                return Answer.of(412, "{\"code\":\"SIP-070\"}");
            }
            if (r.path().endsWith("/status")) {
                statuses.put(id, r.text("status"));
            } else if (r.path().endsWith("/consents")) {
                consents.put(id, "[{\"from\":\"2026-11-25T12:00:00Z\"}]");
            } else if (r.path().endsWith("/consents/revocation")) {
                consents.put(id, "[{\"from\":\"2026-11-25T12:00:00Z\",\"revocation\":{\"at\":\"x\"}}]");
            }
        }
        int version = versions.merge(id, 1, Integer::sum);
        return Answer.of(
                status,
                "{\"id\":\"" + id + "\",\"version\":" + version + ",\"kommun\":\"" + kommuns.get(id)
                        + "\",\"status\":{\"code\":\"" + statuses.get(id) + "\"},\"consents\":" + consents.get(id)
                        + "}");
    }
}
