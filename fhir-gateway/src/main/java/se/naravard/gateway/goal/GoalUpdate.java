package se.naravard.gateway.goal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Goal;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.contract.PartJson;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.IfMatch;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.RequestActor;

/**
 * {@code PUT Goal/<contract id>-<n>} with {@code If-Match}: new words for the patient's goal n, as one
 * command replacing sammanhållen planering with only that goal's text changed. A goal's status
 * follows its contract's (change the CarePlan's status), and goals are added or removed with the
 * contract's planning, not here.
 */
final class GoalUpdate {

    static final String CANNOT_CHANGE = "GATEWAY-040";

    private final ContractReads reads;
    private final ContractWrites writes;

    GoalUpdate(ContractReads reads, ContractWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    Contract apply(String contractId, int n, String goalId, String ifMatch, Goal incoming, RequestActor.Actor actor) {
        int version = IfMatch.version(ifMatch, "Goal");
        Contract current = reads.current("Goal", contractId);
        IfMatch.requireCurrent(version, current.version());
        List<Goal> goals = GoalMapper.toGoals(current, reads.patientKey(current));
        if (n < 1 || n > goals.size()) {
            throw FhirErrors.notFound("Goal", goalId, null);
        }
        Goal stored = goals.get(n - 1);
        if (incoming.getLifecycleStatus() != stored.getLifecycleStatus()) {
            throw FhirErrors.businessRule(
                    CANNOT_CHANGE,
                    "Goal.lifecycleStatus",
                    "a goal's status follows its contract's ("
                            + stored.getLifecycleStatus().toCode() + "): change the CarePlan's status");
        }
        if (!Objects.equals(
                stored.getSubject().getReference(), incoming.getSubject().getReference())) {
            throw FhirErrors.businessRule(CANNOT_CHANGE, "Goal.subject", "a goal cannot move to another patient");
        }
        String text = incoming.getDescription().getText();
        if (References.isBlank(text)) {
            throw FhirErrors.businessRule(
                    FhirErrors.MISSING_ELEMENT, "Goal.description.text", "the goal in the patient's own words");
        }
        if (text.equals(stored.getDescription().getText())) {
            return current;
        }
        ObjectNode planning = PartJson.of(current.partsOrEmpty().planning());
        ((ObjectNode) ((ArrayNode) planning.get("goals")).get(n - 1)).put("text", text);
        ObjectNode command = JsonNodeFactory.instance.objectNode();
        command.set("part", planning);
        command.putObject("actor").put("person", actor.person()).put("unit", actor.unit());
        if (actor.reason() != null) {
            command.put("reason", actor.reason());
        }
        return writes.replacePart(contractId, version, "sammanhallen-planering", command);
    }
}
