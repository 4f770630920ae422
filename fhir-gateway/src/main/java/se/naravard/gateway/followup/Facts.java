package se.naravard.gateway.followup;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The pseudonymous facts the follow-up store keeps, one record type per source. Each carries the
 * event's patient key (never a personnummer) and the attributes the indicators are stratified by: a
 * unit's HSA-id (micro) and the patient's kommun (meso; its first two digits are the county, macro).
 */
public final class Facts {

    private Facts() {}

    /**
     * One version of a patient contract (patientkontrakt), in force from {@code validFrom} until the
     * next version. {@code unit}: the fast vårdkontakt's unit, else the owner of the sammanhållen
     * planering, else the unit that drew the contract up.
     */
    public record ContractVersion(
            String contractId,
            long version,
            Instant validFrom,
            String patientKey,
            String kommun,
            String unit,
            String status,
            boolean planning,
            boolean fastVardkontakt,
            boolean fastLakarkontakt,
            boolean nextSteps) {

        /** In force: {@code active}, or {@code revised} (an active contract being changed). */
        public boolean inForce() {
            return "active".equals(status) || "revised".equals(status);
        }

        /** All four parts filled: a plan, a named fast vårdkontakt, a named physician, a next step. */
        public boolean complete() {
            return planning && fastVardkontakt && fastLakarkontakt && nextSteps;
        }
    }

    /**
     * One version of a SIP with its current consent (the last of its consents): {@code consentFrom},
     * {@code consentUntil} (exclusive; null = until further notice), {@code consentRevokedAt}; all null
     * when it has none. {@code unit}: the unit that drew the SIP up.
     */
    public record SipVersion(
            String sipId,
            long version,
            Instant validFrom,
            String patientKey,
            String kommun,
            String unit,
            String status,
            Instant consentFrom,
            Instant consentUntil,
            Instant consentRevokedAt) {

        public boolean active() {
            return "active".equals(status);
        }

        /** Consent in force at {@code t}: given by then, not expired, not revoked. */
        public boolean consentInForce(Instant t) {
            return consentFrom != null
                    && !consentFrom.isAfter(t)
                    && (consentUntil == null || t.isBefore(consentUntil))
                    && (consentRevokedAt == null || t.isBefore(consentRevokedAt));
        }
    }

    /**
     * An inpatient episode as its newest version shows it. {@code unit}: the admitting unit; {@code
     * admissionNoticeAt}: the first inskrivningsmeddelande not cancelled; {@code readyAt}: the
     * utskrivningsklar notice in force (not cancelled, not withdrawn); {@code sipCallInState}: the state
     * of its sip-call-in deadline ({@code open}, {@code met}, {@code missed}; null when none); {@code
     * admissionKind}: {@code unplanned} (akut), {@code planned}, or null when unknown.
     */
    public record Episode(
            String episodeId,
            long version,
            String patientKey,
            String kommun,
            String unit,
            Instant admittedAt,
            Instant admissionNoticeAt,
            boolean needsBothPrincipals,
            Instant readyAt,
            Instant dischargedAt,
            String sipCallInState,
            String admissionKind) {

        /** An episode whose admission is of unknown kind. */
        public Episode(
                String episodeId,
                long version,
                String patientKey,
                String kommun,
                String unit,
                Instant admittedAt,
                Instant admissionNoticeAt,
                boolean needsBothPrincipals,
                Instant readyAt,
                Instant dischargedAt,
                String sipCallInState) {
            this(
                    episodeId,
                    version,
                    patientKey,
                    kommun,
                    unit,
                    admittedAt,
                    admissionNoticeAt,
                    needsBothPrincipals,
                    readyAt,
                    dischargedAt,
                    sipCallInState,
                    null);
        }

        /** An unplanned (akut) admission: what a readmission must be to count (unknown does not). */
        public boolean unplanned() {
            return UNPLANNED.equals(admissionKind);
        }
    }

    /** The code of an unplanned admission on transition.events ({@code episode.admissionKind}). */
    public static final String UNPLANNED = "unplanned";

    /**
     * One LUS message to one addressee, which must acknowledge it (kvittens): when it was sent and when
     * the first {@code ok} receipt came (null: none yet). {@code unit}: the addressee.
     */
    public record Acknowledgement(
            String messageId,
            String addressee,
            String episodeId,
            String patientKey,
            String kommun,
            Instant sentAt,
            Instant acknowledgedAt) {}

    /**
     * A SIP's meeting facts, as its versions so far show them: {@code calledAt}, when it was first called
     * (the time of the first version that lists a planned meeting: planning the meeting is sending the
     * kallelse), and {@code heldAt}, when its first meeting took place (the earliest {@code held.at});
     * either null while there is none. {@code status}, {@code unit} (the unit that drew the SIP up) and
     * {@code kommun} are those of the newest version.
     */
    public record SipMeeting(
            String sipId,
            long version,
            String patientKey,
            String kommun,
            String unit,
            String status,
            Instant calledAt,
            Instant heldAt) {}

    /**
     * One planned follow-up of a SIP (its position in the newest version's {@code followUps}): the date
     * it is due and when its result was recorded ({@code doneAt}; null: not yet). {@code status},
     * {@code unit} and {@code kommun} are the SIP's newest.
     */
    public record SipFollowUp(
            String sipId,
            int position,
            long sipVersion,
            String patientKey,
            String kommun,
            String unit,
            String status,
            LocalDate dueDate,
            Instant doneAt) {}

    /**
     * One next step (nästa steg) of a contract, as the contract's newest version shows it: the day it is
     * due ({@code dueDate}: the end of its window, else its date), its status ({@code PLANNED}, {@code
     * BOOKED}, {@code DONE}, {@code CANCELLED}) and when it was done ({@code completedAt}; null when not
     * done, or done before contract-service recorded the time). {@code unit}: the unit that performs it
     * ({@code who.unit}), else the owner of the nästa steg part; {@code kommun} the contract's.
     */
    public record NextStep(
            String contractId,
            String stepId,
            long contractVersion,
            String patientKey,
            String kommun,
            String unit,
            String status,
            LocalDate dueDate,
            Instant completedAt) {}

    /**
     * One listing (listning) of a patient with a primary-care unit, from the newest {@code listing-changed}
     * event of the patient key ({@code version}): listed with {@code unit} from {@code from} through {@code
     * to} (whole Swedish days, inclusive; null while it lasts), living in {@code kommun} ({@code county} its
     * first two digits), in the target groups {@code targetGroups}.
     */
    public record Listing(
            String patientKey,
            long version,
            String unit,
            String kommun,
            String county,
            LocalDate from,
            LocalDate to,
            java.util.List<String> targetGroups) {

        public Listing {
            targetGroups = targetGroups == null ? java.util.List.of() : java.util.List.copyOf(targetGroups);
        }

        /** Listed on {@code day} (any time of it). */
        public boolean covers(LocalDate day) {
            return !from.isAfter(day) && (to == null || !to.isBefore(day));
        }
    }
}
