package se.naravard.transition.episode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * The facts of an admission (issue 4 "Inpatient episode"). Both {@code admittedAt} and {@code
 * physicianAssessedAt} are kept: the 24-hour admission-notice clock runs from the assessment (DOMAIN.md
 * §5 step 1, Kunskapsguiden). {@code mayNeedHelpAfterDischarge} is the physician's judgement that makes
 * the inskrivningsmeddelande due; {@code needsBothPrincipals} (region and municipality must both act)
 * implies it and also makes the kallelse till SIP due. {@code expectedDischargeDate} may be null.
 * {@code kind}: unplanned (akut) or planned; null when unknown (older episodes, callers that do not say).
 */
public record Admission(
        EpisodeId id,
        PatientIdentifier patient,
        HsaId admittingUnit,
        Kommunkod kommun,
        Instant admittedAt,
        Instant physicianAssessedAt,
        LocalDate expectedDischargeDate,
        boolean needsBothPrincipals,
        boolean mayNeedHelpAfterDischarge,
        AdmissionKind kind) {

    public Admission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(admittingUnit, "admittingUnit");
        Objects.requireNonNull(kommun, "kommun");
        Objects.requireNonNull(admittedAt, "admittedAt");
        Objects.requireNonNull(physicianAssessedAt, "physicianAssessedAt");
    }

    /** An admission whose kind (unplanned or planned) is not known. */
    public Admission(
            EpisodeId id,
            PatientIdentifier patient,
            HsaId admittingUnit,
            Kommunkod kommun,
            Instant admittedAt,
            Instant physicianAssessedAt,
            LocalDate expectedDischargeDate,
            boolean needsBothPrincipals,
            boolean mayNeedHelpAfterDischarge) {
        this(
                id,
                patient,
                admittingUnit,
                kommun,
                admittedAt,
                physicianAssessedAt,
                expectedDischargeDate,
                needsBothPrincipals,
                mayNeedHelpAfterDischarge,
                null);
    }

    /** Whether the inskrivningsmeddelande is due (DOMAIN.md §5 step 1: "if the physician judges …"). */
    boolean admissionNoticeDue() {
        return needsBothPrincipals || mayNeedHelpAfterDischarge;
    }
}
