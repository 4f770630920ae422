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

    /** CarePlan.category (also CareTeam.category, Consent.category): {@code patientkontrakt}, {@code sip}. */
    public static final String CAREPLAN_CATEGORY = "https://naravard.se/fhir/CodeSystem/careplan-category";

    /** Consent.category of a block: {@code sparr} (a spärr, provision deny). */
    public static final String CONSENT_CATEGORY = "https://naravard.se/fhir/CodeSystem/consent-category";

    public static final String SPARR = "sparr";

    /** CareTeam.participant.role: fast vårdkontakt, fast läkarkontakt, patient, närstående. */
    public static final String CARETEAM_ROLE = "https://naravard.se/fhir/CodeSystem/careteam-role";

    /** The stable error codes of OperationOutcome.issue.details ({@code GATEWAY-…}, {@code CONTRACT-…}). */
    public static final String ERROR_CODE = "https://naravard.se/fhir/CodeSystem/error-code";

    /** Plans linked from sammanhållen planering (SIP, rehab plan …), by their reference in the source system. */
    public static final String LINKED_PLAN = "https://naravard.se/fhir/sid/linked-plan";

    /** Communication.category: the LUS message type (transition-service's codes, docs/fhir.md lists them). */
    public static final String LUS_MESSAGE_TYPE = "https://naravard.se/fhir/CodeSystem/lus-message-type";

    /** Task.code: the kind of LUS deadline (admission-notice, sip-call-in, …, receipt). */
    public static final String LUS_TASK_KIND = "https://naravard.se/fhir/CodeSystem/lus-task-kind";

    /** The LUS message id (Communication.identifier) and the deadline task id (Task.identifier). */
    public static final String LUS_MESSAGE_ID = "https://naravard.se/fhir/sid/lus-message";

    public static final String LUS_TASK_ID = "https://naravard.se/fhir/sid/lus-task";

    /** Our extensions (StructureDefinition URLs); kommun is also read on a CarePlan in a transaction. */
    public static final String EXT_KOMMUN = "https://naravard.se/fhir/StructureDefinition/kommun";

    public static final String EXT_NEEDS_BOTH_PRINCIPALS =
            "https://naravard.se/fhir/StructureDefinition/lus-needs-both-principals";
    public static final String EXT_MAY_NEED_HELP =
            "https://naravard.se/fhir/StructureDefinition/lus-may-need-help-after-discharge";
    public static final String EXT_PHYSICIAN_ASSESSED =
            "https://naravard.se/fhir/StructureDefinition/lus-physician-assessed-at";
    public static final String EXT_EXPECTED_DISCHARGE =
            "https://naravard.se/fhir/StructureDefinition/lus-expected-discharge-date";
    public static final String EXT_UTSKRIVNINGSKLAR =
            "https://naravard.se/fhir/StructureDefinition/lus-utskrivningsklar-at";
    public static final String EXT_RECEIPT = "https://naravard.se/fhir/StructureDefinition/lus-receipt";
    public static final String EXT_ADDRESSEE_KIND = "https://naravard.se/fhir/StructureDefinition/lus-addressee-kind";

    /** SIP: the responsible principal of an intervention and the one with overall responsibility. */
    public static final String SIP_PRINCIPAL = "https://naravard.se/fhir/CodeSystem/sip-principal";

    /** SIP: the kind of a participating unit (primary-care, social-services …; CareTeam.participant.role). */
    public static final String SIP_UNIT_ROLE = "https://naravard.se/fhir/CodeSystem/sip-unit-role";

    /** SIP: the meeting id sip-service's callers chose (Appointment.identifier). */
    public static final String SIP_MEETING_ID = "https://naravard.se/fhir/sid/sip-meeting";

    /** SIP extensions: on the CarePlan (overall responsibility, follow-ups, objection to närstående). */
    public static final String EXT_SIP_OVERALL_RESPONSIBILITY =
            "https://naravard.se/fhir/StructureDefinition/sip-overall-responsibility";

    public static final String EXT_SIP_FOLLOW_UP = "https://naravard.se/fhir/StructureDefinition/sip-follow-up";
    public static final String EXT_SIP_OBJECTS_TO_NARSTAENDE =
            "https://naravard.se/fhir/StructureDefinition/sip-objects-to-narstaende";

    /** On CarePlan.activity.detail: the principal responsible for the intervention. */
    public static final String EXT_SIP_RESPONSIBLE_PRINCIPAL =
            "https://naravard.se/fhir/StructureDefinition/sip-responsible-principal";

    /** On Consent: when and by whom it was revoked. */
    public static final String EXT_SIP_CONSENT_REVOCATION =
            "https://naravard.se/fhir/StructureDefinition/sip-consent-revocation";

    /** On Appointment: when a SIP meeting was held. */
    public static final String EXT_SIP_MEETING_HELD_AT =
            "https://naravard.se/fhir/StructureDefinition/sip-meeting-held-at";

    public static final String PATIENTKONTRAKT = "patientkontrakt";

    public static final String SIP = "sip";

    /** The category of everything made from a patientkontrakt (CarePlan, CareTeam). */
    public static CodeableConcept patientkontrakt() {
        return new CodeableConcept().addCoding(new Coding(CAREPLAN_CATEGORY, PATIENTKONTRAKT, "Patientkontrakt"));
    }

    /** The category of everything made from a SIP (CarePlan, CareTeam, Consent). */
    public static CodeableConcept sip() {
        return new CodeableConcept().addCoding(new Coding(CAREPLAN_CATEGORY, SIP, "Samordnad individuell plan (SIP)"));
    }
}
