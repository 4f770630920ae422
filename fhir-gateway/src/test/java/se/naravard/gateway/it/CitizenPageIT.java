package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.citizen.CitizenPage;
import se.naravard.gateway.fhir.PatientResolver;

/**
 * The citizen's page in a real browser (headless Chromium) against the real services: Tolvan logs in
 * with a citizen token, sees the four parts of her contract and the next step, her care transition
 * and who looked at her data; nothing internal; no way to another patient's contract; no serious or
 * critical accessibility violation (axe-core, WCAG 2.1 A/AA); the page's security headers.
 */
class CitizenPageIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A nurse of Vårdcentralen Öster, named nowhere in Tolvan's documents (the log shows her HSA-id). */
    private static final String NURSE = "SE2321000057-N702";

    private static Chromium chromium;
    private static String tolvan;
    private static String other;

    @BeforeAll
    static void browser() {
        // The machine is shared: give the page's FHIR calls time, as the stack's other ITs do.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        chromium = Chromium.launch();
        PatientResolver patients = STACK.gateway.context().getBean(PatientResolver.class);
        tolvan = patients.keyOf(TestContracts.PNR_SYSTEM, TestContracts.TOLVAN);
        other = patients.keyOf(TestContracts.PNR_SYSTEM, "199006022397");
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static String page() {
        return STACK.gateway.fhirBase().replaceFirst("/fhir$", CitizenPage.PATH);
    }

    private static String citizen() {
        return citizen(TestContracts.TOLVAN);
    }

    private static String citizen(String personnummer) {
        return TestTokens.token(
                Map.of("sub", "citizen-" + personnummer, "scope", "patient/*.rs", "personnummer", personnummer));
    }

    @Test
    void the_page_is_served_with_strict_security_headers_and_no_inline_script() throws Exception {
        HttpResponse<String> html = get(page());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe"));
        assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(html.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(html.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(html.body()).contains("<html lang=\"sv\">").doesNotContainPattern("<script(?![^>]*\\bsrc=)");

        HttpResponse<String> js = get(page() + "app.js");
        assertThat(js.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        HttpResponse<String> missing = get(page() + "secret.txt");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> bare = get(page().replaceFirst("/$", ""));
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue(CitizenPage.PATH);
    }

    @Test
    void the_citizen_logs_in_and_sees_her_contract_her_care_transition_and_who_looked() throws Exception {
        // A nurse looks at Tolvan's contract: the citizen's log must show it, with unit and time.
        HttpResponse<String> read = get(
                STACK.gateway.fhirBase() + "/CarePlan/" + STACK.contracts.ids.get("active"),
                AuditEventIT.staff(NURSE, TestContracts.UNIT, "user/CarePlan.rs"));
        assertThat(read.statusCode()).isEqualTo(200);

        try (BrowserContext context = chromium.phone()) {
            Page page = loggedIn(context);

            for (String part : List.of(
                    "Mina mål och det jag gör själv",
                    "Min fasta vårdkontakt",
                    "Min fasta läkarkontakt",
                    "Mina nästa steg",
                    "Min samordnade individuella plan (SIP)",
                    "Min vård på sjukhus",
                    "Vem har tittat i min journal")) {
                PlaywrightAssertions.assertThat(page.getByRole(
                                AriaRole.HEADING,
                                new Page.GetByRoleOptions().setName(part).setLevel(2)))
                        .isVisible();
            }
            PlaywrightAssertions.assertThat(page.locator("#planning")).containsText("Kunna gå till affären själv");
            PlaywrightAssertions.assertThat(page.locator("#planning")).containsText("Promenad 20 minuter varje dag");
            PlaywrightAssertions.assertThat(page.locator("#planning")).containsText("Vårdcentralen Öster");
            PlaywrightAssertions.assertThat(page.locator("#vardkontakt")).containsText("Sara Sjuksköterska");
            PlaywrightAssertions.assertThat(page.locator("#vardkontakt")).containsText("036-100001");
            PlaywrightAssertions.assertThat(page.locator("#vardkontakt")).containsText("vardagar 8-16");
            PlaywrightAssertions.assertThat(page.locator("#vardkontakt a[href^='tel:']"))
                    .hasText("Ring 036-100001");
            PlaywrightAssertions.assertThat(page.locator("#lakarkontakt")).containsText("Lars Läkare");
            Locator next = page.locator("#steps .next");
            PlaywrightAssertions.assertThat(next).hasCount(1);
            PlaywrightAssertions.assertThat(next).containsText("Nästa steg");
            PlaywrightAssertions.assertThat(next.locator("time")).not().hasCount(0);
            PlaywrightAssertions.assertThat(page.locator("#steps")).containsText("Hembesök");
            PlaywrightAssertions.assertThat(page.locator("#transition")).containsText("Du är inskriven");
            PlaywrightAssertions.assertThat(page.locator("#sip")).containsText("ingen samordnad individuell plan");

            Locator row = page.locator("#log tbody tr").filter(new Locator.FilterOptions().setHasText(NURSE));
            PlaywrightAssertions.assertThat(row.first()).containsText("Vårdcentralen Öster");
            PlaywrightAssertions.assertThat(row.first()).containsText("läste plan");
            PlaywrightAssertions.assertThat(page.locator("#log li").first()).containsText("senast");

            // Nothing internal: no personnummer, no patient key, no HSA-id where a name exists, no token in the URL.
            String text = page.locator("body").innerText();
            assertThat(text)
                    .doesNotContain(TestContracts.TOLVAN, "19121212-1212", tolvan)
                    .doesNotContain(TestContracts.UNIT, TestContracts.NURSE, "SE2321000057-L001")
                    .doesNotContain(STACK.contracts.ids.get("active"));
            assertThat(page.url()).doesNotContain("eyJ").doesNotContain("token");

            List<Axe.Violation> violations = Axe.run(page);
            assertThat(violations)
                    .as("axe-core: serious or critical WCAG violations")
                    .filteredOn(Axe.Violation::seriousOrCritical)
                    .isEmpty();

            page.screenshot(
                    new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target", "citizen-page.png")));

            // Logging out forgets the token.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga ut"))
                    .click();
            PlaywrightAssertions.assertThat(page.locator("#plan")).isHidden();
            assertThat(page.evaluate("() => sessionStorage.length")).isEqualTo(0);
        }
    }

    @Test
    void another_patients_contract_is_not_reachable_from_the_page() {
        try (BrowserContext context = chromium.phone()) {
            Page page = loggedIn(context);

            // Tampering with the patient id the page keeps: the gateway refuses, the page shows nothing.
            page.evaluate(
                    "key => { const s = JSON.parse(sessionStorage.getItem('naravard.citizen.session'));"
                            + " s.patient = key; sessionStorage.setItem('naravard.citizen.session', JSON.stringify(s)); }",
                    other);
            page.reload();
            settled(page);
            PlaywrightAssertions.assertThat(page.locator("#status")).containsText("Det gick inte att hämta");
            PlaywrightAssertions.assertThat(page.locator("#plan")).isHidden();
            assertThat(page.locator("#plan").textContent()).doesNotContain("Kunna gå till affären själv");

            // Asking the FHIR API for another patient's contract by its id, with the page's own token: 403.
            Object status = page.evaluate(
                    "async id => (await fetch('../fhir/CarePlan/' + id, {headers: {Authorization: 'Bearer '"
                            + " + JSON.parse(sessionStorage.getItem('naravard.citizen.session')).accessToken}})).status",
                    STACK.contracts.ids.get("draft"));
            assertThat(status).isEqualTo(403);
        }
    }

    @Test
    void the_sip_shows_who_does_what_while_its_consent_is_in_force_and_not_after_it_is_revoked() {
        Sip sip = Sip.drawUp(STACK.sipService, SIP_PERSON);
        try (BrowserContext context = chromium.phone()) {
            Page page = loggedIn(context, citizen(SIP_PERSON.replace("-", "")));
            Locator section = page.locator("#sip");
            // The gateway sees the SIP once its events arrive: reload until then.
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                page.reload();
                settled(page);
                assertThat(section.textContent()).contains("Klara mig själv hemma");
            });
            PlaywrightAssertions.assertThat(section).containsText("Huvudansvar: Kommunen");
            PlaywrightAssertions.assertThat(section).containsText("Hemtjänst morgon och kväll");
            PlaywrightAssertions.assertThat(section).containsText("(Kommunen)");
            PlaywrightAssertions.assertThat(section).containsText("Hemsjukvård");
            PlaywrightAssertions.assertThat(section).containsText("kontaktperson Sara Sjuksköterska");
            PlaywrightAssertions.assertThat(page.locator("#vardkontakt")).containsText("inget patientkontrakt");

            sip.revokeConsent();
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                page.reload();
                settled(page);
                assertThat(section.textContent()).contains("ingen samordnad individuell plan");
            });
            assertThat(section.textContent()).doesNotContain("Klara mig själv hemma");
        }
    }

    /** A test personnummer (Skatteverket's 980–999 series) with only the SIP this test draws up. */
    private static final String SIP_PERSON = "19400105-9866";

    /** A SIP drawn up through sip-service's real API: two units, a consent, a goal, two interventions. */
    private record Sip(ServiceModuleProcess service, String id, int[] version) {

        private static final String ACTOR =
                "\"actor\":{\"person\":\"SE2321000057-N001\",\"unit\":\"" + TestSips.VC + "\"}";

        static Sip drawUp(ServiceModuleProcess service, String person) {
            HttpResponse<String> r = service.send(
                    "POST",
                    "/sips",
                    "{\"person\":\"" + person + "\",\"kommun\":\"0680\"," + ACTOR + ",\"reason\":\"Behov av båda\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            Sip sip = new Sip(service, field(r.body(), "id"), new int[] {Integer.parseInt(field(r.body(), "version"))});
            sip.command(
                    "POST",
                    "participants",
                    """
                    {"participant":{"id":"vc","kind":"UNIT","principal":"REGION","unit":"%s","role":"PRIMARY_CARE",
                     "contactName":"Sara Sjuksköterska"},%s}"""
                            .formatted(TestSips.VC, ACTOR));
            sip.command(
                    "POST",
                    "participants",
                    """
                    {"participant":{"id":"hemtjanst","kind":"UNIT","principal":"MUNICIPALITY","unit":"%s",
                     "role":"SOCIAL_SERVICES"},%s}"""
                            .formatted(TestSips.HEMTJANST, ACTOR));
            sip.command(
                    "POST",
                    "consents",
                    """
                    {"consent":{"scope":{"what":"Hela planen","participants":["vc","hemtjanst"]}},%s,
                     "reason":"Samtycke vid SIP-mötet"}"""
                            .formatted(ACTOR));
            sip.command("POST", "goals", "{\"text\":\"Klara mig själv hemma\"," + ACTOR + "}");
            sip.command(
                    "PUT",
                    "interventions/hemtjanst-1",
                    """
                    {"intervention":{"what":"Hemtjänst morgon och kväll","responsiblePrincipal":"MUNICIPALITY",
                     "responsibleUnit":"%s","status":"ONGOING"},%s}"""
                            .formatted(TestSips.HEMTJANST, ACTOR));
            sip.command(
                    "PUT",
                    "interventions/hemsjukvard-1",
                    """
                    {"intervention":{"what":"Hemsjukvård","responsiblePrincipal":"REGION",
                     "responsibleUnit":"%s","status":"PLANNED"},%s}"""
                            .formatted(TestSips.VC, ACTOR));
            sip.command("PUT", "overall-responsibility", "{\"principal\":\"MUNICIPALITY\"," + ACTOR + "}");
            sip.command(
                    "PUT",
                    "follow-up",
                    "{\"date\":\""
                            + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30) + "\",\"by\":\"vc\","
                            + ACTOR + "}");
            sip.command("POST", "status", "{\"status\":\"active\"," + ACTOR + ",\"reason\":\"Överens\"}");
            return sip;
        }

        void revokeConsent() {
            command("POST", "consents/revocation", "{" + ACTOR + ",\"reason\":\"Personen återkallade\"}");
        }

        private void command(String method, String path, String body) {
            HttpResponse<String> r =
                    service.send(method, "/sips/" + id + "/" + path, body, "If-Match", "\"" + version[0] + "\"");
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            version[0] = Integer.parseInt(field(r.body(), "version"));
        }

        private static String field(String json, String name) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(json)
                        .get(name)
                        .asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Page loggedIn(BrowserContext context) {
        return loggedIn(context, citizen());
    }

    private static Page loggedIn(BrowserContext context, String token) {
        Page page = context.newPage();
        page.navigate(page());
        page.getByLabel("Demonyckel för lokal körning").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Logga in"))
                .click();
        // The page's data is loaded, or it says why not.
        settled(page);
        assertThat(page.locator("#plan").isVisible())
                .as("the page after logging in: %s", page.locator("#status").textContent())
                .isTrue();
        return page;
    }

    /** Waits until the page has shown its data or said why not. */
    private static void settled(Page page) {
        page.locator("body[data-state=ready], body[data-state=error]").waitFor();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", authorization));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
