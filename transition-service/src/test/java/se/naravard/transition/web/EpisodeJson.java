package se.naravard.transition.web;

import java.time.Instant;
import java.util.UUID;

/** Request bodies for the ITs. HSA-ids follow the demo data's pattern (Region Jönköping, Jönköpings kommun). */
final class EpisodeJson {

    static final String TOLVAN = "19121212-1212";
    static final String WARD = "SE2321000057-AVD1";
    static final String NURSE = "SE2321000057-N001";
    static final String PHYSICIAN = "SE2321000057-L001";
    static final String PRIMARY_CARE = "SE2321000057-VC01";
    static final String MUNICIPAL_UNIT = "SE2120000829-HSK1";
    static final String KOMMUN = "0680";

    private EpisodeJson() {}

    static String actor() {
        return "{\"person\":\"" + NURSE + "\",\"unit\":\"" + WARD + "\"}";
    }

    static String admit(String patient, Instant admittedAt, Instant assessedAt, boolean both) {
        return "{\"patient\":\"" + patient + "\",\"admittingUnit\":\"" + WARD + "\",\"kommun\":\"" + KOMMUN
                + "\",\"admittedAt\":\"" + admittedAt + "\",\"physicianAssessedAt\":\"" + assessedAt
                + "\",\"needsBothPrincipals\":" + both + ",\"mayNeedHelpAfterDischarge\":true,\"actor\":"
                + actor() + "}";
    }

    /** An admission that says whether it was unplanned or planned ({@code admissionKind}). */
    static String admit(String patient, Instant admittedAt, Instant assessedAt, boolean both, String admissionKind) {
        String body = admit(patient, admittedAt, assessedAt, both);
        return body.substring(0, body.length() - 1) + ",\"admissionKind\":\"" + admissionKind + "\"}";
    }

    static String message(String type, Instant sentAt) {
        return message(UUID.randomUUID(), type, sentAt, null);
    }

    static String message(UUID id, String type, Instant sentAt, String refersTo) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"sentAt\":\"" + sentAt + "\",\"sender\":\"" + WARD
                + "\",\"addressees\":[{\"kind\":\"municipal\",\"unit\":\"" + MUNICIPAL_UNIT + "\",\"kommun\":\""
                + KOMMUN + "\"},{\"kind\":\"primary-care\",\"unit\":\"" + PRIMARY_CARE + "\"}]"
                + (refersTo == null ? "" : ",\"refersTo\":\"" + refersTo + "\"") + ",\"actor\":" + actor() + "}";
    }

    static String receipt(String addressee, String status, Instant at, String reason) {
        return "{\"addressee\":\"" + addressee + "\",\"status\":\"" + status + "\",\"at\":\"" + at + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + ",\"kind\":\"application\",\"actor\":"
                + "{\"person\":\"" + MUNICIPAL_UNIT + "\",\"unit\":\"" + MUNICIPAL_UNIT + "\"}}";
    }

    static String discharge(Instant at) {
        return "{\"at\":\"" + at + "\",\"actor\":" + actor() + "}";
    }
}
