package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.followup.DashboardPage;
import se.naravard.infra.TestInfra;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;

/**
 * The managers' dashboard in a real browser (headless Chromium) against the real stack: contract events
 * of kommun 0687 (Tranås) published on {@code contract.events} reach the follow-up store; the region's
 * manager logs in, sees the chart and its table, drills down county → kommun → unit, sees small cells
 * hidden as "dold" (never as a number or zero), and the payment liability of the kommuner as transition-service
 * counts it. axe-core finds no serious or critical violation. A citizen's or a nurse's token gets nothing;
 * a kommun's manager gets the liability of their own kommun only.
 */
class DashboardIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final String TRANAS = "0687";
    private static final String BIG = "SE2321000057-VCD1";
    private static final String SMALL = "SE2321000057-VCD2";
    private static final String MIDDLE = "SE2321000057-VCD3";

    private static Chromium chromium;

    @BeforeAll
    static void publish() throws Exception {
        YearMonth now = YearMonth.now(SWEDEN);
        // A minute into each month in Swedish time: always in that month, always in the past.
        OffsetDateTime thisMonth = now.atDay(1)
                .atStartOfDay(SWEDEN)
                .plusMinutes(1)
                .toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime lastMonth = now.minusMonths(1)
                .atDay(1)
                .atStartOfDay(SWEDEN)
                .plusMinutes(1)
                .toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(activated(lastMonth, BIG));
        }
        for (int i = 0; i < 8; i++) {
            events.add(activated(thisMonth, BIG));
        }
        for (int i = 0; i < 2; i++) {
            events.add(activated(thisMonth, SMALL));
        }
        for (int i = 0; i < 6; i++) {
            events.add(activated(thisMonth, MIDDLE));
        }
        // Two more kommuner of the county with 5 each: should the stack's own kommun 0680 have a small count
        // this month, one of them (not Tranås) is its complementary cell.
        for (int i = 0; i < 5; i++) {
            events.add(activated(thisMonth, "SE2321000057-VCN1", "0682"));
            events.add(activated(thisMonth, "SE2321000057-VCE1", "0686"));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (EventEnvelope e : events) {
                producer.send(CloudEventCodec.toRecord(Topics.CONTRACT_EVENTS, e))
                        .get();
            }
        }
        // The store has them once this month's report for Tranås counts all 21 (a fresh consumer group
        // on the shared, loaded machine may take a while to be assigned its partitions).
        Awaitility.await().atMost(java.time.Duration.ofSeconds(180)).untilAsserted(() -> {
            HttpResponse<String> r = get(
                    STACK.gateway.fhirBase() + "/MeasureReport?measure=complete-contracts&period=" + now,
                    regionManager());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(mesoDenominator(r.body(), TRANAS))
                    .as("Tranås in %s", r.body().length() > 3000 ? r.body().substring(0, 3000) : r.body())
                    .isEqualTo(21);
        });
        chromium = Chromium.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A contract of {@code unit} in Tranås, activated complete at {@code at}. */
    private static EventEnvelope activated(OffsetDateTime at, String unit) throws Exception {
        return activated(at, unit, TRANAS);
    }

    /** A contract of {@code unit} in {@code kommun}, activated complete at {@code at}. */
    private static EventEnvelope activated(OffsetDateTime at, String unit, String kommun) throws Exception {
        String when = at.toInstant().toString(); // RFC 3339 with seconds, as the services write it
        String id = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("sammanhallen-planering", Map.of("owner", unit, "goals", List.of(Map.of("text", "Gå själv"))));
        parts.put(
                "fast-vardkontakt",
                Map.of("owner", unit, "unit", unit, "person", Map.of("hsaId", "SE2321000057-N001", "name", "Sara")));
        parts.put(
                "fast-lakarkontakt",
                Map.of("owner", unit, "vardcentral", unit, "physician", Map.of("hsaId", "SE2321000057-L001")));
        parts.put(
                "nasta-steg",
                Map.of("owner", unit, "steps", List.of(Map.of("id", "s1", "what", "Besök", "status", "BOOKED"))));
        Map<String, Object> contract = Map.of(
                "id",
                id,
                "version",
                2,
                "kommun",
                kommun,
                // A person of this test alone: the event reaches the read cache of every gateway on the
                // shared broker, so a patient of another IT would get a contract it does not expect.
                "patient",
                Map.of("system", "http://electronichealth.se/identifier/personnummer", "value", "195001019123"),
                "status",
                Map.of("code", "active", "agreedAt", when),
                "parts",
                parts);
        byte[] data = JSON.writeValueAsBytes(
                Map.of("event", "contract-activated", "contract", contract, "change", Map.of("at", when)));
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/contract-service",
                "se.naravard.contract.contract-activated.v1",
                id,
                at,
                key,
                kommun,
                2,
                data);
    }

    private static int mesoDenominator(String reportBundle, String kommun) throws Exception {
        for (JsonNode entry : JSON.readTree(reportBundle).path("entry")) {
            for (JsonNode s : entry.path("resource").path("group").path(0).path("stratifier")) {
                if (!"meso"
                        .equals(s.path("code")
                                .path(0)
                                .path("coding")
                                .path(0)
                                .path("code")
                                .asText())) {
                    continue;
                }
                for (JsonNode st : s.path("stratum")) {
                    if (kommun.equals(
                            st.path("value").path("coding").path(0).path("code").asText())) {
                        for (JsonNode p : st.path("population")) {
                            if ("denominator"
                                    .equals(p.path("code")
                                            .path("coding")
                                            .path(0)
                                            .path("code")
                                            .asText())) {
                                return p.path("count").asInt(-1);
                            }
                        }
                    }
                }
            }
        }
        return -1;
    }

    static String regionManager() {
        Map<String, Object> c = AccessRulesIT.staff("SE2321000057-C001", "SE2321000057-VC01", "region", null);
        c.put("scope", "user/Measure.rs user/MeasureReport.rs");
        return TestTokens.token(c);
    }

    static String municipalManager() {
        Map<String, Object> c = AccessRulesIT.staff("SE2120000530-C010", "SE2120000530-HT01", "kommun", "0680");
        c.put("scope", "user/Measure.rs user/MeasureReport.rs");
        return TestTokens.token(c);
    }

    private static String page() {
        return STACK.gateway.fhirBase().replaceFirst("/fhir$", DashboardPage.PATH);
    }

    @Test
    void the_manager_sees_the_trend_drills_down_to_the_units_and_sees_the_liability() throws Exception {
        YearMonth now = YearMonth.now(SWEDEN);
        try (BrowserContext context = chromium.desktop()) {
            Page page = loggedIn(context, regionManager());
            PlaywrightAssertions.assertThat(page.locator("#dashboard")).isVisible();
            page.getByLabel("Indikator", new Page.GetByLabelOptions().setExact(true))
                    .selectOption("complete-contracts");
            settled(page);

            // Macro: the chart (an image with a name) and its table with the county.
            Locator chart = page.locator("#chart svg[role=img]");
            PlaywrightAssertions.assertThat(chart).hasCount(1);
            assertThat(chart.locator("title").textContent()).contains("Kompletta patientkontrakt", "per län");
            Locator table = page.locator("#table table");
            PlaywrightAssertions.assertThat(table.locator("caption")).containsText("Kompletta patientkontrakt");
            PlaywrightAssertions.assertThat(table.locator("tbody th").first()).containsText("Län 06");

            // Meso: the kommuner of county 06, Tranås with 21 this month and 5 the month before.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Visa kommuner i län 06"))
                    .click();
            settled(page);
            PlaywrightAssertions.assertThat(page.locator("#levels")).containsText("Län 06");
            Locator tranas = table.locator("tbody tr").filter(new Locator.FilterOptions().setHasText("Tranås (0687)"));
            PlaywrightAssertions.assertThat(tranas).hasCount(1);
            PlaywrightAssertions.assertThat(tranas.locator("td").last()).containsText("21 av 21");
            PlaywrightAssertions.assertThat(tranas.locator("td").nth(4)).containsText("5 av 5");

            // Micro: the units of Tranås; the unit of 2 and its smallest sibling are hidden, never a number.
            tranas.getByRole(AriaRole.BUTTON).click();
            settled(page);
            PlaywrightAssertions.assertThat(page.locator("#levels [aria-current]"))
                    .hasText("Tranås (0687)");
            Locator rows = table.locator("tbody tr");
            PlaywrightAssertions.assertThat(rows).hasCount(3);
            PlaywrightAssertions.assertThat(row(table, BIG).locator("td").last())
                    .containsText("13 av 13");
            for (String masked : List.of(SMALL, MIDDLE)) {
                Locator cell = row(table, masked).locator("td").last();
                PlaywrightAssertions.assertThat(cell).containsText("dold");
                PlaywrightAssertions.assertThat(cell).containsText("<5 eller skyddad");
                assertThat(cell.textContent()).doesNotContain("2 av", "6 av", "0 %");
            }
            assertThat(chart.locator("title").textContent()).contains("enheter i Tranås");
            PlaywrightAssertions.assertThat(chart.locator("text.masked").first())
                    .hasText("dold");

            // The liability of Tranås as transition-service counts it, this month.
            JsonNode evidence = JSON.readTree(STACK.transitionService
                    .send("GET", "/liability/" + TRANAS + "/" + now, null)
                    .body());
            Locator liability =
                    page.locator("#liability tbody tr").filter(new Locator.FilterOptions().setHasText("Tranås"));
            PlaywrightAssertions.assertThat(liability.locator("td").last())
                    .containsText(evidence.get("totalDays").asLong() + " dagar");
            PlaywrightAssertions.assertThat(liability.locator("td").last()).containsText(" kr");

            List<Axe.Violation> violations = Axe.run(page);
            assertThat(violations)
                    .as("axe-core: serious or critical WCAG violations")
                    .filteredOn(Axe.Violation::seriousOrCritical)
                    .isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target", "dashboard.png")));

            // Back up to the county by the breadcrumb.
            page.locator("#levels")
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Län 06"))
                    .click();
            settled(page);
            PlaywrightAssertions.assertThat(
                            table.locator("tbody tr").filter(new Locator.FilterOptions().setHasText("Tranås (0687)")))
                    .hasCount(1);
        }
    }

    private static Locator row(Locator table, String unit) {
        return table.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(unit));
    }

    @Test
    void a_citizen_or_a_nurse_gets_nothing_from_the_dashboard() {
        String citizen = TestTokens.token(
                Map.of("sub", "citizen-tolvan", "scope", "patient/*.rs", "personnummer", "191212121212"));
        Map<String, Object> nurse = AccessRulesIT.staff("SE2321000057-N001", "SE2321000057-VC01", "region", null);
        nurse.put("scope", "user/*.cruds");
        for (String token : List.of(citizen, TestTokens.token(nurse))) {
            try (BrowserContext context = chromium.desktop()) {
                Page page = context.newPage();
                page.navigate(page());
                page.getByLabel("Demonyckel för lokal körning").fill(token);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in"))
                        .click();
                settled(page);
                PlaywrightAssertions.assertThat(page.locator("#status")).containsText("inte behörighet");
                PlaywrightAssertions.assertThat(page.locator("#dashboard")).isHidden();
                assertThat(page.locator("#table").textContent()).isEmpty();
            }
        }
    }

    @Test
    void a_kommuns_manager_gets_the_liability_of_their_own_kommun_only() throws Exception {
        String month = YearMonth.now(SWEDEN).toString();
        String base = STACK.gateway.fhirBase() + "/MeasureReport/$liability?period=" + month + "&kommun=";

        HttpResponse<String> own = get(base + "0680", municipalManager());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(own.body());
        JsonNode evidence = JSON.readTree(STACK.transitionService
                .send("GET", "/liability/0680/" + month, null)
                .body());
        assertThat(report.path("measure").asText()).isEqualTo("https://naravard.se/fhir/Measure/payment-liability");
        assertThat(report.path("group")
                        .path(0)
                        .path("measureScore")
                        .path("value")
                        .asLong())
                .isEqualTo(evidence.get("totalDays").asLong());
        assertThat(report.path("group")
                        .path(1)
                        .path("measureScore")
                        .path("value")
                        .asLong())
                .isEqualTo(evidence.get("totalKronor").asLong());
        assertThat(own.body()).as("totals only: no episode").doesNotContain("episode", "Patient/");

        HttpResponse<String> other = get(base + TRANAS, municipalManager());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("GATEWAY-142");
        assertThat(get(base + TRANAS, regionManager()).statusCode()).isEqualTo(200);

        HttpResponse<String> badKommun = get(base + "9999", regionManager());
        assertThat(badKommun.statusCode()).isEqualTo(400);
        assertThat(badKommun.body()).contains("GATEWAY-140");
        HttpResponse<String> badMonth =
                get(STACK.gateway.fhirBase() + "/MeasureReport/$liability?kommun=0680&period=2025-13", regionManager());
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(badMonth.body()).contains("GATEWAY-141");
        HttpResponse<String> future = get(
                STACK.gateway.fhirBase() + "/MeasureReport/$liability?kommun=0680&period="
                        + YearMonth.now(SWEDEN).plusMonths(1),
                regionManager());
        assertThat(future.statusCode()).isEqualTo(400);
    }

    private static Page loggedIn(BrowserContext context, String token) {
        Page page = context.newPage();
        page.navigate(page());
        page.getByLabel("Demonyckel för lokal körning").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in"))
                .click();
        settled(page);
        assertThat(page.locator("#dashboard").isVisible())
                .as(
                        "the dashboard after logging in: %s",
                        page.locator("#status").textContent())
                .isTrue();
        return page;
    }

    /** Waits until the page has shown its data or said why not. */
    private static void settled(Page page) {
        page.locator("body[data-state=ready], body[data-state=error]").waitFor();
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
