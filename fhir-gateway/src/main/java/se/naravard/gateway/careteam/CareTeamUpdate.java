package se.naravard.gateway.careteam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.CareTeam;
import se.naravard.gateway.contract.ContractCommandMapper;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractDocs.Parts;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.contract.PartJson;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.IfMatch;
import se.naravard.gateway.fhir.RequestActor;

/**
 * {@code PUT CareTeam/<contract id>} with {@code If-Match}: a new fast vårdkontakt or fast
 * läkarkontakt (person, unit, from, phone and e-service) as one contract command, so an update is all
 * or nothing. What the CareTeam does not carry (the part's owner and delegates, a substitute, opening
 * hours) is kept as stored. One of the two parts per update: contract-service versions each part
 * change on its own, and two commands could leave the first done and the second refused.
 */
final class CareTeamUpdate {

    static final String CANNOT_CHANGE = "GATEWAY-040";
    static final String ONE_CHANGE = "GATEWAY-041";

    private final ContractReads reads;
    private final ContractWrites writes;

    CareTeamUpdate(ContractReads reads, ContractWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    Contract apply(String id, String ifMatch, CareTeam incoming, RequestActor.Actor actor) {
        int version = IfMatch.version(ifMatch, "CareTeam");
        Contract current = reads.current("CareTeam", id);
        IfMatch.requireCurrent(version, current.version());
        CareTeam stored = CareTeamMapper.toCareTeam(current, reads.patientKey(current));
        if (!Objects.equals(
                stored.getSubject().getReference(), incoming.getSubject().getReference())) {
            throw FhirErrors.businessRule(
                    CANNOT_CHANGE, "CareTeam.subject", "a contract's team cannot move to another patient");
        }
        Map<String, ObjectNode> before = ContractCommandMapper.contactParts(stored);
        Map<String, ObjectNode> after = ContractCommandMapper.contactParts(incoming);
        List<String> changed = new ArrayList<>();
        for (String slug : List.of("fast-vardkontakt", "fast-lakarkontakt")) {
            if (!Objects.equals(before.get(slug), after.get(slug))) {
                changed.add(slug);
            }
        }
        if (changed.isEmpty()) {
            return current;
        }
        if (changed.size() > 1) {
            throw FhirErrors.businessRule(
                    ONE_CHANGE,
                    "CareTeam.participant",
                    "change fast vårdkontakt and fast läkarkontakt in two updates (each is a part of its own)");
        }
        String slug = changed.get(0);
        ObjectNode part = after.get(slug);
        if (part == null) {
            throw FhirErrors.businessRule(
                    CANNOT_CHANGE,
                    "CareTeam.participant",
                    "the " + slug + " participant cannot be taken away by a CareTeam update; give its successor");
        }
        ObjectNode command = JsonNodeFactory.instance.objectNode();
        command.set("part", merged(stored(current.partsOrEmpty(), slug), before.get(slug), part));
        command.putObject("actor").put("person", actor.person()).put("unit", actor.unit());
        if (actor.reason() != null) {
            command.put("reason", actor.reason());
        }
        return writes.replacePart(id, version, slug, command);
    }

    private static ObjectNode stored(Parts parts, String slug) {
        return PartJson.of(slug.equals("fast-vardkontakt") ? parts.fastVardkontakt() : parts.fastLakarkontakt());
    }

    /**
     * The stored part with what changed in the CareTeam laid over it: only the fields whose CareTeam
     * form differs from the stored team's ({@code before}), so owner, delegates, a substitute and
     * opening hours stay, and a contact path the update did not touch is not rewritten. A new person
     * replaces the old one whole.
     */
    static ObjectNode merged(ObjectNode stored, ObjectNode before, ObjectNode after) {
        if (stored == null || before == null) {
            return after;
        }
        ObjectNode merged = stored.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode value = f.getValue();
            if (name.equals("owner") || value == null || value.isNull() || value.equals(before.get(name))) {
                continue;
            }
            if ((name.equals("reach") || name.equals("booking"))
                    && merged.get(name) instanceof ObjectNode existing
                    && before.get(name) != null) {
                ((ObjectNode) value).fields().forEachRemaining(sub -> {
                    if (!sub.getValue().equals(before.get(name).get(sub.getKey()))) {
                        existing.set(sub.getKey(), sub.getValue());
                    }
                });
            } else {
                merged.set(name, value);
            }
        }
        return merged;
    }
}
