package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.naravard.local.StubApi.Answer;
import se.naravard.local.StubApi.Request;

/**
 * The demo episodes against a stub of transition-service, at awkward moments of the day and year: no
 * time is in the future, every episode's times are in order, and the stories hold (the liable-days
 * notice before 12:00 local time seven days ago, the missed deadline really past).
 */
class TransitionDemoTest {

    /** What the loaders are given to send: the internal APIs accept nothing but a service token. */
    static final String SERVICE_TOKEN = "Bearer a-service-token";

    /** Stub state per episode id: version and status. */
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> kommuns = new ConcurrentHashMap<>();
    private final List<String> createdIds = new CopyOnWriteArrayList<>();
    private final StubApi stub = StubApi.start(this::answer);
    private String existing = "";

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-25T13:00:00Z", // an ordinary afternoon
                "2026-11-24T23:00:30Z", // 00:00:30 in Sweden: "today at 09:00" has not come yet
                "2026-11-25T07:59:00Z", // 08:59 in Sweden
                "2026-03-29T01:30:00Z", // 03:30 CEST, just after the clocks went forward
                "2026-10-25T00:30:00Z", // 02:30 CEST on the day the clocks go back
                "2027-01-01T10:00:00Z", // a new year (last month's liable days)
            })
    void everyTimeIsPastAndInOrderAndTheStoriesHold(String instant) {
        Instant now = Instant.parse(instant);
        TransitionDemo.Result result = load(now);
        assertThat(stub.requests())
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo(SERVICE_TOKEN));

        assertThat(result.loadedNow()).isTrue();
        assertThat(result.entries())
                .extracting(e -> e.episode().status())
                .containsExactly("admitted", "utskrivningsklar", "admitted", "utskrivningsklar", "discharged");
        assertThat(result.entries()).extracting(e -> e.episode().kommun()).contains("0680", "2380");
        assertThat(result.entries()).allSatisfy(e -> assertThat(e.story()).doesNotContainPattern("\\d{6}"));

        for (Request r : stub.requests()) {
            for (String field : List.of("admittedAt", "physicianAssessedAt", "sentAt", "at")) {
                String value = r.text(field);
                if (value != null) {
                    assertThat(OffsetDateTime.parse(value).toInstant())
                            .as("%s of %s %s", field, r.method(), r.path())
                            .isBeforeOrEqualTo(now);
                }
            }
        }
        Map<String, List<Request>> byEpisode = byEpisode();
        byEpisode.values().forEach(TransitionDemoTest::assertInOrder);

        ZonedDateTime today = now.atZone(DemoTime.STOCKHOLM);
        List<Request> liable = byEpisode.get(result.liableId());
        OffsetDateTime notice = sentAt(liable, "utskrivningsklar");
        ZonedDateTime noticeLocal = notice.atZoneSameInstant(DemoTime.STOCKHOLM);
        assertThat(noticeLocal.toLocalTime()).isBefore(LocalTime.NOON);
        assertThat(noticeLocal.toLocalDate()).isEqualTo(today.toLocalDate().minusDays(7));
        assertThat(sentAt(liable, "kallelse-sip")
                        .atZoneSameInstant(DemoTime.STOCKHOLM)
                        .toLocalDate())
                .isEqualTo(today.toLocalDate().minusDays(6));
        assertThat(liable).noneMatch(r -> r.path().endsWith("/discharge"));
        assertThat(liable.get(0).body().path("needsBothPrincipals").asBoolean()).isTrue();

        List<Request> missed = byEpisode.get(result.missedId());
        assertThat(missed).hasSize(1);
        OffsetDateTime assessed = OffsetDateTime.parse(missed.get(0).text("physicianAssessedAt"));
        assertThat(assessed.plusHours(24).toInstant()).isBefore(now);
        assertThat(missed.get(0).body().path("mayNeedHelpAfterDischarge").asBoolean())
                .isTrue();

        List<Request> receipts = stub.requests().stream()
                .filter(r -> r.path().endsWith("/receipts"))
                .toList();
        assertThat(receipts).anyMatch(r -> "ok".equals(r.text("status")));
        assertThat(receipts)
                .filteredOn(r -> "fatal-error".equals(r.text("status")))
                .singleElement()
                .satisfies(r -> assertThat(r.text("reason")).isNotBlank());
        assertThat(stub.requests())
                .filteredOn(r -> r.path().equals("/episodes") && r.method().equals("POST"))
                .allSatisfy(r -> assertThat(DemoDataTest.TEST_PATIENTS).contains(r.text("patient")));

        // Unplanned and planned admissions, and an unplanned readmission within 30 days of a discharge.
        List<Request> admissions = stub.requests().stream()
                .filter(r -> r.path().equals("/episodes") && r.method().equals("POST"))
                .toList();
        assertThat(admissions).extracting(r -> r.text("admissionKind")).contains("unplanned", "planned");
        Request readmission = missed.get(0);
        assertThat(readmission.text("admissionKind")).isEqualTo("unplanned");
        OffsetDateTime dischargedAt = stub.requests().stream()
                .filter(r -> r.path().endsWith("/discharge"))
                .map(r -> OffsetDateTime.parse(r.text("at")))
                .filter(d -> d.isBefore(OffsetDateTime.parse(readmission.text("admittedAt"))))
                .filter(d -> d.plusDays(30).isAfter(OffsetDateTime.parse(readmission.text("admittedAt"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no discharge within 30 days before the readmission"));
        assertThat(admissions)
                .filteredOn(r -> r.text("patient").equals(readmission.text("patient")))
                .hasSize(2)
                .anySatisfy(r ->
                        assertThat(OffsetDateTime.parse(r.text("admittedAt"))).isBefore(dischargedAt));
    }

    @Test
    void theUtskrivningsklarAwaitingSipIsSentTodayEvenJustAfterMidnight() {
        Instant now = Instant.parse("2026-11-24T23:00:30Z"); // 00:00:30 local
        TransitionDemo.Result result = load(now);

        String awaiting = result.entries().get(1).episode().id();
        OffsetDateTime notice = sentAt(byEpisode().get(awaiting), "utskrivningsklar");

        assertThat(notice.atZoneSameInstant(DemoTime.STOCKHOLM).toLocalDate())
                .isEqualTo(now.atZone(DemoTime.STOCKHOLM).toLocalDate());
        assertThat(notice.toInstant()).isBeforeOrEqualTo(now);
    }

    @Test
    void loadsNothingWhenThereAreEpisodes() {
        existing = "{\"id\":\"" + UUID.randomUUID()
                + "\",\"version\":3,\"kommun\":\"0680\",\"status\":{\"code\":\"discharged\"}}";

        TransitionDemo.Result result =
                new TransitionDemo(new TransitionApi(stub.base(), () -> SERVICE_TOKEN)).loadIfEmpty();

        assertThat(result.loadedNow()).isFalse();
        assertThat(result.entries()).hasSize(1);
        assertThat(result.missedId()).isNull();
        assertThat(stub.requests()).allMatch(r -> r.method().equals("GET"));
    }

    private TransitionDemo.Result load(Instant now) {
        DemoTime time = new DemoTime(Clock.fixed(now, ZoneOffset.UTC));
        return new TransitionDemo(new TransitionApi(stub.base(), () -> SERVICE_TOKEN), time).loadIfEmpty();
    }

    /** Admission first, then messages, receipts and the discharge, each no earlier than what came before. */
    private static void assertInOrder(List<Request> requests) {
        Request admission = requests.get(0);
        OffsetDateTime admitted = OffsetDateTime.parse(admission.text("admittedAt"));
        assertThat(OffsetDateTime.parse(admission.text("physicianAssessedAt"))).isAfterOrEqualTo(admitted);
        Map<String, OffsetDateTime> sent = new HashMap<>();
        OffsetDateTime last = admitted;
        for (Request r : requests.subList(1, requests.size())) {
            if (r.path().endsWith("/messages")) {
                OffsetDateTime at = OffsetDateTime.parse(r.text("sentAt"));
                assertThat(at).as(r.text("type")).isAfterOrEqualTo(last);
                assertThat(r.text("sentAt")).matches(".*[+-]\\d\\d:\\d\\d$");
                last = at;
                sent.put(r.text("id"), at);
            } else if (r.path().endsWith("/receipts")) {
                assertThat(OffsetDateTime.parse(r.text("at"))).isAfterOrEqualTo(sent.get(r.segment(3)));
            } else if (r.path().endsWith("/discharge")) {
                assertThat(OffsetDateTime.parse(r.text("at"))).isAfterOrEqualTo(last);
            }
        }
    }

    private static OffsetDateTime sentAt(List<Request> requests, String type) {
        return requests.stream()
                .filter(r -> type.equals(r.text("type")))
                .map(r -> OffsetDateTime.parse(r.text("sentAt")))
                .findFirst()
                .orElseThrow();
    }

    /** The writes per episode id, in the order they were sent. */
    private Map<String, List<Request>> byEpisode() {
        Map<String, List<Request>> out = new HashMap<>();
        int created = 0;
        for (Request r : stub.requests()) {
            if (r.method().equals("GET")) {
                continue;
            }
            String id = r.path().equals("/episodes") ? createdIds.get(created++) : r.segment(1);
            out.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private Answer answer(Request r) {
        if (r.method().equals("GET")) {
            if (r.path().endsWith("/liability")) {
                return Answer.of(
                        200, "{\"liable\":true,\"liableDays\":[{},{},{},{}],\"totalKronor\":37200,\"explanation\":[]}");
            }
            return Answer.of(200, "{\"episodes\":[" + existing + "],\"offset\":0}");
        }
        String id;
        int status = 200;
        if (r.path().equals("/episodes")) {
            id = UUID.randomUUID().toString();
            createdIds.add(id);
            statuses.put(id, "admitted");
            kommuns.put(id, r.text("kommun"));
            status = 201;
        } else {
            id = r.segment(1);
            if (r.path().endsWith("/messages")) {
                status = 201;
                if ("utskrivningsklar".equals(r.text("type"))) {
                    statuses.put(id, "utskrivningsklar");
                }
            } else if (r.path().endsWith("/discharge")) {
                statuses.put(id, "discharged");
            }
        }
        int version = versions.merge(id, 1, Integer::sum);
        String kommun = kommuns.get(id);
        return Answer.of(
                status,
                "{\"id\":\"" + id + "\",\"version\":" + version + ",\"kommun\":\"" + kommun
                        + "\",\"status\":{\"code\":\"" + statuses.get(id) + "\"}}");
    }
}
