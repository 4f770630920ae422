package se.naravard.gateway.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * A new contract from a CarePlan (with its CareTeam and Goals when they come along in a transaction):
 * one {@code POST /contracts} with the patient, the kommun, the actor and the parts, so a creation is
 * all or nothing. Shared by {@code POST CarePlan} and the transaction Bundle.
 */
public final class ContractCreation {

    private static final String REASON = "Upprättat via FHIR";

    private final ContractReads reads;
    private final ContractWrites writes;
    private final PatientResolver patients;

    public ContractCreation(ContractReads reads, ContractWrites writes, PatientResolver patients) {
        this.reads = reads;
        this.writes = writes;
        this.patients = patients;
    }

    /**
     * Creates the contract. {@code at} is the FHIRPath of the CarePlan in the request ({@code CarePlan}
     * or {@code Bundle.entry[0].resource}); refusals name elements below it.
     */
    public Contract create(CarePlan plan, CareTeam team, List<Goal> goals, String at) {
        ObjectNode command = JsonNodeFactory.instance.objectNode();
        command.put("patient", patient(plan, at).value());
        command.put("kommun", kommun(plan, at));
        ObjectNode actor = command.putObject("actor");
        actor.put(
                "unit",
                required(
                        ContractCommandMapper.hsaId(plan.getAuthor()),
                        at + ".author",
                        "an author Organization with an HSA-id"));
        actor.put("person", required(person(plan), at + ".contributor", "a contributor Practitioner with an HSA-id"));
        command.put("reason", REASON);
        command.set("parts", ContractCommandMapper.parts(plan, team, goals));
        return writes.create(command);
    }

    private PatientIdentifier patient(CarePlan plan, String at) {
        Reference subject = plan.getSubject();
        if (subject.hasIdentifier()) {
            Identifier id = subject.getIdentifier();
            return patients.identifier(id.getSystem(), id.getValue(), "body", at + ".subject.identifier");
        }
        String key = subject.getReferenceElement().getIdPart();
        if ("Patient".equals(subject.getReferenceElement().getResourceType()) && key != null) {
            List<Contract> known = reads.forPatient(key);
            if (!known.isEmpty()) {
                return PatientIdentifier.parse(known.get(0).patient().value());
            }
        }
        throw FhirErrors.badBody(
                at + ".subject",
                FhirErrors.MISSING_ELEMENT,
                "the subject must carry the patient's personnummer or samordningsnummer as identifier,"
                        + " or reference a Patient this server knows");
    }

    private static String kommun(CarePlan plan, String at) {
        Extension e = plan.getExtensionByUrl(ContractCommandMapper.KOMMUN_EXTENSION);
        String code = e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
        return required(
                code,
                at + ".extension",
                "the extension " + ContractCommandMapper.KOMMUN_EXTENSION
                        + " with the patient's kommunkod (valueCode)");
    }

    /** The contributor Practitioner's HSA-id: who draws the contract up (null if none). */
    public static String contributor(CarePlan plan) {
        return person(plan);
    }

    /** The author Organization's HSA-id: the unit that draws the contract up (null if none). */
    public static String author(CarePlan plan) {
        return ContractCommandMapper.hsaId(plan.getAuthor());
    }

    private static String person(CarePlan plan) {
        return plan.getContributor().stream()
                .filter(r -> "Practitioner".equals(r.getType()))
                .map(ContractCommandMapper::hsaId)
                .filter(id -> id != null)
                .findFirst()
                .orElse(null);
    }

    private static String required(String value, String expression, String what) {
        if (value == null || value.isBlank()) {
            throw FhirErrors.badBody(expression, FhirErrors.MISSING_ELEMENT, "required: " + what);
        }
        return value;
    }
}
