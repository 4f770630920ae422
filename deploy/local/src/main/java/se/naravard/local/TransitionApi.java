package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The few calls of transition-service's REST API that the demo data and the banner need. No {@code
 * If-Match} on writes: it is optional there, and the deadline clock may raise an episode's version
 * between two demo requests.
 */
final class TransitionApi {

    /** An episode as the API returned it; never holds the patient. */
    record Episode(String id, int version, String status, String kommun) {}

    /** Payment-liability evidence of one episode, in short. */
    record Liability(boolean liable, int days, long kronor) {}

    private final JsonClient client;

    /** @param authorization {@code Bearer <service token>} for each call (the internal API needs one) */
    TransitionApi(URI base, Supplier<String> authorization) {
        this.client = new JsonClient(base, authorization);
    }

    /** {@code GET /episodes?limit=n}: the most recent episodes. */
    List<Episode> list(int limit) {
        JsonNode page = client.get("/episodes?limit=" + limit);
        List<Episode> out = new ArrayList<>();
        page.path("episodes").forEach(e -> out.add(episode(e)));
        return out;
    }

    Episode admit(String body) {
        return episode(client.post("/episodes", body, 201));
    }

    Episode send(Episode e, String body) {
        return episode(client.post("/episodes/" + e.id() + "/messages", body, 201));
    }

    Episode receipt(Episode e, UUID messageId, String body) {
        return episode(client.post("/episodes/" + e.id() + "/messages/" + messageId + "/receipts", body, 200));
    }

    Episode discharge(Episode e, String body) {
        return episode(client.post("/episodes/" + e.id() + "/discharge", body, 200));
    }

    Liability liability(Episode e) {
        JsonNode evidence = client.get("/episodes/" + e.id() + "/liability");
        return new Liability(
                evidence.path("liable").asBoolean(),
                evidence.path("liableDays").size(),
                evidence.path("totalKronor").asLong());
    }

    private static Episode episode(JsonNode e) {
        return new Episode(
                e.path("id").asText(),
                e.path("version").asInt(),
                e.path("status").path("code").asText(),
                e.path("kommun").asText());
    }
}
