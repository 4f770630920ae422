package se.naravard.gateway.sip;

import static se.naravard.gateway.fhir.References.isBlank;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;

/**
 * A SIP's FHIR resources read backwards into the bodies of sip-service's commands (docs/sip-api.md):
 * the CareTeam's participants, the CarePlan's interventions (activities), overall responsibility and
 * follow-up, a Consent's scope. The reverse of {@link SipCarePlanMapper}, {@link SipCareTeamMapper} and
 * the Consent mapping. Every fault is collected as an issue naming its element (all at once, before
 * anything is sent), so a write the gateway cannot turn into commands changes nothing.
 */
public final class SipCommands {

    /** An element sip-service has no command for (or not in this interaction): 422. */
    public static final String NOT_WRITABLE = "GATEWAY-160";
    /** A code the SIP mapping does not know (principal, unit role, participant role, activity status): 422. */
    public static final String UNKNOWN_CODE = "GATEWAY-161";
    /** A reference that names nothing of the SIP or of the Bundle (participant, goal, unit): 422. */
    public static final String UNRESOLVED_REFERENCE = "GATEWAY-162";
    /** An update that changes more than one thing: each is one command of its own: 422. */
    public static final String ONE_CHANGE = "GATEWAY-163";
    /** A SIP transaction Bundle that is not one CarePlan with at most one CareTeam and Consent and Goals: 400. */
    public static final String BAD_BUNDLE = "GATEWAY-164";
    // GATEWAY-165 (a creation abandoned half-way, its draft marked entered-in-error) is retired: since
    // issue 6 a SIP is drawn up by one command of sip-service, all or nothing.
    /** Only the current consent is revoked, and only by setting it inactive: 422. */
    public static final String CONSENT_CHANGE = "GATEWAY-166";
    /** A HSA-id or kommunkod that is none: 422 (the platform's code is in the diagnostics). */
    public static final String BAD_IDENTIFIER = "GATEWAY-167";

    static final String CONTAINED_GOAL_PREFIX = "#";
    private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> UNIT_ROLES = Set.of(
            "PRIMARY_CARE",
            "SPECIALIST_CARE",
            "PSYCHIATRY",
            "HABILITATION",
            "MUNICIPAL_HEALTH_CARE",
            "SOCIAL_SERVICES");
    private static final Set<String> PRINCIPALS = Set.of("REGION", "MUNICIPALITY", "OTHER");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SipCommands() {}

    /** A participant command body and where it came from. */
    public record ParticipantCommand(ObjectNode participant, String expression) {

        public String id() {
            return participant.path("id").asText();
        }

        public String kind() {
            return participant.path("kind").asText();
        }

        /** What tells two participants apart without their ids: kind and unit, or kind and name. */
        public String signature() {
            return kind() + "|" + participant.path("unit").asText("") + "|"
                    + participant.path("name").asText("") + "|"
                    + participant.path("role").asText("") + "|"
                    + participant.path("principal").asText("") + "|"
                    + participant.path("contactName").asText("");
        }
    }

    /** An intervention (insats) command body, its id and where it came from. */
    public record InterventionCommand(String id, ObjectNode intervention, String expression) {}

    /**
     * The participants of a CareTeam, but the person (always the participant {@code person}). Ids: the
     * participant element's id when it is a valid entry id (the gateway serves them so), else {@code
     * p<n>} by position.
     */
    public static List<ParticipantCommand> participants(CareTeam team, String at, List<Issue> issues) {
        List<ParticipantCommand> out = new ArrayList<>();
        if (team == null) {
            return out;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < team.getParticipant().size(); i++) {
            CareTeamParticipantComponent p = team.getParticipant().get(i);
            String where = at + ".participant[" + i + "]";
            ObjectNode json = participant(p, where, issues);
            if (json == null) {
                continue;
            }
            String id = p.hasId() && ENTRY_ID.matcher(p.getId()).matches() ? p.getId() : "p" + (i + 1);
            if ("person".equals(id) || !ids.add(id)) {
                id = "p" + (i + 1);
                ids.add(id);
            }
            ObjectNode withId = JSON.objectNode().put("id", id);
            withId.setAll(json);
            out.add(new ParticipantCommand(withId, where));
        }
        return out;
    }

    /** One participant without its id; null for the person (or after an issue was added). */
    private static ObjectNode participant(CareTeamParticipantComponent p, String where, List<Issue> issues) {
        Coding careTeamRole = coding(p.getRole(), Systems.CARETEAM_ROLE);
        Coding unitRole = coding(p.getRole(), Systems.SIP_UNIT_ROLE);
        Coding principal = coding(p.getRole(), Systems.SIP_PRINCIPAL);
        ObjectNode json = JSON.objectNode();
        if (careTeamRole != null) {
            switch (careTeamRole.getCode() == null ? "" : careTeamRole.getCode()) {
                case SipCareTeamMapper.PATIENT -> {
                    return null;
                }
                case SipCareTeamMapper.NARSTAENDE -> {
                    String relation = p.getRoleFirstRep().getText();
                    json.put("kind", SipParticipants.RELATED_PERSON);
                    String name = nameWithout(p.getMember().getDisplay(), relation);
                    if (!isBlank(name)) {
                        json.put("name", name);
                    }
                    if (!isBlank(relation)) {
                        json.put("relation", relation);
                    }
                    return json;
                }
                case SipCareTeamMapper.CONTACT -> {
                    json.put("kind", "OTHER");
                    if (!isBlank(p.getMember().getDisplay())) {
                        json.put("name", p.getMember().getDisplay());
                    }
                    return json;
                }
                default -> {
                    issues.add(
                            FhirErrors.invalid(
                                    where + ".role",
                                    UNKNOWN_CODE,
                                    "unknown participant role " + careTeamRole.getCode() + " of "
                                            + Systems.CARETEAM_ROLE
                                            + ": patient, narstaende or kontakt (a unit has a sip-unit-role and a sip-principal)"));
                    return null;
                }
            }
        }
        if (unitRole == null && principal == null) {
            issues.add(FhirErrors.invalid(
                    where + ".role",
                    UNKNOWN_CODE,
                    "a SIP participant's role is " + Systems.CARETEAM_ROLE + " (patient, narstaende, kontakt), or for"
                            + " a unit " + Systems.SIP_UNIT_ROLE + " and " + Systems.SIP_PRINCIPAL));
            return null;
        }
        json.put("kind", SipParticipants.UNIT);
        if (principal != null) {
            String code = principal(principal.getCode(), where + ".role", issues);
            if (code != null) {
                json.put("principal", code);
            }
        }
        if (unitRole != null) {
            String code = unitRole.getCode() == null
                    ? ""
                    : unitRole.getCode().toUpperCase(Locale.ROOT).replace('-', '_');
            if (UNIT_ROLES.contains(code)) {
                json.put("role", code);
            } else {
                issues.add(FhirErrors.invalid(
                        where + ".role",
                        UNKNOWN_CODE,
                        "unknown unit role " + unitRole.getCode() + " of " + Systems.SIP_UNIT_ROLE));
            }
        }
        boolean contact = p.hasOnBehalfOf();
        Reference unit = contact ? p.getOnBehalfOf() : p.getMember();
        String hsaId = hsaId(unit, where + (contact ? ".onBehalfOf" : ".member"), issues);
        if (hsaId != null) {
            json.put("unit", hsaId);
        }
        if (contact && !isBlank(p.getMember().getDisplay())) {
            json.put("contactName", p.getMember().getDisplay());
        }
        return json;
    }

    /**
     * The interventions of a CarePlan (its activities with a {@code detail}); an activity with a
     * {@code reference} (a meeting) is not one. Ids: the activity element's id (as the gateway serves
     * them), else {@code insats-<n>}, n its position among the activities.
     */
    public static List<InterventionCommand> interventions(CarePlan plan, String at, List<Issue> issues) {
        List<InterventionCommand> out = new ArrayList<>();
        for (int i = 0; i < plan.getActivity().size(); i++) {
            CarePlanActivityComponent a = plan.getActivity().get(i);
            if (!a.hasDetail()) {
                continue;
            }
            String where = at + ".activity[" + i + "]";
            String id = a.hasId() ? a.getId() : "insats-" + (i + 1);
            if (!ENTRY_ID.matcher(id).matches()) {
                issues.add(FhirErrors.invalid(
                        where + ".id", FhirErrors.BAD_VALUE, "an intervention's id is 1–64 of A-Z a-z 0-9 - _"));
                continue;
            }
            out.add(new InterventionCommand(id, intervention(id, a.getDetail(), where + ".detail", issues), where));
        }
        return out;
    }

    private static ObjectNode intervention(
            String id, CarePlanActivityDetailComponent d, String where, List<Issue> issues) {
        ObjectNode json = JSON.objectNode().put("id", id);
        if (d.hasDescription()) {
            json.put("what", d.getDescription());
        }
        Extension principal = d.getExtensionByUrl(Systems.EXT_SIP_RESPONSIBLE_PRINCIPAL);
        if (principal != null) {
            String code = principal(principalCode(principal), where + ".extension", issues);
            if (code != null) {
                json.put("responsiblePrincipal", code);
            }
        }
        if (d.hasPerformer()) {
            String unit = hsaId(d.getPerformerFirstRep(), where + ".performer[0]", issues);
            if (unit != null) {
                json.put("responsibleUnit", unit);
            }
        }
        if (d.hasScheduledPeriod() && d.getScheduledPeriod().hasStart()) {
            json.put("start", day(d.getScheduledPeriod().getStartElement()));
        } else if (d.hasScheduled()) {
            issues.add(FhirErrors.invalid(
                    where + ".scheduled", NOT_WRITABLE, "an intervention's start is scheduledPeriod.start (a date)"));
        }
        if (d.hasStatus()) {
            String status =
                    switch (d.getStatus()) {
                        case NOTSTARTED -> "PLANNED";
                        case INPROGRESS -> "ONGOING";
                        case COMPLETED -> "DONE";
                        case STOPPED -> "STOPPED";
                        default -> null;
                    };
            if (status == null) {
                issues.add(FhirErrors.invalid(
                        where + ".status",
                        UNKNOWN_CODE,
                        "an intervention is not-started, in-progress, completed or stopped, not "
                                + d.getStatus().toCode()));
            } else {
                json.put("status", status);
            }
        }
        return json;
    }

    /** The CarePlan's overall-responsible principal (REGION, MUNICIPALITY), or null when it names none. */
    public static String overallResponsibility(CarePlan plan, String at, List<Issue> issues) {
        Extension e = plan.getExtensionByUrl(Systems.EXT_SIP_OVERALL_RESPONSIBILITY);
        return e == null ? null : principal(principalCode(e), at + ".extension", issues);
    }

    /** The kommun extension, checked; null (with an issue) when missing or no kommunkod. */
    public static String kommun(CarePlan plan, String at, List<Issue> issues) {
        Extension e = plan.getExtensionByUrl(Systems.EXT_KOMMUN);
        String code = e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
        if (isBlank(code)) {
            issues.add(FhirErrors.invalid(
                    at + ".extension",
                    FhirErrors.MISSING_ELEMENT,
                    "required: the extension " + Systems.EXT_KOMMUN + " with the person's kommunkod (valueCode)"));
            return null;
        }
        try {
            Kommunkod.of(code);
        } catch (RejectedException ex) {
            issues.add(FhirErrors.invalid(
                    at + ".extension",
                    BAD_IDENTIFIER,
                    ex.first().code() + ": " + ex.first().reason()));
            return null;
        }
        return code;
    }

    /** The objects-to-närstående extension's value (false when absent). */
    public static boolean objectsToNarstaende(CarePlan plan) {
        Extension e = plan.getExtensionByUrl(Systems.EXT_SIP_OBJECTS_TO_NARSTAENDE);
        return e != null && e.getValue() != null && "true".equals(e.getValue().primitiveValue());
    }

    /** A follow-up extension: its date and the participant who follows up. */
    public record FollowUpCommand(String date, String by, String expression) {}

    /** The last follow-up extension of the CarePlan (date, by), or null when it has none. */
    public static FollowUpCommand followUp(
            CarePlan plan, List<ParticipantCommand> participants, String at, List<Issue> issues) {
        List<Extension> all = plan.getExtensionsByUrl(Systems.EXT_SIP_FOLLOW_UP);
        if (all.isEmpty()) {
            return null;
        }
        Extension e = all.get(all.size() - 1);
        String where = at + ".extension";
        Extension date = e.getExtensionByUrl("date");
        Extension by = e.getExtensionByUrl("by");
        if (date == null || date.getValue() == null || by == null || !(by.getValue() instanceof Reference ref)) {
            issues.add(FhirErrors.invalid(
                    where,
                    FhirErrors.MISSING_ELEMENT,
                    "a follow-up (" + Systems.EXT_SIP_FOLLOW_UP + ") needs date (valueDate) and by (valueReference)"));
            return null;
        }
        String who = participantOf(ref, participants);
        if (who == null) {
            issues.add(FhirErrors.invalid(
                    where,
                    UNRESOLVED_REFERENCE,
                    "the follow-up's by names no participant of the SIP (a unit by HSA-id, or the Patient)"));
            return null;
        }
        return new FollowUpCommand(date.getValue().primitiveValue(), who, where);
    }

    /**
     * A Consent as the body of {@code POST /sips/{id}/consents}: who gave it (the Patient, or a
     * RelatedPerson "name (relation)"), its scope (provision.code.text, provision.actor: participants and
     * organisations) and period.
     */
    public static ObjectNode consent(Consent c, List<ParticipantCommand> participants, String at, List<Issue> issues) {
        ObjectNode json = JSON.objectNode();
        if (c.getStatus() != Consent.ConsentState.ACTIVE) {
            issues.add(FhirErrors.invalid(
                    at + ".status", NOT_WRITABLE, "a SIP consent is given active (revoke it later with an update)"));
        }
        if (c.hasProvision()
                && c.getProvision().hasType()
                && c.getProvision().getType() != Consent.ConsentProvisionType.PERMIT) {
            issues.add(FhirErrors.invalid(
                    at + ".provision.type", NOT_WRITABLE, "a SIP consent permits sharing (provision.type permit)"));
        }
        if (c.hasPerformer()) {
            Reference giver = c.getPerformerFirstRep();
            if ("RelatedPerson".equals(giver.getType())
                    || giver.getReference() == null
                    || !giver.getReference().startsWith("Patient/")) {
                if (isBlank(giver.getDisplay())) {
                    issues.add(FhirErrors.invalid(
                            at + ".performer[0]",
                            UNRESOLVED_REFERENCE,
                            "who gave the consent: the Patient, or a legal representative as a RelatedPerson with"
                                    + " display \"name (relation)\""));
                } else {
                    json.set("givenBy", giver(giver.getDisplay()));
                }
            }
        }
        ObjectNode scope = json.putObject("scope");
        Consent.ProvisionComponent p = c.getProvision();
        if (p.hasCode() && !isBlank(p.getCodeFirstRep().getText())) {
            scope.put("what", p.getCodeFirstRep().getText());
        }
        ArrayNode ps = scope.putArray("participants");
        ArrayNode orgs = scope.putArray("organisations");
        for (int i = 0; i < p.getActor().size(); i++) {
            Reference who = p.getActor().get(i).getReference();
            String id = participantOf(who, participants);
            String hsaId = References.hsaId(who);
            if (id != null) {
                ps.add(id);
            } else if (hsaId != null) {
                hsaId(who, at + ".provision.actor[" + i + "].reference", issues);
                orgs.add(hsaId);
            } else {
                issues.add(FhirErrors.invalid(
                        at + ".provision.actor[" + i + "].reference",
                        UNRESOLVED_REFERENCE,
                        "a consent's recipient is a participant of the SIP (the Patient, a unit by HSA-id, a"
                                + " närstående by display) or an organisation by HSA-id"));
            }
        }
        if (p.hasPeriod() && p.getPeriod().hasStart()) {
            json.put("from", instant(p.getPeriod().getStartElement()));
        } else if (c.hasDateTime()) {
            json.put("from", instant(c.getDateTimeElement()));
        }
        if (p.hasPeriod() && p.getPeriod().hasEnd()) {
            json.put("to", instant(p.getPeriod().getEndElement()));
        }
        return json;
    }

    /** "Namn (relation)" as {@code {representativeName, relation}}. */
    public static ObjectNode giver(String display) {
        ObjectNode g = JSON.objectNode();
        String d = display.strip();
        int open = d.lastIndexOf(" (");
        if (open > 0 && d.endsWith(")")) {
            g.put("representativeName", d.substring(0, open));
            g.put("relation", d.substring(open + 2, d.length() - 1));
        } else {
            g.put("representativeName", d);
        }
        return g;
    }

    /**
     * The participant id a reference names: {@code person} for the Patient, a unit participant by its
     * HSA-id, a närstående or other party by display; null when it names none of them.
     */
    static String participantOf(Reference ref, List<ParticipantCommand> participants) {
        if (ref == null) {
            return null;
        }
        if (ref.hasReference() && ref.getReference().startsWith("Patient/")) {
            return "person";
        }
        String hsaId = References.hsaId(ref);
        for (ParticipantCommand p : participants) {
            if (hsaId != null && hsaId.equals(p.participant().path("unit").asText(null))) {
                return p.id();
            }
            if (hsaId == null && !isBlank(ref.getDisplay())) {
                String name = p.participant().path("name").asText("");
                String relation = p.participant().path("relation").asText(null);
                if (!name.isEmpty()
                        && (ref.getDisplay().equals(name)
                                || ref.getDisplay().equals(SipParticipants.withRelation(name, relation)))) {
                    return p.id();
                }
                if (ref.getDisplay().equals(p.participant().path("contactName").asText(null))) {
                    return p.id();
                }
            }
        }
        return null;
    }

    /** The participants of a stored SIP as commands (to resolve references against them). */
    public static List<ParticipantCommand> participantsOf(SipDocs.Sip s) {
        List<ParticipantCommand> out = new ArrayList<>();
        for (SipDocs.Participant p : s.participantsOrEmpty()) {
            ObjectNode json = JSON.objectNode().put("id", p.id()).put("kind", p.kind());
            putIf(json, "name", p.name());
            putIf(json, "relation", p.relation());
            putIf(json, "principal", p.principal());
            putIf(json, "unit", p.unit());
            putIf(json, "role", p.role());
            putIf(json, "contactName", p.contactName());
            putIf(json, "organisation", p.organisation());
            out.add(new ParticipantCommand(json, "CareTeam.participant"));
        }
        return out;
    }

    private static void putIf(ObjectNode json, String field, String value) {
        if (!isBlank(value)) {
            json.put(field, value);
        }
    }

    private static String principal(String code, String where, List<Issue> issues) {
        String upper = code == null ? "" : code.toUpperCase(Locale.ROOT);
        if (PRINCIPALS.contains(upper)) {
            return upper;
        }
        issues.add(FhirErrors.invalid(
                where,
                UNKNOWN_CODE,
                "unknown principal " + code + " of " + Systems.SIP_PRINCIPAL + ": region, municipality or other"));
        return null;
    }

    private static String principalCode(Extension e) {
        if (e.getValue() instanceof CodeableConcept cc) {
            Coding c = coding(List.of(cc), Systems.SIP_PRINCIPAL);
            return c == null ? null : c.getCode();
        }
        return null;
    }

    /** The HSA-id of a reference, checked; null with an issue when missing or not one. */
    static String hsaId(Reference ref, String where, List<Issue> issues) {
        String hsaId = References.hsaId(ref);
        if (hsaId == null) {
            issues.add(FhirErrors.invalid(
                    where + ".identifier",
                    FhirErrors.MISSING_ELEMENT,
                    "required: the unit's HSA-id as identifier (system " + Systems.HSA_ID + ")"));
            return null;
        }
        try {
            HsaId.of(hsaId);
        } catch (RejectedException ex) {
            issues.add(FhirErrors.invalid(
                    where + ".identifier.value",
                    BAD_IDENTIFIER,
                    ex.first().code() + ": " + ex.first().reason()));
            return null;
        }
        return hsaId;
    }

    private static Coding coding(List<CodeableConcept> concepts, String system) {
        for (CodeableConcept cc : concepts) {
            for (Coding c : cc.getCoding()) {
                if (system.equals(c.getSystem())) {
                    return c;
                }
            }
        }
        return null;
    }

    private static String nameWithout(String display, String relation) {
        if (display == null || isBlank(relation)) {
            return display;
        }
        String suffix = " (" + relation + ")";
        return display.endsWith(suffix) ? display.substring(0, display.length() - suffix.length()) : display;
    }

    /** yyyy-MM-dd of a date or dateTime as written (a day is the date the client meant). */
    static String day(BaseDateTimeType t) {
        String s = t.getValueAsString();
        return s != null && s.length() >= 10 ? s.substring(0, 10) : s;
    }

    /** An RFC 3339 instant of a dateTime (UTC). */
    static String instant(BaseDateTimeType t) {
        return t.getValue() == null ? null : t.getValue().toInstant().toString();
    }
}
