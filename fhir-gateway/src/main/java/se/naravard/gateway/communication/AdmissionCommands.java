package se.naravard.gateway.communication;

import static se.naravard.gateway.communication.CommunicationCommands.actor;
import static se.naravard.gateway.communication.CommunicationCommands.primitive;
import static se.naravard.gateway.communication.CommunicationCommands.putIfPresent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import se.naravard.gateway.encounter.EncounterMapper;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.identity.Personnummer;
import se.naravard.platform.identity.Samordningsnummer;

/**
 * The admission an inskrivningsmeddelande carries as a contained Encounter ({@code POST /episodes}),
 * and the patient's number it names in {@code subject.identifier}: a {@code Patient/<key>} cannot
 * say which number to record, the key being pseudonymous. Faults are added to {@code issues}.
 */
final class AdmissionCommands {

    private static final String BASE = "Communication.contained.ofType(Encounter)";
    /**
     * The contained Encounter's {@code priority} says neither unplanned (v3 ActPriority {@code EM}) nor
     * planned ({@code R}, {@code EL}).
     */
    static final String UNKNOWN_PRIORITY = "GATEWAY-170";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AdmissionCommands() {}

    /**
     * The admission of a contained Encounter, as {@code EncounterMapper} writes an episode: {@code
     * period.start}, {@code serviceProvider} (else the sender) and the episode's extensions.
     */
    static ObjectNode admission(Encounter e, String sender, PatientIdentifier patient, List<Issue> issues) {
        ObjectNode a = JSON.objectNode();
        a.put("patient", patient == null ? null : patient.value());
        String unit = References.hsaId(e.getServiceProvider());
        a.put("admittingUnit", unit == null ? sender : unit);
        a.put("kommun", primitive(e.getExtensionByUrl(Systems.EXT_KOMMUN)));
        if (e.getPeriod().hasStart()) {
            a.put(
                    "admittedAt",
                    References.timeWithOffset(e.getPeriod().getStartElement(), BASE + ".period.start", issues));
        }
        Extension assessed = e.getExtensionByUrl(Systems.EXT_PHYSICIAN_ASSESSED);
        if (assessed != null && assessed.getValue() instanceof BaseDateTimeType t) {
            a.put(
                    "physicianAssessedAt",
                    References.timeWithOffset(
                            t, BASE + ".extension('" + Systems.EXT_PHYSICIAN_ASSESSED + "')", issues));
        }
        putIfPresent(a, "expectedDischargeDate", primitive(e.getExtensionByUrl(Systems.EXT_EXPECTED_DISCHARGE)));
        a.put("needsBothPrincipals", flag(e, Systems.EXT_NEEDS_BOTH_PRINCIPALS));
        a.put("mayNeedHelpAfterDischarge", flag(e, Systems.EXT_MAY_NEED_HELP));
        putIfPresent(a, "admissionKind", admissionKind(e, issues));
        a.set("actor", actor(sender));
        return a;
    }

    /**
     * Unplanned or planned from {@code priority} (as {@code EncounterMapper} writes it); none when the
     * Encounter has no priority (unknown). A priority that says neither is refused ({@link #UNKNOWN_PRIORITY}).
     */
    private static String admissionKind(Encounter e, List<Issue> issues) {
        if (!e.hasPriority()) {
            return null;
        }
        for (Coding c : e.getPriority().getCoding()) {
            String kind = EncounterMapper.admissionKind(c);
            if (kind != null) {
                return kind;
            }
        }
        issues.add(FhirErrors.invalid(
                BASE + ".priority",
                UNKNOWN_PRIORITY,
                "the admission's priority must be " + EncounterMapper.ACT_PRIORITY + " EM (unplanned, akut) or R"
                        + " (planned); leave priority out when it is not known"));
        return null;
    }

    private static boolean flag(Encounter e, String url) {
        return "true".equals(primitive(e.getExtensionByUrl(url)));
    }

    /** The Encounter that {@code encounter} references among the contained resources ({@code #id}), or null. */
    static Encounter containedEncounter(Communication c) {
        Reference encounter = c.getEncounter();
        if (encounter.getResource() instanceof Encounter e) {
            return e;
        }
        String ref = encounter.getReference();
        if (ref != null && ref.startsWith("#") && contained(c, ref) instanceof Encounter e) {
            return e;
        }
        return null;
    }

    /** The contained resource {@code #id}, for parsers that leave a local reference unresolved. */
    private static Resource contained(Communication c, String ref) {
        String id = ref.substring(1);
        return c.getContained().stream()
                .filter(r -> id.equals(r.getIdElement().getIdPart()) || ref.equals(r.getId()))
                .findFirst()
                .orElse(null);
    }

    /** The personnummer or samordningsnummer of {@code subject.identifier}, checked; or null. */
    static PatientIdentifier patientNumber(Reference subject, List<Issue> issues) {
        if (!subject.hasIdentifier()) {
            return null;
        }
        String expression = "Communication.subject.identifier";
        Identifier id = subject.getIdentifier();
        String system = id.getSystem();
        if (!Personnummer.SYSTEM.equals(system) && !Samordningsnummer.SYSTEM.equals(system)) {
            issues.add(FhirErrors.invalid(
                    expression,
                    FhirErrors.UNSUPPORTED_SYSTEM,
                    "use the system " + Personnummer.SYSTEM + " or " + Samordningsnummer.SYSTEM));
            return null;
        }
        try {
            PatientIdentifier parsed = PatientIdentifier.parse(id.getValue());
            if (!parsed.system().equals(system)) {
                issues.add(FhirErrors.invalid(
                        expression, FhirErrors.UNSUPPORTED_SYSTEM, "the number does not belong to the system given"));
                return null;
            }
            return parsed;
        } catch (RejectedException e) {
            issues.add(
                    FhirErrors.invalid(expression, e.first().code(), e.first().reason()));
            return null;
        }
    }
}
