package se.naravard.gateway.sip;

import static se.naravard.gateway.fhir.References.isBlank;

import java.util.Locale;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipDocs.Participant;

/**
 * A SIP's participants as references, the same in CareTeam, Consent and Appointment: the person is the
 * Patient; a unit an Organization by HSA-id; a närstående (next of kin) or another party a reference
 * by display only (the gateway serves no RelatedPerson; sip-service keeps only name and relation).
 */
public final class SipParticipants {

    public static final String PERSON = "PERSON";
    public static final String RELATED_PERSON = "RELATED_PERSON";
    public static final String UNIT = "UNIT";

    private SipParticipants() {}

    /** The participant as a reference; {@code fallbackId} names one that is no longer in the SIP. */
    public static Reference reference(Participant p, String fallbackId, String patientKey) {
        if (p == null) {
            return new Reference().setDisplay("Deltagare " + fallbackId);
        }
        String kind = p.kind() == null ? "" : p.kind();
        switch (kind) {
            case PERSON:
                return References.patient(patientKey);
            case RELATED_PERSON:
                return new Reference().setType("RelatedPerson").setDisplay(withRelation(p.name(), p.relation()));
            case UNIT:
                Reference unit = References.organization(p.unit(), null);
                return unit == null ? new Reference().setDisplay("Enhet " + p.id()) : unit;
            default:
                String name = isBlank(p.organisation())
                        ? p.name()
                        : isBlank(p.name()) ? p.organisation() : p.name() + ", " + p.organisation();
                Reference other = new Reference().setDisplay(isBlank(name) ? "Deltagare " + p.id() : name);
                if (!isBlank(p.organisation())) {
                    other.setType("Organization");
                }
                return other;
        }
    }

    /** "Namn (relation)", or whichever of the two is given. */
    public static String withRelation(String name, String relation) {
        if (isBlank(relation)) {
            return isBlank(name) ? "Närstående" : name;
        }
        return (isBlank(name) ? "Närstående" : name) + " (" + relation + ")";
    }

    /** REGION, MUNICIPALITY, OTHER as a coding of {@link Systems#SIP_PRINCIPAL}; null if absent. */
    public static Coding principal(String principal) {
        if (isBlank(principal)) {
            return null;
        }
        String code = principal.toLowerCase(Locale.ROOT);
        String display =
                switch (principal) {
                    case "REGION" -> "Region";
                    case "MUNICIPALITY" -> "Kommun";
                    default -> "Annan huvudman";
                };
        return new Coding(Systems.SIP_PRINCIPAL, code, display);
    }

    public static CodeableConcept principalConcept(String principal) {
        Coding c = principal(principal);
        return c == null ? null : new CodeableConcept().addCoding(c).setText(c.getDisplay());
    }

    /** PRIMARY_CARE → primary-care … as a coding of {@link Systems#SIP_UNIT_ROLE}; null if absent. */
    public static Coding unitRole(String role) {
        if (isBlank(role)) {
            return null;
        }
        String display =
                switch (role) {
                    case "PRIMARY_CARE" -> "Primärvård";
                    case "SPECIALIST_CARE" -> "Specialistvård";
                    case "PSYCHIATRY" -> "Psykiatri";
                    case "HABILITATION" -> "Habilitering";
                    case "MUNICIPAL_HEALTH_CARE" -> "Kommunal hälso- och sjukvård";
                    case "SOCIAL_SERVICES" -> "Socialtjänst";
                    default -> role;
                };
        return new Coding(Systems.SIP_UNIT_ROLE, role.toLowerCase(Locale.ROOT).replace('_', '-'), display);
    }
}
