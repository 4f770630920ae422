package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIPs drawn up through sip-service's real API (docs/sip-api.md): a draft with a representative's
 * consent and an active SIP with everything (participants of both principals and a närstående,
 * consent, goals, interventions, a held and a planned meeting, follow-up) for a person who also has a
 * contract (the draft contract of TestContracts); an active SIP whose consent the person revoked for a
 * person who has only a SIP.
 */
final class TestSips {

    /** Has the draft contract of TestContracts. */
    static final String WITH_CONTRACT = "19900602-2397";
    /** A test personnummer (Skatteverket's 980–999 series) with only a SIP. */
    static final String SIP_ONLY = "19400105-9882";

    static final String VC = "SE2321000057-VC01";
    static final String HEMTJANST = "SE2120000530-HT01";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTOR = "\"actor\":{\"person\":\"SE2321000057-N001\",\"unit\":\"" + VC + "\"}";

    /** SIP id by story: {@code draft}, {@code active}, {@code revoked}. */
    final Map<String, String> ids = new LinkedHashMap<>();

    /** The current version of each SIP, by id. */
    final Map<String, Integer> versions = new LinkedHashMap<>();

    private final ServiceModuleProcess service;

    private TestSips(ServiceModuleProcess service) {
        this.service = service;
    }

    static TestSips create(ServiceModuleProcess service) {
        TestSips t = new TestSips(service);
        String draft = t.draw(WITH_CONTRACT);
        t.participants(draft);
        t.command(
                draft,
                "POST",
                "consents",
                """
                {"consent":{"givenBy":{"representativeName":"Greta Godman","relation":"god man"},
                 "scope":{"what":"Hela planen","participants":["vc"],"organisations":["%s"]}},%s,
                 "reason":"Samtycke av god man"}"""
                        .formatted(HEMTJANST, ACTOR));
        t.ids.put("draft", draft);

        String active = t.draw(WITH_CONTRACT);
        t.complete(active);
        t.command(
                active,
                "POST",
                "participants",
                """
                {"participant":{"id":"dotter","kind":"RELATED_PERSON","name":"Dora Dotter","relation":"dotter"},%s}"""
                        .formatted(ACTOR));
        t.command(active, "POST", "goals", "{\"text\":\"Gå till affären själv\"," + ACTOR + "}");
        String planned = ago(Duration.ofHours(3));
        t.command(
                active,
                "POST",
                "meetings",
                """
                {"meeting":{"id":"m1","plannedAt":"%s","placeOrMode":"video"},%s}"""
                        .formatted(planned, ACTOR));
        t.command(
                active,
                "POST",
                "meetings/m1/held",
                """
                {"at":"%s","attendees":["person","vc","hemtjanst"],%s}"""
                        .formatted(ago(Duration.ofHours(2)), ACTOR));
        t.command(
                active,
                "POST",
                "meetings",
                """
                {"meeting":{"id":"m2","plannedAt":"%s","placeOrMode":"hemma hos personen"},%s}"""
                        .formatted(Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS), ACTOR));
        t.activate(active);
        t.ids.put("active", active);

        String revoked = t.draw(SIP_ONLY);
        t.complete(revoked);
        t.activate(revoked);
        t.command(
                revoked,
                "POST",
                "consents/revocation",
                "{" + ACTOR + ",\"reason\":\"Personen återkallade sitt samtycke per telefon\"}");
        t.ids.put("revoked", revoked);
        return t;
    }

    /** Participants of both principals, a consent, a goal, an intervention, overall responsibility, follow-up. */
    private void complete(String id) {
        participants(id);
        command(
                id,
                "POST",
                "consents",
                """
                {"consent":{"scope":{"what":"Hela planen","participants":["vc","hemtjanst"]}},%s,
                 "reason":"Samtycke vid SIP-mötet"}"""
                        .formatted(ACTOR));
        command(id, "POST", "goals", "{\"text\":\"Bo kvar hemma\"," + ACTOR + "}");
        command(
                id,
                "PUT",
                "interventions/hemtjanst-1",
                """
                {"intervention":{"what":"Hemtjänst morgon och kväll","responsiblePrincipal":"MUNICIPALITY",
                 "responsibleUnit":"%s","start":"%s","status":"ONGOING"},%s}"""
                        .formatted(HEMTJANST, LocalDate.now(ZoneOffset.UTC), ACTOR));
        command(
                id,
                "PUT",
                "interventions/hemsjukvard-1",
                """
                {"intervention":{"what":"Hemsjukvård","responsiblePrincipal":"REGION",
                 "responsibleUnit":"%s","status":"PLANNED"},%s}"""
                        .formatted(VC, ACTOR));
        command(id, "PUT", "overall-responsibility", "{\"principal\":\"MUNICIPALITY\"," + ACTOR + "}");
        command(
                id,
                "PUT",
                "follow-up",
                """
                {"date":"%s","by":"vc",%s}"""
                        .formatted(LocalDate.now(ZoneOffset.UTC).plusDays(30), ACTOR));
    }

    private void participants(String id) {
        command(
                id,
                "POST",
                "participants",
                """
                {"participant":{"id":"vc","kind":"UNIT","principal":"REGION","unit":"%s","role":"PRIMARY_CARE",
                 "contactName":"Sara Sjuksköterska"},%s}"""
                        .formatted(VC, ACTOR));
        command(
                id,
                "POST",
                "participants",
                """
                {"participant":{"id":"hemtjanst","kind":"UNIT","principal":"MUNICIPALITY","unit":"%s",
                 "role":"SOCIAL_SERVICES"},%s}"""
                        .formatted(HEMTJANST, ACTOR));
    }

    private void activate(String id) {
        command(id, "POST", "status", "{\"status\":\"active\"," + ACTOR + ",\"reason\":\"Överens på SIP-mötet\"}");
    }

    private String draw(String person) {
        String body = "{\"person\":\"" + person + "\",\"kommun\":\"0680\"," + ACTOR
                + ",\"reason\":\"Behov av insatser från båda huvudmännen\"}";
        JsonNode sip = read(service.send("POST", "/sips", body), 201);
        versions.put(sip.get("id").asText(), sip.get("version").asInt());
        return sip.get("id").asText();
    }

    private void command(String id, String method, String path, String body) {
        int version = versions.get(id);
        JsonNode sip =
                read(service.send(method, "/sips/" + id + "/" + path, body, "If-Match", "\"" + version + "\""), 200);
        versions.put(id, sip.get("version").asInt());
    }

    private static String ago(Duration d) {
        return Instant.now().minus(d).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static JsonNode read(HttpResponse<String> r, int expected) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
