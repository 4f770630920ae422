package se.naravard.gateway.consent;

import static se.naravard.gateway.fhir.References.isBlank;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipCarePlanMapper;
import se.naravard.gateway.sip.SipDocs;
import se.naravard.gateway.sip.SipDocs.Giver;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipParticipants;

/**
 * A SIP's samtycke (consent; HSL 16 kap. 4 §, SoL 2025:400 10 kap. 8 §: a SIP is drawn up only with
 * the person's consent) as a {@code Consent} {@code sip-<sip id>-c<n>}, n = its position in the SIP's
 * consent list (consents are only appended; a revocation changes the entry in place). A privacy
 * consent (opt-in) permitting the named participants and organisations to share the plan, for the
 * consent's period; who gave it (the person or a legal representative) and, once revoked, when and by
 * whom.
 */
public final class ConsentMapper {

    static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String LOINC = "http://loinc.org";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String LEGAL_BASIS = "HSL (2017:30) 16 kap. 4 §; SoL (2025:400) 10 kap. 8 §";

    private ConsentMapper() {}

    /** Every consent of the SIP, in order. */
    public static List<Consent> toConsents(Sip s, String patientKey, Instant now) {
        List<Consent> all = new ArrayList<>();
        for (int n = 1; n <= s.consentsOrEmpty().size(); n++) {
            all.add(toConsent(s, n, patientKey, now));
        }
        return all;
    }

    /** Consent n (from 1), or null if the SIP has no such consent. */
    public static Consent toConsent(Sip s, int n, String patientKey, Instant now) {
        if (n < 1 || n > s.consentsOrEmpty().size()) {
            return null;
        }
        var c = s.consentsOrEmpty().get(n - 1);
        Consent consent = new Consent();
        consent.setId("Consent/" + SipIds.entry(s.id(), SipIds.CONSENT, n) + "/_history/" + s.version());
        consent.setMeta(SipCarePlanMapper.meta(s));
        ConsentState status = status(s, n, now);
        consent.setText(References.narrative("Samtycke " + n + " till SIP, " + status.toCode()));
        consent.setStatus(status);
        consent.setScope(
                new CodeableConcept().addCoding(new Coding(SCOPE_SYSTEM, "patient-privacy", "Privacy Consent")));
        consent.addCategory(new CodeableConcept().addCoding(new Coding(LOINC, "59284-0", "Patient Consent")));
        consent.addCategory(Systems.sip());
        consent.setPatient(References.patient(patientKey));
        var from = References.dateTime(c.from());
        if (from != null) {
            consent.setDateTimeElement(from);
        }
        consent.addPerformer(giver(c.givenBy(), patientKey));
        consent.setPolicyRule(new CodeableConcept()
                .addCoding(new Coding(ACT_CODE, "OPTIN", "opt-in"))
                .setText(LEGAL_BASIS));
        if (c.revocation() != null) {
            consent.addExtension(revocation(c.revocation().at(), c.revocation().by()));
        }
        consent.setProvision(provision(s, c, patientKey));
        return consent;
    }

    /**
     * entered-in-error with its SIP; inactive once revoked, superseded by a later consent or past its
     * end; else active (the current consent, also before its start).
     */
    public static ConsentState status(Sip s, int n, Instant now) {
        if ("entered-in-error".equals(s.statusCode())) {
            return ConsentState.ENTEREDINERROR;
        }
        var c = s.consentsOrEmpty().get(n - 1);
        boolean superseded = n < s.consentsOrEmpty().size();
        Instant to = instant(c.to());
        boolean expired = to != null && !now.isBefore(to);
        return c.revocation() != null || superseded || expired ? ConsentState.INACTIVE : ConsentState.ACTIVE;
    }

    /** The person (the Patient), or a legal representative by name and relation (display only). */
    private static Reference giver(Giver g, String patientKey) {
        if (g == null || (isBlank(g.representativeName()) && isBlank(g.relation()))) {
            return References.patient(patientKey);
        }
        return new Reference()
                .setType("RelatedPerson")
                .setDisplay(SipParticipants.withRelation(g.representativeName(), g.relation()));
    }

    private static Extension revocation(String at, Giver by) {
        Extension e = new Extension(Systems.EXT_SIP_CONSENT_REVOCATION);
        var when = References.dateTime(at);
        if (when != null) {
            e.addExtension("at", when);
        }
        e.addExtension(
                "by",
                new StringType(
                        by == null || (isBlank(by.representativeName()) && isBlank(by.relation()))
                                ? "Personen själv"
                                : SipParticipants.withRelation(by.representativeName(), by.relation())));
        return e;
    }

    /** Permit, for the period, sharing of {@code what} with the named participants and organisations. */
    private static ProvisionComponent provision(Sip s, SipDocs.Consent c, String patientKey) {
        ProvisionComponent p = new ProvisionComponent().setType(ConsentProvisionType.PERMIT);
        var from = References.dateTime(c.from());
        var to = References.dateTime(c.to());
        if (from != null || to != null) {
            p.setPeriod(new Period().setStartElement(from).setEndElement(to));
        }
        // The SIP whose sharing it governs (also how a new consent names its SIP: SipWrites.giveConsent).
        p.addData(new Consent.provisionDataComponent()
                .setMeaning(Consent.ConsentDataMeaning.RELATED)
                .setReference(new Reference("CarePlan/" + SipIds.plan(s.id()))));
        if (c.scope() == null) {
            return p;
        }
        if (!isBlank(c.scope().what())) {
            p.addCode(new CodeableConcept().setText(c.scope().what()));
        }
        for (String id : c.scope().participantsOrEmpty()) {
            p.addActor(recipient(SipParticipants.reference(s.participant(id), id, patientKey)));
        }
        for (String hsaId : c.scope().organisationsOrEmpty()) {
            Reference org = References.organization(hsaId, null);
            if (org != null) {
                p.addActor(recipient(org));
            }
        }
        return p;
    }

    /** An actor the consent lets receive the plan (v3 ParticipationType IRCP, information recipient). */
    private static provisionActorComponent recipient(Reference who) {
        return new provisionActorComponent()
                .setRole(new CodeableConcept()
                        .addCoding(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")))
                .setReference(who);
    }

    private static Instant instant(String iso) {
        if (isBlank(iso)) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
