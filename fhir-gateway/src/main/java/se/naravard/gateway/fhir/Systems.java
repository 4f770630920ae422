package se.naravard.gateway.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import se.naravard.platform.identity.HsaId;

/** URIs of the code systems and identifier systems the gateway writes. Ours live under naravard.se. */
public final class Systems {

    private Systems() {}

    /** HSA-id (DOMAIN.md §6, HL7 Sweden basprofiler). */
    public static final String HSA_ID = HsaId.SYSTEM;

    /** The RIV-TA OID form of the HSA-id system; accepted on input, never written. */
    public static final String HSA_ID_OID = "urn:oid:" + HsaId.OID;

    /** CarePlan.category: {@code patientkontrakt} (later {@code sip}). */
    public static final String CAREPLAN_CATEGORY = "https://naravard.se/fhir/CodeSystem/careplan-category";

    /** CareTeam.participant.role: fast vårdkontakt, fast läkarkontakt, patient, närstående. */
    public static final String CARETEAM_ROLE = "https://naravard.se/fhir/CodeSystem/careteam-role";

    /** The stable error codes of OperationOutcome.issue.details ({@code GATEWAY-…}, {@code CONTRACT-…}). */
    public static final String ERROR_CODE = "https://naravard.se/fhir/CodeSystem/error-code";

    /** Plans linked from sammanhållen planering (SIP, rehab plan …), by their reference in the source system. */
    public static final String LINKED_PLAN = "https://naravard.se/fhir/sid/linked-plan";

    public static final String PATIENTKONTRAKT = "patientkontrakt";

    /** The category of everything made from a patientkontrakt (CarePlan, CareTeam). */
    public static CodeableConcept patientkontrakt() {
        return new CodeableConcept().addCoding(new Coding(CAREPLAN_CATEGORY, PATIENTKONTRAKT, "Patientkontrakt"));
    }
}
