package se.naravard.gateway.sip;

import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.VersionHistory;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipDocs.VersionSummary;

/**
 * The reads every SIP-derived resource needs, with FHIR's answers for what is missing: an id that
 * names no SIP (malformed, or unknown to sip-service), or a version that does not exist, is a 404 of
 * the resource asked for ({@code fhirId} is the id of that resource, {@code sipId} the SIP's).
 */
public final class SipReads {

    private final SipClient client;
    private final PatientResolver patients;

    public SipReads(SipClient client, PatientResolver patients) {
        this.client = client;
        this.patients = patients;
    }

    public Sip current(String resourceType, String fhirId, String sipId) {
        if (!SipIds.isUuid(sipId)) {
            throw FhirErrors.notFound(resourceType, fhirId, null);
        }
        return client.get(sipId).orElseThrow(() -> FhirErrors.notFound(resourceType, fhirId, null));
    }

    public Sip version(String resourceType, String fhirId, String sipId, String version) {
        int v = FhirErrors.versionNumber(resourceType, fhirId, version);
        if (!SipIds.isUuid(sipId)) {
            throw FhirErrors.notFound(resourceType, fhirId, v);
        }
        return client.version(sipId, v).orElseThrow(() -> FhirErrors.notFound(resourceType, fhirId, v));
    }

    /** Every version, newest first. */
    public List<Sip> history(String resourceType, String fhirId, String sipId) {
        if (!SipIds.isUuid(sipId)) {
            throw FhirErrors.notFound(resourceType, fhirId, null);
        }
        List<Integer> versions =
                client
                        .versions(sipId)
                        .orElseThrow(() -> FhirErrors.notFound(resourceType, fhirId, null))
                        .versions()
                        .stream()
                        .map(VersionSummary::version)
                        .toList();
        return VersionHistory.newestFirst(versions, v -> client.version(sipId, v));
    }

    /**
     * The {@code _history} of a resource made from one entry of a SIP ({@code sip-<id>-<kind><n>}: a
     * goal, consent or meeting): that entry in every version of the SIP that has it, newest first; 404
     * when the id names no entry or no version has it.
     *
     * @param map the resource of entry n in one version of the SIP, or null when that version lacks it
     */
    public <R> List<R> entryHistory(String resourceType, String fhirId, char kind, BiFunction<Sip, Integer, R> map) {
        SipIds.Entry e = SipIds.entryOf(fhirId, kind);
        if (e == null) {
            throw FhirErrors.notFound(resourceType, fhirId, null);
        }
        List<R> found = history(resourceType, fhirId, e.sipId()).stream()
                .map(s -> map.apply(s, e.n()))
                .filter(Objects::nonNull)
                .toList();
        if (found.isEmpty()) {
            throw FhirErrors.notFound(resourceType, fhirId, null);
        }
        return found;
    }

    /** The SIP, or null when the id is no SIP id or sip-service does not know it. */
    public Sip find(String sipId) {
        return SipIds.isUuid(sipId) ? client.get(sipId).orElse(null) : null;
    }

    public List<Sip> forPatient(String patientKey) {
        if (!PatientResolver.isKey(patientKey)) {
            return List.of();
        }
        return client.byPatientKey(patientKey);
    }

    /**
     * The SIPs a search means: those of one patient, or the one SIP {@code sipId} names (from {@code
     * _id}; null when not given), or both. Without either: 400 naming {@code expression}.
     *
     * @param sipId the SIP id taken from the searched {@code _id}, or the empty string when {@code _id}
     *     names nothing of a SIP
     */
    public List<Sip> search(String patientKey, String sipId, String type, String expression) {
        if (sipId != null) {
            Sip s = find(sipId);
            if (s == null) {
                return List.of();
            }
            return patientKey == null || patientKey.equals(patientKey(s)) ? List.of(s) : List.of();
        }
        if (patientKey == null) {
            throw FhirErrors.badParameter(
                    "patient", expression, FhirErrors.SEARCH_NEEDS_PATIENT, "search " + type + " by patient or _id");
        }
        return forPatient(patientKey);
    }

    public String patientKey(Sip s) {
        return patients.keyOf(s.person().system(), s.person().value());
    }

    /** The value of an {@code _id} search, or null. */
    public static String idValue(TokenParam id) {
        return id == null || id.getValue() == null || id.getValue().isEmpty() ? null : id.getValue();
    }
}
