package se.naravard.gateway.access;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.transition.TransitionDocs;
import se.naravard.platform.security.Caller;

/**
 * Who may see which patient data (issue 7; DOMAIN.md §7; ARCHITECTURE.md "Security and privacy"), as
 * one pure decision over the caller, the patient's {@link CareRelations} and what is shown. Every
 * answer of the gateway passes it ({@link AccessControl}); nothing else decides.
 *
 * <ul>
 *   <li>A citizen: decided by the Patient compartment ({@code security.CitizenAccess}), not here.
 *   <li>An analyst: nothing about a patient; aggregates only.
 *   <li>Staff and systems of a kommun: only patients of their kommun (SoL/OSL 26 kap.: the
 *       municipality's secrecy ends at its border).
 *   <li>Everyone but a citizen needs a care relation (PDL 4 kap. 1 §, inre sekretess): staff by
 *       their care unit or their own HSA-id among the patient's relations; a system by its care
 *       unit, or, without one, by its care provider (the organisation part of its HSA-id) among the
 *       relations' providers.
 *   <li>SIP content (its CarePlan, CareTeam, Goals, Consents, meetings): to the care provider that drew
 *       it up, and to others only while the current consent is in force and covers them (HSL 16 kap.
 *       4 §, SoL 10 kap. 8 §). A revoked consent hides it at once.
 *   <li>An LUS message, to a kommun: only if addressed to the caller's unit (staff) or kommun (system).
 *   <li>Staff (a person, not a system) refused by the rules above may declare emergency access with
 *       a reason (SVOD: when consent cannot be obtained): the request is allowed and its access-log
 *       rows are flagged for review. Systems and analysts cannot.
 * </ul>
 */
public final class AccessPolicy {

    /** The outcome of one decision. */
    public enum Decision {
        ALLOW,
        /** Allowed only because the caller declared emergency access: flag it for review. */
        EMERGENCY,
        DENY;

        public boolean allowed() {
            return this != DENY;
        }
    }

    /** What in the patient's data is shown: the patient as such, or one of its documents' parts. */
    public sealed interface Shown {
        /** The Patient, a contract's resources, an episode or its tasks. */
        record PatientData() implements Shown {}

        /** A resource made of the SIP with this id. */
        record SipContent(String sipId) implements Shown {}

        /** The LUS message with this id, as a Communication. */
        record LusMessage(String messageId) implements Shown {}

        Shown PATIENT = new PatientData();
    }

    private AccessPolicy() {}

    /** What of the patient's data the resource shows, from its type and id. */
    public static Shown shown(IBaseResource r) {
        String id = r.getIdElement().getIdPart();
        if (r instanceof CarePlan || r instanceof CareTeam || r instanceof Goal) {
            return SipIds.isSip(id) ? sipContent(id) : Shown.PATIENT;
        }
        if (r instanceof Consent || r instanceof Appointment) {
            return sipContent(id);
        }
        if (r instanceof Communication) {
            return new Shown.LusMessage(id);
        }
        return Shown.PATIENT;
    }

    /** {@code sip-<36-character SIP id>[-<entry>]}: the SIP id; an id of another form is no SIP's. */
    private static Shown sipContent(String fhirId) {
        int from = SipIds.PREFIX.length();
        String sipId = fhirId != null && fhirId.length() >= from + 36 ? fhirId.substring(from, from + 36) : "";
        return new Shown.SipContent(sipId);
    }

    /**
     * May {@code caller} see {@code shown} of a patient with {@code relations}?
     *
     * @param emergencyDeclared the caller declared emergency access for this request
     */
    public static Decision decide(Caller caller, CareRelations relations, Shown shown, boolean emergencyDeclared) {
        switch (caller.kind()) {
            case CITIZEN:
                return Decision.ALLOW;
            case ANALYST:
                return Decision.DENY;
            default:
                break;
        }
        if (inKommun(caller, relations) && related(caller, relations) && contentFor(caller, relations, shown)) {
            return Decision.ALLOW;
        }
        return emergencyDeclared && caller.kind() == Caller.Kind.STAFF ? Decision.EMERGENCY : Decision.DENY;
    }

    static boolean inKommun(Caller caller, CareRelations relations) {
        return caller.organisationType() != Caller.OrganisationType.KOMMUN
                || (caller.kommun() != null && relations.kommuner().contains(caller.kommun()));
    }

    static boolean related(Caller caller, CareRelations relations) {
        if (caller.careUnit() != null && relations.units().contains(caller.careUnit())) {
            return true;
        }
        if (caller.kind() == Caller.Kind.STAFF) {
            return caller.hsaId() != null && relations.persons().contains(caller.hsaId());
        }
        // A system without a care unit acts for its care provider.
        return caller.careUnit() == null && relations.providers().contains(CareRelations.provider(caller.hsaId()));
    }

    private static boolean contentFor(Caller caller, CareRelations relations, Shown shown) {
        if (shown instanceof Shown.SipContent sip) {
            CareRelations.SipShare share = relations.sips().get(sip.sipId());
            return share != null && sharedWith(caller, share);
        }
        if (shown instanceof Shown.LusMessage message && caller.organisationType() == Caller.OrganisationType.KOMMUN) {
            List<TransitionDocs.Addressee> to = relations.messages().getOrDefault(message.messageId(), List.of());
            return to.stream().anyMatch(a -> addressedTo(caller, a));
        }
        return true;
    }

    private static boolean sharedWith(Caller caller, CareRelations.SipShare share) {
        String provider = CareRelations.provider(caller.careUnit() != null ? caller.careUnit() : caller.hsaId());
        if (provider == null) {
            return false;
        }
        if (share.authorUnit() != null && provider.equals(CareRelations.provider(share.authorUnit()))) {
            return true; // the SIP is its author's own record too
        }
        if (!share.consentInForce()) {
            return false;
        }
        if (caller.careUnit() != null) {
            return share.covered().contains(caller.careUnit());
        }
        return share.covered().stream().anyMatch(u -> provider.equals(CareRelations.provider(u)));
    }

    private static boolean addressedTo(Caller caller, TransitionDocs.Addressee a) {
        if (caller.careUnit() != null) {
            return caller.careUnit().equals(a.unit());
        }
        return caller.kommun() != null && caller.kommun().equals(a.kommun());
    }
}
