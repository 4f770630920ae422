package se.naravard.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The few calls of contract-service's REST API that the demo data and the banner need. */
final class ContractApi {

    /** A contract as the API returned it; never holds the patient. */
    record Contract(String id, int version, String status, String kommun) {}

    private final JsonClient client;

    /** @param authorization {@code Bearer <service token>} for each call (the internal API needs one) */
    ContractApi(URI base, Supplier<String> authorization) {
        this.client = new JsonClient(base, authorization);
    }

    /** {@code GET /contracts?limit=n}: the most recently changed contracts. */
    List<Contract> list(int limit) {
        JsonNode page = client.get("/contracts?limit=" + limit);
        List<Contract> out = new ArrayList<>();
        page.path("contracts").forEach(c -> out.add(contract(c)));
        return out;
    }

    Contract create(String body) {
        return contract(client.post("/contracts", body, 201));
    }

    Contract putPart(Contract c, String slug, String body) {
        return contract(client.put("/contracts/" + c.id() + "/parts/" + slug, c.version(), body, 200));
    }

    Contract changeStatus(Contract c, String body) {
        return contract(client.post("/contracts/" + c.id() + "/status", c.version(), body, 200));
    }

    /** Records a granskning; returns whether every check passed. */
    boolean review(Contract c, String body) {
        return client.post("/contracts/" + c.id() + "/reviews", body, 201)
                .path("passed")
                .asBoolean();
    }

    /** {@code POST /listings}: lists a patient with a unit (docs/contract-api.md "Listings"). */
    void listPatient(String body) {
        client.post("/listings", body, 200);
    }

    private static Contract contract(JsonNode c) {
        return new Contract(
                c.path("id").asText(),
                c.path("version").asInt(),
                c.path("status").path("code").asText(),
                c.path("kommun").asText());
    }
}
