package se.naravard.gateway.access;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.fhir.References;
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
 *   <li>Spärr (PDL 4 kap. 4 §, SVOD (2022:913); DOMAIN.md §7): what a blocked care provider (or unit)
 *       holds about the patient is shown to no other care provider (or unit), relation or not, and
 *       emergency access does not lift it: only the patient, by having the holder lift the block, can
 *       ({@link Decision#BLOCKED}; not even the block's existence is told). The holder of a record is
 *       the unit that wrote it: a contract's and a SIP's author, an episode's admitting unit (for its
 *       LUS messages and deadline tasks too). One exception: an LUS message stays visible to its
 *       addressees, to whom the law sends it (LUS 2 kap.; OSL 25 kap. 11 §), block or not. The blocks
 *       themselves (a {@code Consent} with provision deny) are shown only to the holder's own staff and
 *       systems (and the patient).
 * </ul>
 */
public final class AccessPolicy {

    /** The outcome of one decision. */
    public enum Decision {
        ALLOW,
        /** Allowed only because the caller declared emergency access: flag it for review. */
        EMERGENCY,
        DENY,
        /**
         * The caller would be allowed, but the patient has blocked the record's holder from them: the
         * record is answered as if it did not exist (a 404 on a read, absent from searches).
         */
        BLOCKED;

        public boolean allowed() {
            return this == ALLOW || this == EMERGENCY;
        }
    }

    /** What in the patient's data is shown: the patient as such, or one of its documents' parts. */
    public sealed interface Shown {
        /**
         * The Patient ({@code record} null), a contract's resources, an episode or its tasks.
         *
         * @param record the id of the record they are made of (a contract's, an episode's, a deadline
         *     task's), whose holder a spärr may block; null for the patient as such
         */
        record PatientData(String record) implements Shown {}

        /** A resource made of the SIP with this id. */
        record SipContent(String sipId) implements Shown {}

        /** The LUS message with this id, as a Communication. */
        record LusMessage(String messageId) implements Shown {}

        /** A spärr of the records of {@code provider} (only of its {@code unit}, when not null). */
        record BlockRecord(String provider, String unit) implements Shown {}

        Shown PATIENT = new PatientData(null);
    }

    private AccessPolicy() {}

    /** What of the patient's data the resource shows, from its type and id (a block: its holder). */
    public static Shown shown(IBaseResource r) {
        if (r instanceof Consent c && CareBlock.idOf(c.getIdElement().getIdPart()) != null) {
            String holder = c.hasOrganization() ? References.hsaId(c.getOrganizationFirstRep()) : null;
            String provider = CareRelations.provider(holder);
            return new Shown.BlockRecord(provider, holder == null || holder.equals(provider) ? null : holder);
        }
        return shown(r.fhirType(), r.getIdElement().getIdPart());
    }

    /** What of the patient's data a resource of this type and id shows (not for blocks). */
    public static Shown shown(String type, String id) {
        switch (type) {
            case "CarePlan", "CareTeam", "Goal":
                // Contract resources: CarePlan/<contract id>, CareTeam/<contract id>, Goal/<contract id>-<n>.
                return SipIds.isSip(id)
                        ? sipContent(id)
                        : new Shown.PatientData(id != null && id.length() > 36 ? id.substring(0, 36) : id);
            case "Consent", "Appointment":
                return sipContent(id);
            case "Communication":
                return new Shown.LusMessage(id);
            case "Encounter", "Task":
                return new Shown.PatientData(id);
            default:
                return Shown.PATIENT;
        }
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
        if (shown instanceof Shown.BlockRecord block) {
            return inside(caller, block.provider(), block.unit()) ? Decision.ALLOW : Decision.BLOCKED;
        }
        Decision decision;
        if (inKommun(caller, relations) && related(caller, relations) && contentFor(caller, relations, shown)) {
            decision = Decision.ALLOW;
        } else {
            decision = emergencyDeclared && caller.kind() == Caller.Kind.STAFF ? Decision.EMERGENCY : Decision.DENY;
        }
        return decision != Decision.DENY && blocked(caller, relations, shown) ? Decision.BLOCKED : decision;
    }

    /**
     * Whether a block in force keeps the record shown from the caller: the record's holder is blocked
     * and the caller is not the holder (not of its care provider; for a unit's block, not of that unit).
     */
    static boolean blocked(Caller caller, CareRelations relations, Shown shown) {
        if (relations.blocks().isEmpty()) {
            return false;
        }
        String record = null;
        if (shown instanceof Shown.PatientData p) {
            record = p.record();
        } else if (shown instanceof Shown.SipContent sip) {
            record = sip.sipId();
        } else if (shown instanceof Shown.LusMessage m) {
            record = m.messageId();
        }
        String holder = record == null ? null : relations.holders().get(record);
        if (holder == null) {
            return false;
        }
        if (shown instanceof Shown.LusMessage m
                && relations.messages().getOrDefault(m.messageId(), List.of()).stream()
                        .anyMatch(a -> addressedTo(caller, a))) {
            return false; // the law sends it to its addressees (LUS 2 kap., OSL 25 kap. 11 §)
        }
        for (CareBlock block : relations.blocks()) {
            boolean holds = block.unit() == null
                    ? block.provider().equals(CareRelations.provider(holder))
                    : block.unit().equals(holder);
            if (holds && !inside(caller, block.provider(), block.unit())) {
                return true;
            }
        }
        return false;
    }

    /** The caller acts for the block's holder: its care provider, or, for a unit's block, that unit. */
    private static boolean inside(Caller caller, String provider, String unit) {
        if (unit != null) {
            return unit.equals(caller.careUnit());
        }
        String own = CareRelations.provider(caller.careUnit() != null ? caller.careUnit() : caller.hsaId());
        return provider != null && provider.equals(own);
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
