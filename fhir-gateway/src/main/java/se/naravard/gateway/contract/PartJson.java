package se.naravard.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored part (one of the {@link ContractDocs} records) back as contract-service's JSON, without
 * the nulls the records hold for absent fields: the start of a command that changes part of a part.
 */
public final class PartJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartJson() {}

    /** The part as JSON; null for null. */
    public static ObjectNode of(Object part) {
        if (part == null) {
            return null;
        }
        ObjectNode node = JSON.valueToTree(part);
        dropNulls(node);
        return node;
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> empty = new ArrayList<>();
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    empty.add(f.getKey());
                } else {
                    dropNulls(f.getValue());
                }
            });
            o.remove(empty);
        } else if (node != null && node.isArray()) {
            node.forEach(PartJson::dropNulls);
        }
    }
}
