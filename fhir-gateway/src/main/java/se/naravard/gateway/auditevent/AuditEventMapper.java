package se.naravard.gateway.auditevent;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.audit.AccessRecord;
import se.naravard.gateway.fhir.References;

/**
 * One access-log row as an {@code AuditEvent} following the IHE Basic Audit Log Patterns (BALP,
 * https://profiles.ihe.net/ITI/BALP/) for RESTful access to a patient's data: type {@code rest} with the
 * interaction as subtype, the acting user (by HSA-id, or the citizen as their Patient) as the requestor,
 * the care unit they acted for as an Organization agent, the gateway as source, and as entities the
 * Patient (role 1), the resource touched (role 4) or the query (role 24, only the parameter names:
 * search values may be a personnummer and are never logged). Declared emergency access has purpose
 * {@code ETREAT}, the reason as its text, and the tag {@link #REVIEW_SYSTEM}{@code |emergency} that
 * reviewers search by ({@code emergency=true}).
 *
 * <p>The narrative is the citizen's plain log extract line: time (Swedish time), unit, actor and what.
 * HSLF-FS 2016:40 4 kap. 10 § requires unit and time to appear; names are not known here (the HSA
 * catalogue has them), so HSA-ids stand for them.
 */
public final class AuditEventMapper {

    /** BALP: {@code AuditEvent.type} of every RESTful interaction. */
    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";

    static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String ENTITY_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** Our code system of log-review flags; {@code emergency} marks declared emergency access. */
    public static final String REVIEW_SYSTEM = "https://naravard.se/fhir/CodeSystem/access-review";

    public static final String EMERGENCY = "emergency";
    static final String EMERGENCY_PURPOSE = "ETREAT";

    static final String GATEWAY = "Nära vård FHIR gateway";
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final DateTimeFormatter SWEDISH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.of("Europe/Stockholm"));

    private AuditEventMapper() {}

    public static AuditEvent toAuditEvent(AccessRecord r) {
        AuditEvent e = new AuditEvent();
        e.setId(r.id().toString());
        e.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
        String interaction = interaction(r);
        if (interaction != null) {
            e.addSubtype(new Coding(INTERACTION, interaction, null));
        }
        e.setAction(action(r.action()));
        e.setRecorded(Date.from(r.at()));
        e.setOutcome(outcome(r.outcome()));
        e.setOutcomeDesc("HTTP " + r.httpStatus());
        CodeableConcept purpose = purpose(r);
        if (purpose != null) {
            e.addPurposeOfEvent(purpose);
        }
        if (r.emergency()) {
            e.getMeta().addTag(REVIEW_SYSTEM, EMERGENCY, "Nödåtkomst: granskas");
        }
        e.addAgent(user(r, purpose));
        Reference unit = References.organization(r.careUnit(), null);
        if (unit != null) {
            e.addAgent()
                    .setType(new CodeableConcept(new Coding(ROLE_CLASS, "PROV", "healthcare provider")))
                    .setWho(unit)
                    .setRequestor(false);
        }
        e.getSource()
                .setSite("naravard-fhir-gateway")
                .setObserver(new Reference().setDisplay(GATEWAY))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        if (r.patientKey() != null) {
            e.addEntity()
                    .setWhat(References.patient(r.patientKey()))
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(ENTITY_ROLE, "1", "Patient"));
        }
        AuditEventEntityComponent data = data(r);
        if (data != null) {
            e.addEntity(data);
        }
        e.setText(References.narrative(extractLine(r)));
        return e;
    }

    /** The requestor: staff as Practitioner, a system as Device, both by HSA-id; a citizen as Patient. */
    private static AuditEventAgentComponent user(AccessRecord r, CodeableConcept purpose) {
        AuditEventAgentComponent agent = new AuditEventAgentComponent()
                .setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")))
                .setRequestor(true);
        if ("create".equals(r.action()) || "update".equals(r.action()) || "transaction".equals(r.action())) {
            agent.setType(new CodeableConcept(new Coding(PARTICIPATION, "AUT", "author (originator)")));
        }
        switch (r.actorKind()) {
            case "staff", "analyst" -> agent.setWho(References.practitioner(r.actorHsaId(), null));
            case "system" -> {
                Reference device = References.practitioner(r.actorHsaId(), null);
                if (device != null) {
                    agent.setWho(device.setType("Device"));
                }
            }
            case "citizen" -> {
                if (r.actorPatientKey() != null && r.actorPatientKey().equals(r.patientKey())) {
                    agent.setWho(References.patient(r.patientKey()));
                } else {
                    // Another person: the extract shows that a citizen tried, never who (their own key).
                    agent.setName("en annan privatperson");
                }
            }
            default -> agent.setName(r.actorKind());
        }
        if (purpose != null) {
            agent.addPurposeOfUse(purpose.copy());
        }
        return agent;
    }

    /** ETREAT for declared emergency access (the reason as text), else the token's purpose, if a code. */
    private static CodeableConcept purpose(AccessRecord r) {
        if (r.emergency()) {
            CodeableConcept c = new CodeableConcept(new Coding(ACT_REASON, EMERGENCY_PURPOSE, "emergency treatment"));
            if (r.accessReason() != null && !r.accessReason().isBlank()) {
                c.setText(r.accessReason());
            }
            return c;
        }
        if (r.purposeOfUse() == null || !CODE.matcher(r.purposeOfUse()).matches()) {
            return null;
        }
        return new CodeableConcept(new Coding(ACT_REASON, r.purposeOfUse(), null));
    }

    /** The resource touched (role 4), or for a search the query (role 24) by parameter names only. */
    private static AuditEventEntityComponent data(AccessRecord r) {
        if (isSearch(r.action())) {
            AuditEventEntityComponent q = new AuditEventEntityComponent()
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(ENTITY_ROLE, "24", "Query"))
                    .setDescription(r.resourceType() == null ? "search" : r.resourceType() + " search");
            if (r.queryParameters() != null && !r.queryParameters().isEmpty()) {
                q.setQuery(r.queryParameters().getBytes(StandardCharsets.UTF_8));
            }
            return q;
        }
        if (r.resourceType() == null) {
            return null;
        }
        Reference what = r.resourceId() == null
                ? new Reference().setDisplay(r.resourceType())
                : new Reference(r.resourceType() + "/" + r.resourceId());
        return new AuditEventEntityComponent()
                .setWhat(what)
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(ENTITY_ROLE, "4", "Domain Resource"));
    }

    private static boolean isSearch(String action) {
        return "search".equals(action) || "page".equals(action);
    }

    /** The restful-interaction code of the row's action; null for one FHIR has no code for. */
    static String interaction(AccessRecord r) {
        return switch (r.action()) {
            case "read" -> "read";
            case "vread" -> "vread";
            case "history" -> r.resourceId() == null ? "history-type" : "history-instance";
            case "search", "page" -> "search-type";
            case "create" -> "create";
            case "update" -> "update";
            case "delete" -> "delete";
            case "transaction" -> "transaction";
            default -> null;
        };
    }

    /** BALP: R for reads, E for queries and transactions, C, U, D for writes. */
    static AuditEventAction action(String action) {
        return switch (action) {
            case "read", "vread", "history", AccessRecord.NOTIFY -> AuditEventAction.R;
            case "create" -> AuditEventAction.C;
            case "update" -> AuditEventAction.U;
            case "delete" -> AuditEventAction.D;
            default -> AuditEventAction.E;
        };
    }

    /** 0 success, 4 refused (minor failure: nothing disclosed), 8 failed (serious failure). */
    static AuditEventOutcome outcome(String outcome) {
        return switch (outcome) {
            case AccessRecord.SUCCESS -> AuditEventOutcome._0;
            case AccessRecord.DENIED -> AuditEventOutcome._4;
            default -> AuditEventOutcome._8;
        };
    }

    /** The citizen's log extract line: time, unit, who, what, outcome; no reason (free text). */
    static String extractLine(AccessRecord r) {
        StringBuilder line = new StringBuilder(SWEDISH_TIME.format(r.at())).append(": ");
        line.append(actor(r));
        if (r.careUnit() != null) {
            line.append(" vid enhet ").append(r.careUnit());
        } else if (r.kommun() != null) {
            line.append(" i kommun ").append(r.kommun());
        }
        line.append(' ').append(verb(r.action()));
        if (r.resourceType() != null) {
            line.append(' ').append(r.resourceType());
        }
        if (!AccessRecord.SUCCESS.equals(r.outcome())) {
            line.append(" (nekad eller misslyckad, HTTP ")
                    .append(r.httpStatus())
                    .append(')');
        }
        if (r.emergency()) {
            line.append(" med nödåtkomst");
        }
        return line.toString();
    }

    private static String actor(AccessRecord r) {
        return switch (r.actorKind()) {
            case "citizen" -> r.actorPatientKey() != null && r.actorPatientKey().equals(r.patientKey())
                    ? "du själv"
                    : "en annan privatperson";
            case "staff", "analyst" -> "användare " + r.actorHsaId();
            case "system" -> "system " + r.actorHsaId();
            default -> r.actorKind();
        };
    }

    private static String verb(String action) {
        return switch (action) {
            case "read", "vread", "history" -> "läste";
            case "search", "page" -> "sökte i";
            case "create", "transaction" -> "skapade";
            case "update" -> "ändrade";
            case AccessRecord.NOTIFY -> "underrättades om";
            default -> action;
        };
    }
}
