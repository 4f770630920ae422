package se.naravard.gateway.encounter;

import static se.naravard.gateway.fhir.References.isBlank;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.gateway.transition.TransitionDocs.Status;

/**
 * An inpatient episode (slutenvårdstillfälle, LUS) as an {@code Encounter} of class IMP with the
 * episode's id and version: the admitting unit as service provider, admission to discharge or closure
 * as period, and the LUS facts FHIR has no element for as extensions of our own.
 */
public final class EncounterMapper {

    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String DISCHARGE_DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition";
    /** v3 ActPriority: {@code Encounter.priority} says whether the admission was unplanned or planned. */
    public static final String ACT_PRIORITY = "http://terminology.hl7.org/CodeSystem/v3-ActPriority";

    private EncounterMapper() {}

    public static Encounter toEncounter(Episode e, String patientKey) {
        Encounter enc = new Encounter();
        enc.setId("Encounter/" + e.id() + "/_history/" + e.version());
        enc.setMeta(new Meta()
                .setVersionId(Integer.toString(e.version()))
                .setLastUpdatedElement(References.instant(
                        e.lastChange() == null ? null : e.lastChange().at())));
        enc.setText(
                References.narrative("Slutenvårdstillfälle (" + label(e.statusCode()) + "), version " + e.version()));
        enc.setStatus(status(e.status()));
        enc.setClass_(new Coding(ACT_CODE, "IMP", "inpatient encounter"));
        CodeableConcept priority = priority(e.admissionKind());
        if (priority != null) {
            enc.setPriority(priority);
        }
        enc.setSubject(References.patient(patientKey));
        Period period = new Period().setStartElement(References.dateTime(e.admittedAt()));
        String end = end(e.status());
        if (end != null) {
            period.setEndElement(References.dateTime(end));
        }
        enc.setPeriod(period);
        Reference unit = References.organization(e.admittingUnit(), null);
        if (unit != null) {
            enc.setServiceProvider(unit);
        }
        String disposition = disposition(e.status());
        if (disposition != null) {
            enc.getHospitalization()
                    .setDischargeDisposition(
                            new CodeableConcept().addCoding(new Coding(DISCHARGE_DISPOSITION, disposition, null)));
        }
        if (!isBlank(e.kommun())) {
            enc.addExtension(Systems.EXT_KOMMUN, new CodeType(e.kommun()));
        }
        enc.addExtension(Systems.EXT_NEEDS_BOTH_PRINCIPALS, new BooleanType(e.needsBothPrincipals()));
        enc.addExtension(Systems.EXT_MAY_NEED_HELP, new BooleanType(e.mayNeedHelpAfterDischarge()));
        var assessed = References.dateTime(e.physicianAssessedAt());
        if (assessed != null) {
            enc.addExtension(Systems.EXT_PHYSICIAN_ASSESSED, assessed);
        }
        if (References.day(e.expectedDischargeDate()) != null) {
            enc.addExtension(Systems.EXT_EXPECTED_DISCHARGE, new DateType(e.expectedDischargeDate()));
        }
        var notice = e.status() == null ? null : References.dateTime(e.status().noticeAt());
        if (notice != null) {
            enc.addExtension(Systems.EXT_UTSKRIVNINGSKLAR, notice);
        }
        return enc;
    }

    /**
     * admitted and utskrivningsklar → in-progress (the patient is in hospital); discharged → finished;
     * closed → finished (deceased, moved) or cancelled (interrupted: the care transition was broken
     * off, it did not end as planned).
     */
    public static EncounterStatus status(Status s) {
        if (s == null || s.code() == null) {
            return EncounterStatus.UNKNOWN;
        }
        switch (s.code()) {
            case "admitted":
            case "utskrivningsklar":
                return EncounterStatus.INPROGRESS;
            case "discharged":
                return EncounterStatus.FINISHED;
            case "closed":
                return "interrupted".equals(s.reason()) ? EncounterStatus.CANCELLED : EncounterStatus.FINISHED;
            default:
                return EncounterStatus.UNKNOWN;
        }
    }

    /**
     * The admission's kind as {@code Encounter.priority} (v3 ActPriority, R4's example binding): unplanned
     * (akut) → {@code EM} emergency, planned → {@code R} routine; unknown → none.
     */
    static CodeableConcept priority(String admissionKind) {
        if ("unplanned".equals(admissionKind)) {
            return new CodeableConcept(new Coding(ACT_PRIORITY, "EM", "emergency")).setText("akut inskrivning");
        }
        if ("planned".equals(admissionKind)) {
            return new CodeableConcept(new Coding(ACT_PRIORITY, "R", "routine")).setText("planerad inskrivning");
        }
        return null;
    }

    /**
     * The admission kind an {@code Encounter.priority} written by a client says (the reverse of {@link
     * #priority}): ActPriority {@code EM} → unplanned, {@code R} (routine) or {@code EL} (elective) → planned;
     * null for any other code or system (the caller refuses it).
     */
    public static String admissionKind(Coding priority) {
        if (priority == null || !ACT_PRIORITY.equals(priority.getSystem()) || priority.getCode() == null) {
            return null;
        }
        return switch (priority.getCode()) {
            case "EM" -> "unplanned";
            case "R", "EL" -> "planned";
            default -> null;
        };
    }

    private static String end(Status s) {
        if (s == null || s.code() == null) {
            return null;
        }
        return s.code().equals("discharged") || s.code().equals("closed") ? s.at() : null;
    }

    /** Only for a closed episode (where a discharge goes is not recorded): closed: deceased → exp, moved → other-hcf, interrupted → oth. */
    private static String disposition(Status s) {
        if (s == null || s.code() == null) {
            return null;
        }
        if (!s.code().equals("closed") || s.reason() == null) {
            return null;
        }
        switch (s.reason()) {
            case "deceased":
                return "exp";
            case "moved":
                return "other-hcf";
            default:
                return "oth";
        }
    }

    private static String label(String code) {
        return code == null ? "okänd status" : code;
    }
}
