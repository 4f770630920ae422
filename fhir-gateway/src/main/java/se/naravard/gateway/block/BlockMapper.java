package se.naravard.gateway.block;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientsOf;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.platform.identity.HsaId;

/**
 * A spärr as a FHIR {@code Consent} {@code sparr-<uuid>} (DOMAIN.md §1: "spärr — Consent with
 * provision.type=deny"): a privacy consent (opt-out) whose custodian ({@code organization}) is the
 * blocked care provider or unit, denying everyone access to what it holds except the custodian itself
 * (a nested permit for the custodian). Active while in force, inactive once lifted (then {@code
 * provision.period.end} says when).
 *
 * <p>What a journal system sends to register one: {@code status} active, {@code category} {@code
 * consent-category#sparr}, {@code patient} {@code Patient/<id>}, {@code organization} the holder by
 * HSA-id (an organisation's HSA-id: all its records; a unit's: only that unit's), {@code provision.type}
 * deny. Everything else is set by the gateway.
 */
public final class BlockMapper {

    static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String LEGAL_BASIS =
            "Spärr: PDL (2008:355) 4 kap. 4 §; lag (2022:913) om sammanhållen vård- och omsorgsdokumentation";

    /** Registering something else than a block through Consent. */
    public static final String NOT_A_BLOCK = "GATEWAY-076";
    /** A block's holder (organization) missing or not an HSA-id. */
    public static final String BAD_HOLDER = "GATEWAY-077";

    /** What a request to register a block asks for. */
    public record Registration(String patientKey, String provider, String unit) {}

    /** A care provider as a whole: {@code SE} and its organisation number, the part before a unit's hyphen. */
    private static final java.util.regex.Pattern PROVIDER = java.util.regex.Pattern.compile("SE[0-9]{10}");

    private BlockMapper() {}

    private static boolean isHsaId(String value) {
        try {
            HsaId.of(value);
            return true;
        } catch (se.naravard.platform.domain.RejectedException e) {
            return false;
        }
    }

    public static Consent toConsent(CareBlock b) {
        Consent c = new Consent();
        c.setId("Consent/" + b.fhirId() + "/_history/" + b.version());
        c.setMeta(new Meta()
                .setVersionId(Integer.toString(b.version()))
                .setLastUpdated(Date.from(b.inForce() ? b.registeredAt() : b.liftedAt())));
        String holder = b.unit() != null ? b.unit() : b.provider();
        c.setText(References.narrative("Spärr av " + (b.unit() != null ? "enheten " : "vårdgivaren ") + holder
                + (b.inForce() ? "" : ", hävd")));
        c.setStatus(b.inForce() ? ConsentState.ACTIVE : ConsentState.INACTIVE);
        c.setScope(new CodeableConcept().addCoding(new Coding(SCOPE_SYSTEM, "patient-privacy", "Privacy Consent")));
        c.addCategory(new CodeableConcept().addCoding(new Coding(Systems.CONSENT_CATEGORY, Systems.SPARR, "Spärr")));
        c.setPatient(References.patient(b.patientKey()));
        c.setDateTime(Date.from(b.registeredAt()));
        c.addPerformer(References.patient(b.patientKey()));
        Reference custodian = References.organization(holder, null);
        c.addOrganization(custodian);
        c.setPolicyRule(new CodeableConcept()
                .addCoding(new Coding(ACT_CODE, "OPTOUT", "opt-out"))
                .setText(LEGAL_BASIS));
        ProvisionComponent deny = new ProvisionComponent().setType(ConsentProvisionType.DENY);
        Period period = new Period().setStart(Date.from(b.registeredAt()));
        if (!b.inForce()) {
            period.setEnd(Date.from(b.liftedAt()));
        }
        deny.setPeriod(period);
        ProvisionComponent holderItself = new ProvisionComponent().setType(ConsentProvisionType.PERMIT);
        holderItself.addActor(new provisionActorComponent()
                .setRole(new CodeableConcept().addCoding(new Coding(PARTICIPATION_TYPE, "CST", "custodian")))
                .setReference(References.organization(holder, null)));
        deny.addProvision(holderItself);
        c.setProvision(deny);
        return c;
    }

    /** The block a journal system asks to register, or a 422 naming the element at fault. */
    public static Registration registration(Consent in) {
        boolean sparr = in.getCategory().stream()
                .flatMap(cc -> cc.getCoding().stream())
                .anyMatch(cd -> Systems.CONSENT_CATEGORY.equals(cd.getSystem()) && Systems.SPARR.equals(cd.getCode()));
        if (!sparr) {
            throw FhirErrors.businessRule(
                    NOT_A_BLOCK,
                    "Consent.category",
                    "only a spärr (category " + Systems.CONSENT_CATEGORY + "#" + Systems.SPARR
                            + ") is registered through FHIR; a SIP's consent is given in sip-service");
        }
        if (!in.hasProvision() || in.getProvision().getType() != ConsentProvisionType.DENY) {
            throw FhirErrors.businessRule(NOT_A_BLOCK, "Consent.provision.type", "a spärr is provision.type deny");
        }
        if (in.hasStatus() && in.getStatus() != ConsentState.ACTIVE) {
            throw FhirErrors.businessRule(NOT_A_BLOCK, "Consent.status", "a spärr is registered active");
        }
        String key = PatientsOf.key(in.getPatient());
        if (key == null) {
            throw FhirErrors.businessRule(
                    NOT_A_BLOCK,
                    "Consent.patient",
                    "name the patient as Patient/<id> (find the id with Patient?identifier=<personnummer>)");
        }
        if (in.getOrganization().size() != 1) {
            throw FhirErrors.businessRule(
                    BAD_HOLDER, "Consent.organization", "name exactly one holder: the care provider or unit blocked");
        }
        String holder = References.hsaId(in.getOrganizationFirstRep());
        if (holder == null || !(PROVIDER.matcher(holder).matches() || isHsaId(holder))) {
            throw FhirErrors.unprocessable(List.of(new FhirErrors.Issue(
                    IssueType.CODEINVALID,
                    BAD_HOLDER,
                    "Consent.organization needs the holder's HSA-id (identifier system " + Systems.HSA_ID
                            + "): a unit's (SE<organisation number>-<unit>) blocks its records only, a care"
                            + " provider's (SE<organisation number>) all of them",
                    List.of("Consent.organization[0].identifier.value"),
                    null)));
        }
        String provider = holder.contains("-") ? holder.substring(0, holder.indexOf('-')) : holder;
        return new Registration(key, provider, holder.equals(provider) ? null : holder);
    }
}
