package se.naravard.gateway.consent;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipReads;
import se.naravard.gateway.sip.SipResources;

/** Consent (a SIP's samtycke, {@code sip-<sip id>-c<n>}): read, vread, search by patient, status, _id. */
public final class ConsentProvider implements IResourceProvider {

    static final String CONSENT_STATE = "http://hl7.org/fhir/consent-state-codes";

    private final SipReads sips;
    private final PatientResolver patients;

    public ConsentProvider(SipReads sips, PatientResolver patients) {
        this.sips = sips;
        this.patients = patients;
    }

    @Override
    public Class<Consent> getResourceType() {
        return Consent.class;
    }

    @Read(version = true)
    public Consent read(@IdParam IdType id) {
        SipIds.Entry e = SipIds.entryOf(id.getIdPart(), SipIds.CONSENT);
        String sipId = e == null ? null : e.sipId();
        Sip s = id.hasVersionIdPart()
                ? sips.version("Consent", id.getIdPart(), sipId, id.getVersionIdPart())
                : sips.current("Consent", id.getIdPart(), sipId);
        Consent c = ConsentMapper.toConsent(s, e.n(), sips.patientKey(s), Instant.now());
        if (c == null) {
            throw FhirErrors.notFound("Consent", id.getIdPart(), null);
        }
        return c;
    }

    /** The consent in every version of its SIP that has it, newest first (its status as of now). */
    @History
    public List<Consent> history(@IdParam IdType id) {
        Instant now = Instant.now();
        return sips.entryHistory(
                "Consent",
                id.getIdPart(),
                SipIds.CONSENT,
                (s, n) -> ConsentMapper.toConsent(s, n, sips.patientKey(s), now));
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = Consent.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(name = Consent.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id) {
        String key = patient == null ? null : patients.keyFromReference(patient, "patient", "Consent.patient");
        String wanted = SipReads.idValue(id);
        String sipId = null;
        if (wanted != null) {
            SipIds.Entry e = SipIds.entryOf(wanted, SipIds.CONSENT);
            sipId = e == null ? "" : e.sipId();
        }
        Instant now = Instant.now();
        List<Consent> found = new ArrayList<>();
        for (Sip s : sips.search(key, sipId, "Consent", "Consent.patient")) {
            for (Consent c : ConsentMapper.toConsents(s, sips.patientKey(s), now)) {
                if ((wanted == null || wanted.equals(c.getIdElement().getIdPart()))
                        && SipResources.matches(status, c.getStatus().toCode(), CONSENT_STATE)) {
                    found.add(c);
                }
            }
        }
        return SearchResults.of(request, found);
    }
}
