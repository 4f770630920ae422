package se.naravard.gateway.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import se.naravard.gateway.contract.ContractDocs.Contract;

/** The commands the gateway sends to contract-service (docs/contract-api.md). */
public final class ContractWrites {

    private final ContractClient client;

    public ContractWrites(ContractClient client) {
        this.client = client;
    }

    /** {@code POST /contracts}: draws up a contract (draft, version 1) with the parts given. */
    public Contract create(ObjectNode command) {
        return client.post("/contracts", command);
    }

    /** {@code PUT /contracts/{id}/parts/nasta-steg} based on {@code version}. */
    public Contract replaceNextSteps(String id, int version, ObjectNode body) {
        return replacePart(id, version, "nasta-steg", body);
    }

    /** {@code PUT /contracts/{id}/parts/{slug}} based on {@code version}. */
    public Contract replacePart(String id, int version, String slug, ObjectNode body) {
        return client.command("PUT", "/contracts/" + id + "/parts/" + slug, body, version);
    }

    /** {@code POST /contracts/{id}/status} based on {@code version}. */
    public Contract changeStatus(String id, int version, ObjectNode body) {
        return client.command("POST", "/contracts/" + id + "/status", body, version);
    }
}
