package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API over a whole care transition, and the payment-liability evidence under both example
 * agreements (DOMAIN.md §5 "Payment liability"): the default 3 calendar days for Jönköping (0680),
 * the Stockholm-like 2 days with day 0 and a 12:00 cut-off for Stockholm (0180).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EpisodeApiIT extends TransitionServiceHarness {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** The utskrivningsklar notice day: ten days ago, so every liable day is in the past. */
    static final LocalDate D = LocalDate.now(STOCKHOLM).minusDays(10);

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    se.naravard.platform.events.PatientKeys patientKeys;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    public Map<String, String> getProperties() {
        var p = super.getProperties();
        p.put("naravard.transition.agreement-by-kommun.0180", "classpath:agreements/stockholm-like-2-days.properties");
        // These episodes lie days in the past, so their receipt clocks are long overdue: with the
        // deadline clock on, it would add versions while a test counts them. The clock has its own ITs.
        p.put("naravard.transition.clock.enabled", "false");
        return p;
    }

    @Test
    void a_whole_care_transition_meets_every_clock_and_keeps_every_version() throws IOException {
        String id = admit("0680", true);
        send(id, "inskrivningsmeddelande", at(D.minusDays(3), "10:00"));
        send(id, "planeringsunderlag", at(D.minusDays(2), "10:00"));
        send(id, "utskrivningsklar", at(D, "09:00"));
        send(id, "kallelse-sip", at(D.plusDays(1), "14:00"));
        send(id, "utskrivningsmeddelande", at(D.plusDays(8), "10:30"));
        var discharged = post("/episodes/" + id + "/discharge", EpisodeJson.discharge(at(D.plusDays(8), "11:00")));
        assertThat(discharged.statusCode()).as(discharged.body()).isEqualTo(200);
        assertThat(discharged.headers().firstValue("ETag")).contains("\"7\"");

        Map<String, Object> episode = read(get("/episodes/" + id));

        assertThat(episode).containsEntry("version", 7);
        assertThat(((Map<?, ?>) episode.get("status")).get("code")).isEqualTo("discharged");
        List<Map<String, Object>> tasks = list(episode, "tasks");
        assertThat(tasks)
                .filteredOn(t -> !"receipt".equals(t.get("kind")))
                .extracting(t -> t.get("kind") + ":" + t.get("state"))
                .containsExactlyInAnyOrder("admission-notice:met", "sip-call-in:met", "discharge-information:met");
        List<Map<String, Object>> versions = list(read(get("/episodes/" + id + "/versions")), "versions");
        assertThat(versions).extracting(v -> v.get("version")).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(versions.get(3)).containsEntry("status", "utskrivningsklar");
        Map<String, Object> v2 = read(get("/episodes/" + id + "/versions/2"));
        assertThat(list(v2, "messages")).hasSize(1);
    }

    @Test
    void the_admission_kind_is_kept_in_every_later_version_and_absent_when_unknown() throws IOException {
        Instant admitted = at(D.minusDays(2), "08:00");
        var created = post(
                "/episodes",
                EpisodeJson.admit(EpisodeJson.TOLVAN, admitted, admitted.plusSeconds(600), false, "planned"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) read(created).get("id");
        assertThat(read(created)).containsEntry("admissionKind", "planned");
        send(id, "inskrivningsmeddelande", at(D.minusDays(2), "09:00"));
        ok(post("/episodes/" + id + "/discharge", EpisodeJson.discharge(at(D, "11:00"))));

        assertThat(read(get("/episodes/" + id))).containsEntry("version", 3).containsEntry("admissionKind", "planned");
        assertThat(read(get("/episodes/" + id + "/versions/1"))).containsEntry("admissionKind", "planned");
        Map<String, Object> unknown = read(get("/episodes/" + admit("0680", false)));
        assertThat(unknown).doesNotContainKey("admissionKind");
    }

    @Test
    void sending_the_same_message_again_is_a_harmless_replay() throws IOException {
        String id = admit("0680", false);
        UUID messageId = UUID.randomUUID();
        String body = EpisodeJson.message(
                messageId, "inskrivningsmeddelande", Instant.now().minusSeconds(5), null);

        var first = post("/episodes/" + id + "/messages", body);
        var again = post("/episodes/" + id + "/messages", body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith(messageId.toString()));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(read(again)).containsEntry("version", 2);
        assertThat(list(read(get("/episodes/" + id + "/versions")), "versions")).hasSize(2);
    }

    // DOMAIN.md §5 step 4: a withdrawal cancels the SIP clock; a renewed notice starts a new one.
    @Test
    void a_withdrawal_and_a_renewed_notice_restart_the_sip_clock() throws IOException {
        String id = admit("0680", true);
        UUID notice = UUID.randomUUID();
        ok(post(
                "/episodes/" + id + "/messages",
                EpisodeJson.message(notice, "utskrivningsklar", at(D, "09:00"), null)));
        ok(post(
                "/episodes/" + id + "/messages",
                EpisodeJson.message(
                        UUID.randomUUID(), "atertagande-utskrivningsklar", at(D, "15:00"), notice.toString())));
        send(id, "utskrivningsklar", at(D.plusDays(4), "09:00"));

        Map<String, Object> episode = read(get("/episodes/" + id));

        assertThat(((Map<?, ?>) episode.get("status")).get("code")).isEqualTo("utskrivningsklar");
        assertThat(list(episode, "tasks"))
                .filteredOn(t -> "sip-call-in".equals(t.get("kind")))
                .singleElement()
                .satisfies(t -> assertThat((String) t.get("dueAt"))
                        .startsWith(D.plusDays(7).toString().substring(0, 8)));
        assertThat(list(episode, "tasks"))
                .filteredOn(t -> "withdrawal-notice".equals(t.get("kind")))
                .extracting(t -> t.get("state"))
                .containsExactly("met");
    }

    // DOMAIN.md §5 "Payment liability", default agreement: notice day not counted, 3 grace days.
    @Test
    void the_default_agreement_counts_liable_days_from_the_fourth_day_with_the_evidence() throws IOException {
        String id = liableEpisode("0680");

        Map<String, Object> evidence = read(get("/episodes/" + id + "/liability"));

        assertThat(evidence).containsEntry("liable", true).containsEntry("agreement", "default-3-calendar-days");
        assertThat(list(evidence, "liableDays"))
                .extracting(d -> d.get("date"))
                .containsExactly(
                        D.plusDays(4).toString(),
                        D.plusDays(5).toString(),
                        D.plusDays(6).toString(),
                        D.plusDays(7).toString());
        assertThat(evidence).containsEntry("totalKronor", 4 * 9_300);
        assertThat(String.join("\n", strings(evidence, "explanation")))
                .contains(
                        "default-3-calendar-days", D.plusDays(1) + " (day 1)", "liability can start " + D.plusDays(4));
        assertThat(list(evidence, "messages"))
                .extracting(m -> m.get("type"))
                .contains("utskrivningsklar", "kallelse-sip");

        assertThat(monthTotal("0680", id)).containsExactlyElementsOf(strings(evidence, "liableDays", "date"));
    }

    // DOMAIN.md §5, Stockholm-like agreement: day 0 counted, 2 grace days, a notice before 12:00 counts that day.
    @Test
    void the_stockholm_like_agreement_counts_from_day_two() throws IOException {
        String id = liableEpisode("0180");

        Map<String, Object> evidence = read(get("/episodes/" + id + "/liability"));

        assertThat(evidence).containsEntry("agreement", "stockholm-like-2-days");
        assertThat(list(evidence, "liableDays"))
                .extracting(d -> d.get("date"))
                .first()
                .isEqualTo(D.plusDays(2).toString());
        assertThat(evidence).containsEntry("totalKronor", 6 * 9_300);
        assertThat(monthTotal("0180", id)).hasSize(6);
    }

    // DOMAIN.md §5 typical preconditions: without the SIP call-in where both principals act, nothing is liable.
    @Test
    void missing_preconditions_mean_no_liability_and_say_which() throws IOException {
        String id = admit("0680", true);
        send(id, "inskrivningsmeddelande", at(D.minusDays(3), "10:00"));
        send(id, "utskrivningsklar", at(D, "09:00"));

        Map<String, Object> evidence = read(get("/episodes/" + id + "/liability"));

        assertThat(evidence).containsEntry("liable", false).containsEntry("totalKronor", 0);
        assertThat(strings(evidence, "missingPreconditions"))
                .containsExactlyInAnyOrder("fast-vardkontakt-appointed", "sip-called-where-required");
    }

    @Test
    void episodes_are_found_by_patient_in_the_body_or_by_patient_key_in_the_url() throws IOException {
        String id = admit("0680", false);
        String key = patientKeys.keyFor("http://electronichealth.se/identifier/personnummer", "191212121212");

        var byKey = list(read(get("/episodes?patientKey=" + key + "&limit=100")), "episodes");
        var byNumber =
                list(read(post("/episodes/search", "{\"patient\":\"19121212-1212\",\"limit\":100}")), "episodes");
        var otherKey = list(read(get("/episodes?patientKey=0000000000000000ffffffffffffffff")), "episodes");

        assertThat(byKey).extracting(e -> e.get("id")).contains(id);
        assertThat(byNumber).extracting(e -> e.get("id")).contains(id);
        assertThat(otherKey).isEmpty();
    }

    @Test
    void an_episode_is_found_by_the_id_of_one_of_its_messages_or_deadline_tasks() throws IOException {
        String id = admit("0680", true);
        UUID notice = UUID.randomUUID();
        ok(post(
                "/episodes/" + id + "/messages",
                EpisodeJson.message(notice, "inskrivningsmeddelande", at(D.minusDays(3), "10:00"), null)));
        send(id, "utskrivningsklar", at(D, "09:00"));
        String task =
                (String) list(read(get("/episodes/" + id)), "tasks").get(0).get("id");

        var byMessage = list(read(get("/episodes?messageId=" + notice)), "episodes");
        var byTask = list(read(get("/episodes?taskId=" + task)), "episodes");
        var both = list(read(get("/episodes?messageId=" + notice + "&taskId=" + task + "&kommun=0680")), "episodes");
        var unknown = list(read(get("/episodes?messageId=" + UUID.randomUUID())), "episodes");
        var otherKommun = list(read(get("/episodes?messageId=" + notice + "&kommun=0180")), "episodes");

        assertThat(byMessage).extracting(e -> e.get("id")).containsExactly(id);
        assertThat(byTask).extracting(e -> e.get("id")).containsExactly(id);
        assertThat(both).extracting(e -> e.get("id")).containsExactly(id);
        assertThat(unknown).isEmpty();
        assertThat(otherKommun).isEmpty();
    }

    @Test
    void open_tasks_are_listed_per_kommun_soonest_first() throws IOException {
        String id = admit("0680", true);
        send(id, "utskrivningsklar", Instant.now().minusSeconds(60));

        List<Map<String, Object>> tasks =
                list(read(get("/tasks?kommun=0680&state=open&kind=sip-call-in&limit=100")), "tasks");

        assertThat(tasks)
                .anySatisfy(t -> assertThat(t).containsEntry("episodeId", id).containsEntry("kind", "sip-call-in"));
        assertThat(tasks).extracting(t -> (String) t.get("dueAt")).isSorted();
    }

    /** Admitted 3 days before D; inskrivningsmeddelande, utskrivningsklar D 09:00, kallelse, discharged D+8. */
    private String liableEpisode(String kommun) throws IOException {
        String id = admit(kommun, true);
        send(id, "inskrivningsmeddelande", at(D.minusDays(3), "10:00"));
        send(id, "utskrivningsklar", at(D, "09:00"));
        send(id, "kallelse-sip", at(D.plusDays(1), "14:00"));
        ok(post("/episodes/" + id + "/discharge", EpisodeJson.discharge(at(D.plusDays(8), "11:00"))));
        return id;
    }

    /** The liable dates the month reports attribute to {@code episode}, over the months they span. */
    private List<String> monthTotal(String kommun, String episode) throws IOException {
        var dates = new TreeSet<String>();
        for (YearMonth m = YearMonth.from(D); !m.isAfter(YearMonth.from(D.plusDays(8))); m = m.plusMonths(1)) {
            Map<String, Object> report = read(get("/liability/" + kommun + "/" + m));
            assertThat(report).containsEntry("currency", "SEK");
            for (var line : list(report, "episodes")) {
                if (episode.equals(line.get("episodeId"))) {
                    @SuppressWarnings("unchecked")
                    List<String> d = (List<String>) line.get("liableDates");
                    dates.addAll(d);
                    assertThat((String) line.get("evidence")).startsWith("/episodes/" + episode + "/liability");
                }
            }
        }
        return List.copyOf(dates);
    }

    private String admit(String kommun, boolean both) throws IOException {
        Instant admitted = at(D.minusDays(3), "08:00");
        var created = post(
                "/episodes",
                EpisodeJson.admit(EpisodeJson.TOLVAN, admitted, admitted.plusSeconds(1800), both)
                        .replace("\"kommun\":\"0680\"", "\"kommun\":\"" + kommun + "\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) read(created).get("id");
    }

    private void send(String id, String type, Instant at) {
        ok(post("/episodes/" + id + "/messages", EpisodeJson.message(type, at)));
    }

    private static Instant at(LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(STOCKHOLM).toInstant();
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return json.readValue(r.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> m, String key) {
        return (List<String>) m.get(key);
    }

    private static List<String> strings(Map<String, Object> m, String key, String field) {
        return list(m, key).stream().map(x -> (String) x.get(field)).toList();
    }
}
