package se.naravard.gateway.careplan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import se.naravard.gateway.contract.ContractCommandMapper;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.IfMatch;
import se.naravard.gateway.fhir.RequestActor;

/**
 * {@code PUT CarePlan/<id>} with {@code If-Match}: one contract command per update, so an update is
 * all or nothing. What may change: the status (agree, complete, revoke, entered-in-error; the reason
 * is the last {@code note}) or nästa steg (the activities the patient does not perform), not both at
 * once. Everything else of a CarePlan comes from other parts of the contract and must be sent as
 * read; a difference there is refused (422) rather than silently dropped.
 */
final class CarePlanUpdate {

    static final String CANNOT_CHANGE = "GATEWAY-040";
    static final String ONE_CHANGE = "GATEWAY-041";

    private final ContractReads reads;
    private final ContractWrites writes;

    CarePlanUpdate(ContractReads reads, ContractWrites writes) {
        this.reads = reads;
        this.writes = writes;
    }

    Contract apply(String id, String ifMatch, CarePlan incoming, RequestActor.Actor actor) {
        int version = IfMatch.version(ifMatch, "CarePlan");
        Contract current = reads.current("CarePlan", id);
        // contract-service checks again inside its transaction; this answers a no-op update too.
        IfMatch.requireCurrent(version, current.version());
        CarePlan stored = CarePlanMapper.toCarePlan(current, reads.patientKey(current));
        requireUnchanged(stored, incoming);
        boolean stepsChanged =
                !ContractCommandMapper.nextSteps(incoming, null).equals(ContractCommandMapper.nextSteps(stored, null));
        boolean statusChanged = incoming.getStatus() != stored.getStatus();
        if (stepsChanged && statusChanged) {
            throw FhirErrors.businessRule(
                    ONE_CHANGE, "CarePlan.status", "change the status and the next steps in two updates");
        }
        ObjectNode command = JsonNodeFactory.instance.objectNode();
        // Who changes it is the token's person and unit (security.WriteActor), never the body's author or
        // contributors: those are the contract's, as read.
        command.putObject("actor").put("person", actor.person()).put("unit", actor.unit());
        if (incoming.hasNote()) {
            command.put(
                    "reason",
                    incoming.getNote().get(incoming.getNote().size() - 1).getText());
        } else if (actor.reason() != null) {
            command.put("reason", actor.reason());
        }
        if (stepsChanged) {
            String owner = current.partsOrEmpty().nextSteps() == null
                    ? actor.unit()
                    : current.partsOrEmpty().nextSteps().owner();
            command.set("part", ContractCommandMapper.nextSteps(incoming, owner));
            return writes.replaceNextSteps(id, version, command);
        }
        if (statusChanged) {
            command.put("status", target(incoming.getStatus()));
            return writes.changeStatus(id, version, command);
        }
        return current;
    }

    /** The parts a CarePlan update cannot change must arrive as they were read. */
    private static void requireUnchanged(CarePlan stored, CarePlan incoming) {
        if (!ContractCommandMapper.selfCare(stored).equals(ContractCommandMapper.selfCare(incoming))) {
            throw FhirErrors.businessRule(
                    CANNOT_CHANGE,
                    "CarePlan.activity",
                    "egenvård (activities the patient performs) belongs to sammanhållen planering and cannot be"
                            + " changed by a CarePlan update yet");
        }
        if (stored.getGoal().size() != incoming.getGoal().size()) {
            throw FhirErrors.businessRule(
                    CANNOT_CHANGE, "CarePlan.goal", "goals cannot be added or removed by a CarePlan update yet");
        }
        if (!stored.getSubject().getReference().equals(incoming.getSubject().getReference())) {
            throw FhirErrors.businessRule(
                    CANNOT_CHANGE, "CarePlan.subject", "a contract cannot move to another patient");
        }
    }

    private static String target(CarePlanStatus status) {
        switch (status) {
            case ACTIVE:
            case COMPLETED:
            case REVOKED:
            case ENTEREDINERROR:
                return status.toCode();
            default:
                throw FhirErrors.businessRule(
                        CANNOT_CHANGE,
                        "CarePlan.status",
                        "a contract can be made active, completed, revoked or entered-in-error, not "
                                + status.toCode());
        }
    }
}
