package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The few calls of sip-service's REST API that the demo data and the banner need. Every change of an
 * existing SIP carries {@code If-Match} with the version it is based on, as the API requires.
 */
final class SipApi {

    /**
     * A SIP as the API returned it; never holds the person.
     *
     * @param consent {@code valid} (an unrevoked consent), {@code revoked} (the last one was revoked) or
     *     {@code none}
     */
    record Sip(String id, int version, String status, String kommun, String consent) {}

    private final JsonClient client;

    /** @param authorization {@code Bearer <service token>} for each call (the internal API needs one) */
    SipApi(URI base, Supplier<String> authorization) {
        this.client = new JsonClient(base, authorization);
    }

    /** {@code GET /sips?limit=n}: the most recently changed SIPs. */
    List<Sip> list(int limit) {
        JsonNode page = client.get("/sips?limit=" + limit);
        List<Sip> out = new ArrayList<>();
        page.path("sips").forEach(s -> out.add(sip(s)));
        return out;
    }

    Sip draft(String body) {
        return sip(client.post("/sips", body, 201));
    }

    /** A {@code POST} command on the SIP, e.g. {@code participants}, {@code consents}, {@code status}. */
    Sip post(Sip s, String command, String body) {
        return sip(client.post("/sips/" + s.id() + "/" + command, s.version(), body, 200));
    }

    /** A {@code PUT} command on the SIP, e.g. {@code interventions/hemtjanst-1}, {@code follow-up}. */
    Sip put(Sip s, String command, String body) {
        return sip(client.put("/sips/" + s.id() + "/" + command, s.version(), body, 200));
    }

    private static Sip sip(JsonNode s) {
        JsonNode consents = s.path("consents");
        String consent = "none";
        if (!consents.isEmpty()) {
            consent = consents.get(consents.size() - 1).has("revocation") ? "revoked" : "valid";
        }
        return new Sip(
                s.path("id").asText(),
                s.path("version").asInt(),
                s.path("status").path("code").asText(),
                s.path("kommun").asText(),
                consent);
    }
}
