package se.naravard.gateway.communication;

import static se.naravard.gateway.fhir.References.isBlank;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * A Communication sent by a journal system as transition-service's commands (docs/transition-api.md),
 * the reverse of {@link CommunicationMapper}: a LUS message ({@code POST /episodes/{id}/messages}), for
 * an inskrivningsmeddelande with a contained Encounter also the admission before it ({@code POST
 * /episodes}), or a kvittens ({@code POST …/receipts}) when it answers a message ({@code inResponseTo})
 * without a message type of its own. It checks what the gateway must understand to choose the command
 * (the category, the references, the patient's number, ids) and refuses with 422 naming every element
 * at fault; the values themselves are transition-service's to judge, and its refusals come back with
 * the element named ({@link CommunicationPointers}).
 */
public final class CommunicationCommands {

    /** Answers an earlier message: a kvittens when the Communication has no message type, or this code. */
    public static final String RECEIPT = "kvittens";

    /** The message types that refer to an earlier message ({@code refersTo}) through {@code inResponseTo}. */
    static final Set<String> REFERRING = Set.of("makulering", "atertagande-utskrivningsklar");

    static final String INSKRIVNINGSMEDDELANDE = "inskrivningsmeddelande";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What a Communication asks for. */
    public sealed interface Command permits Send, Receipt {}

    /**
     * A LUS message with id {@code messageId} for the episode {@code episodeId}; or, when {@code
     * episodeId} is null, for the episode that {@code admission} records first. {@code patient} (from
     * {@code subject.identifier}) and {@code patientKey} (from {@code subject.reference}) are null when
     * the subject does not give them.
     */
    public record Send(
            String episodeId,
            ObjectNode admission,
            PatientIdentifier patient,
            String patientKey,
            String messageId,
            ObjectNode message)
            implements Command {}

    /** A kvittens of the message {@code messageId}. */
    public record Receipt(String messageId, ObjectNode receipt) implements Command {}

    private final Communication c;
    private final List<Issue> issues = new ArrayList<>();

    private CommunicationCommands(Communication c) {
        this.c = c;
    }

    /**
     * The command {@code c} asks for; its message id is {@code identifier} (system {@link
     * Systems#LUS_MESSAGE_ID}), else {@code conditionalId} (the id of an {@code If-None-Exist}), else a
     * new one.
     *
     * @throws ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException 422 listing every element at fault
     */
    public static Command of(Communication c, String conditionalId) {
        CommunicationCommands t = new CommunicationCommands(c);
        Command command = t.command(conditionalId);
        if (!t.issues.isEmpty()) {
            throw FhirErrors.unprocessable(t.issues);
        }
        return command;
    }

    private Command command(String conditionalId) {
        String type = type();
        if (RECEIPT.equals(type) || (type == null && c.hasInResponseTo() && issues.isEmpty())) {
            return receipt();
        }
        if (type == null) {
            return null;
        }
        String messageId = messageId(conditionalId);
        ObjectNode message = JSON.objectNode().put("id", messageId).put("type", type);
        putIfPresent(message, "sentAt", sent());
        String sender = References.hsaId(c.getSender());
        message.put("sender", sender);
        message.set("addressees", addressees());
        if (REFERRING.contains(type)) {
            message.put("refersTo", inResponseTo());
        } else if (c.hasInResponseTo()) {
            fault(
                    "Communication.inResponseTo",
                    FhirErrors.BAD_REFERENCE,
                    "only makulering and återtagande av utskrivningsklar refer to an earlier message; a kvittens"
                            + " has no message type (or the category " + RECEIPT + ")");
        }
        message.set("actor", actor(sender));
        return send(type, messageId, message, sender);
    }

    /** The message for the Encounter named, or, with a contained Encounter, for the admission it records. */
    private Send send(String type, String messageId, ObjectNode message, String sender) {
        PatientIdentifier patient = AdmissionCommands.patientNumber(c.getSubject(), issues);
        Encounter contained = AdmissionCommands.containedEncounter(c);
        if (contained == null) {
            return new Send(episodeId(c.getEncounter(), type), null, patient, patientKey(), messageId, message);
        }
        if (!INSKRIVNINGSMEDDELANDE.equals(type)) {
            fault(
                    "Communication.encounter",
                    FhirErrors.BAD_REFERENCE,
                    "only an inskrivningsmeddelande records an admission (a contained Encounter); reference the"
                            + " Encounter of the episode");
        }
        if (patient == null) {
            fault(
                    "Communication.subject.identifier",
                    FhirErrors.MISSING_ELEMENT,
                    "an admission needs the patient's personnummer or samordningsnummer as subject.identifier");
        }
        ObjectNode admission = AdmissionCommands.admission(contained, sender, patient, issues);
        return new Send(null, admission, patient, null, messageId, message);
    }

    /** The LUS message type of the category, or null (a kvittens has none); unknown codes are faults. */
    private String type() {
        List<Coding> ours = new ArrayList<>();
        for (CodeableConcept category : c.getCategory()) {
            category.getCoding().stream()
                    .filter(coding -> Systems.LUS_MESSAGE_TYPE.equals(coding.getSystem()))
                    .forEach(ours::add);
        }
        if (ours.isEmpty()) {
            if (c.hasCategory() || !c.hasInResponseTo()) {
                fault(
                        "Communication.category",
                        c.hasCategory() ? FhirErrors.UNKNOWN_CODE : FhirErrors.MISSING_ELEMENT,
                        "a category of the system " + Systems.LUS_MESSAGE_TYPE + " is required; codes: " + allowed());
            }
            return null;
        }
        String code = ours.get(0).getCode();
        if (!RECEIPT.equals(code) && !CommunicationMapper.MESSAGE_TYPES.containsKey(code)) {
            fault("Communication.category", FhirErrors.UNKNOWN_CODE, "unknown LUS message type; codes: " + allowed());
            return null;
        }
        return code;
    }

    private static String allowed() {
        return String.join(", ", new java.util.TreeSet<>(CommunicationMapper.MESSAGE_TYPES.keySet())) + ", " + RECEIPT;
    }

    private Receipt receipt() {
        String messageId = inResponseTo();
        String addressee = References.hsaId(c.getSender());
        if (addressee == null) {
            fault(
                    "Communication.sender",
                    FhirErrors.MISSING_ELEMENT,
                    "a kvittens names the addressed unit that gives it as sender (Organization by HSA-id)");
        }
        Extension ext = c.getExtensionByUrl(Systems.EXT_RECEIPT);
        String status = ext == null ? null : primitive(ext.getExtensionByUrl("status"));
        String kind = ext == null ? null : primitive(ext.getExtensionByUrl("kind"));
        String reason = ext == null ? null : primitive(ext.getExtensionByUrl("reason"));
        ObjectNode receipt = JSON.objectNode()
                .put("addressee", addressee)
                .put("status", status == null ? "ok" : status)
                .put("kind", kind == null ? "application" : kind);
        putIfPresent(receipt, "at", sent());
        putIfPresent(receipt, "reason", reason);
        receipt.set("actor", actor(addressee));
        return new Receipt(messageId, receipt);
    }

    /** The message id {@code inResponseTo} names ({@code Communication/<id>}), or null (a fault). */
    private String inResponseTo() {
        if (c.getInResponseTo().size() != 1) {
            fault(
                    "Communication.inResponseTo",
                    c.hasInResponseTo() ? FhirErrors.BAD_REFERENCE : FhirErrors.MISSING_ELEMENT,
                    "exactly one reference to the Communication answered, withdrawn or cancelled is required");
            return null;
        }
        var ref = c.getInResponseToFirstRep().getReferenceElement();
        if (!"Communication".equals(ref.getResourceType()) || !isUuid(ref.getIdPart())) {
            fault(
                    "Communication.inResponseTo",
                    FhirErrors.BAD_REFERENCE,
                    "the reference must be Communication/<message id> of a LUS message");
            return null;
        }
        return ref.getIdPart();
    }

    private String messageId(String conditionalId) {
        for (Identifier id : c.getIdentifier()) {
            if (Systems.LUS_MESSAGE_ID.equals(id.getSystem())) {
                if (!isUuid(id.getValue())) {
                    fault(
                            "Communication.identifier",
                            FhirErrors.BAD_VALUE,
                            "the LUS message id must be a UUID chosen by the sender");
                    return null;
                }
                if (conditionalId != null && !conditionalId.equals(id.getValue())) {
                    fault(
                            "Communication.identifier",
                            FhirErrors.BAD_VALUE,
                            "the identifier differs from the one of If-None-Exist");
                }
                return id.getValue();
            }
        }
        return conditionalId != null ? conditionalId : UUID.randomUUID().toString();
    }

    private String sent() {
        return c.hasSent() ? References.timeWithOffset(c.getSentElement(), "Communication.sent", issues) : null;
    }

    private ArrayNode addressees() {
        ArrayNode out = JSON.arrayNode();
        for (Reference r : c.getRecipient()) {
            ObjectNode a = out.addObject();
            putIfPresent(a, "kind", primitive(r.getExtensionByUrl(Systems.EXT_ADDRESSEE_KIND)));
            a.put("unit", References.hsaId(r));
            putIfPresent(a, "kommun", primitive(r.getExtensionByUrl(Systems.EXT_KOMMUN)));
        }
        return out;
    }

    /**
     * A write is attributed to the unit that makes it, the sender; a staff token's person replaces the
     * person ({@link CommunicationWrites#create(Communication, String, String)}).
     */
    static ObjectNode actor(String unit) {
        return JSON.objectNode().put("person", unit).put("unit", unit);
    }

    /** The patient key of {@code subject.reference} ({@code Patient/<key>}), or null. */
    private String patientKey() {
        Reference subject = c.getSubject();
        if (!subject.hasReference()) {
            return null;
        }
        var ref = subject.getReferenceElement();
        if (!"Patient".equals(ref.getResourceType())) {
            fault("Communication.subject", FhirErrors.BAD_REFERENCE, "the subject must be a Patient");
            return null;
        }
        return ref.getIdPart();
    }

    private String episodeId(Reference encounter, String type) {
        if (encounter == null || encounter.isEmpty()) {
            fault(
                    "Communication.encounter",
                    FhirErrors.MISSING_ELEMENT,
                    INSKRIVNINGSMEDDELANDE.equals(type)
                            ? "reference the Encounter of the episode, or record the admission with a contained"
                                    + " Encounter"
                            : "reference the Encounter (inpatient episode) the message belongs to");
            return null;
        }
        var ref = encounter.getReferenceElement();
        if (!"Encounter".equals(ref.getResourceType()) || isBlank(ref.getIdPart())) {
            fault("Communication.encounter", FhirErrors.BAD_REFERENCE, "the reference must be Encounter/<id>");
            return null;
        }
        return ref.getIdPart();
    }

    static String primitive(Extension e) {
        if (e == null) {
            return null;
        }
        Type v = e.getValue();
        return v == null || !v.isPrimitive() ? null : v.primitiveValue();
    }

    static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private void fault(String expression, String code, String why) {
        issues.add(FhirErrors.invalid(expression, code, why));
    }

    static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
