package se.naravard.gateway.sip;

import static se.naravard.gateway.fhir.References.isBlank;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.http.ProblemTranslation;
import se.naravard.gateway.sip.SipCommands.FollowUpCommand;
import se.naravard.gateway.sip.SipCommands.InterventionCommand;
import se.naravard.gateway.sip.SipCommands.ParticipantCommand;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * A new SIP from a CarePlan of category {@code sip} (with its CareTeam, Goals and Consent when they come
 * in a transaction Bundle), as one command of sip-service (docs/sip-api.md): {@code POST /sips} with the
 * whole draft — person, kommun, who, and the participants, goals, interventions, overall
 * responsibility, the närstående objection, the consent and the follow-up — which sip-service draws up
 * as version 1 with one event, or refuses with every fault and nothing stored.
 *
 * <p>So a creation is all or nothing: every element is read and checked here first (every fault listed
 * at once: unknown codes, HSA-ids, kommunkod, personnummer, references to nothing), and what only
 * sip-service can judge (its rules: a närstående who follows up, a follow-up date in the past, …) comes
 * back with sip-service's pointers turned into the elements they were made of. A SIP only ever starts as
 * a draft: activation, with its rules, is an update of its own.
 */
public final class SipCreation {

    private static final String REASON = "Upprättad via FHIR";
    private static final Pattern DRAFT_ENTRY = Pattern.compile("/(participants|goals|interventions)/(\\d+)");

    private final SipClient client;
    private final PatientResolver patients;
    private final Function<String, Optional<PatientIdentifier>> knownPatient;

    /**
     * @param knownPatient the identifier of a patient this gateway knows by key (their contracts, SIPs,
     *     episodes), for a subject sent as {@code Patient/<key>}
     */
    public SipCreation(
            SipClient client, PatientResolver patients, Function<String, Optional<PatientIdentifier>> knownPatient) {
        this.client = client;
        this.patients = patients;
        this.knownPatient = knownPatient;
    }

    /** Whether a CarePlan sent is a SIP (category {@code sip}); else it is a patient contract. */
    public static boolean isSip(CarePlan plan) {
        for (CodeableConcept cc : plan.getCategory()) {
            for (Coding c : cc.getCoding()) {
                if (Systems.SIP.equals(c.getCode())
                        && (c.getSystem() == null || Systems.CAREPLAN_CATEGORY.equals(c.getSystem()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What a SIP is created from, and where each part is in the request (FHIRPath). */
    public record Request(
            CarePlan plan,
            String planAt,
            CareTeam team,
            String teamAt,
            List<Goal> goals,
            List<String> goalsAt,
            Consent consent,
            String consentAt) {

        /** A CarePlan alone ({@code POST CarePlan}). */
        public static Request plan(CarePlan plan) {
            return new Request(plan, "CarePlan", null, null, List.of(), List.of(), null, null);
        }
    }

    /**
     * Creates the SIP with everything the request holds as version 1, or refuses: 4xx naming the
     * elements, nothing created.
     *
     * @param actor who draws it up (person and unit HSA-ids: the token's, or the CarePlan's author and
     *     contributor for a system)
     */
    public Sip create(Request r, RequestActor.Actor actor) {
        List<Issue> issues = new ArrayList<>();
        CarePlan plan = r.plan();
        String at = r.planAt();
        if (plan.getStatus() != CarePlan.CarePlanStatus.DRAFT) {
            issues.add(FhirErrors.invalid(
                    at + ".status",
                    SipCommands.NOT_WRITABLE,
                    "a SIP is drawn up as a draft; activate it afterwards with an update of the CarePlan (status"
                            + " active), when sip-service's activation rules hold"));
        }
        for (int i = 0; i < plan.getActivity().size(); i++) {
            if (plan.getActivity().get(i).hasReference()) {
                issues.add(FhirErrors.invalid(
                        at + ".activity[" + i + "].reference",
                        SipCommands.NOT_WRITABLE,
                        "meetings are planned with a create of an Appointment once the SIP exists"));
            }
        }
        if (plan.hasSupportingInfo() && r.consent() == null) {
            issues.add(FhirErrors.invalid(
                    at + ".supportingInfo",
                    SipCommands.UNRESOLVED_REFERENCE,
                    "a SIP's consent comes as a Consent in the same transaction Bundle"));
        }
        String person = person(plan, at, issues);
        String kommun = SipCommands.kommun(plan, at, issues);
        List<ParticipantCommand> participants = SipCommands.participants(r.team(), r.teamAt(), issues);
        List<InterventionCommand> interventions = SipCommands.interventions(plan, at, issues);
        String overall = SipCommands.overallResponsibility(plan, at, issues);
        FollowUpCommand followUp = SipCommands.followUp(plan, participants, at, issues);
        ObjectNode consent =
                r.consent() == null ? null : SipCommands.consent(r.consent(), participants, r.consentAt(), issues);
        List<String> goals = new ArrayList<>();
        for (int i = 0; i < r.goals().size(); i++) {
            Goal g = r.goals().get(i);
            if (!g.hasDescription() || isBlank(g.getDescription().getText())) {
                issues.add(FhirErrors.invalid(
                        r.goalsAt().get(i) + ".description.text",
                        FhirErrors.MISSING_ELEMENT,
                        "required: the goal in the person's own words"));
            } else {
                goals.add(g.getDescription().getText());
            }
        }
        if (plan.getGoal().size() > r.goals().size()) {
            issues.add(FhirErrors.invalid(
                    at + ".goal",
                    SipCommands.UNRESOLVED_REFERENCE,
                    "every goal of the CarePlan comes as a Goal in the same transaction Bundle"));
        }
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }

        String reason =
                plan.hasNote() ? plan.getNote().get(plan.getNote().size() - 1).getText() : REASON;
        ObjectNode draft = command(actor, reason);
        draft.put("person", person);
        draft.put("kommun", kommun);
        if (!participants.isEmpty()) {
            ArrayNode list = draft.putArray("participants");
            participants.forEach(p -> list.add(p.participant()));
        }
        if (!goals.isEmpty()) {
            ArrayNode list = draft.putArray("goals");
            goals.forEach(g -> list.addObject().put("text", g));
        }
        if (!interventions.isEmpty()) {
            ArrayNode list = draft.putArray("interventions");
            interventions.forEach(i -> list.add(i.intervention()));
        }
        if (overall != null) {
            draft.put("overallResponsibility", overall);
        }
        if (SipCommands.objectsToNarstaende(plan)) {
            draft.put("objectsToNarstaende", true);
        }
        if (consent != null) {
            draft.set("consent", consent);
        }
        if (followUp != null) {
            draft.putObject("followUp").put("date", followUp.date()).put("by", followUp.by());
        }
        return client.command("POST", "/sips", draft, null, draftPointers(r, participants, interventions, followUp));
    }

    /**
     * sip-service's pointers into the whole draft as the FHIR elements each part was made of: {@code
     * /participants/2} as the CareTeam participant it came from, {@code /goals/i} as the i-th Goal, {@code
     * /interventions/i} as its activity's detail, {@code /consent…} as the Consent, {@code /followUp} as the
     * follow-up extension; person, kommun and who as in {@link #pointers}.
     */
    private static ProblemTranslation.Pointers draftPointers(
            Request r,
            List<ParticipantCommand> participants,
            List<InterventionCommand> interventions,
            FollowUpCommand followUp) {
        String at = r.planAt();
        ProblemTranslation.Pointers plan = pointers(at, at);
        return (pointer, code) -> {
            if (pointer == null) {
                return at;
            }
            Matcher m = DRAFT_ENTRY.matcher(pointer);
            int i = m.lookingAt() ? Integer.parseInt(m.group(2)) : -1;
            if (pointer.startsWith("/participants")) {
                return i >= 0 && i < participants.size()
                        ? participants.get(i).expression()
                        : r.teamAt() == null ? at : r.teamAt() + ".participant";
            }
            if (pointer.startsWith("/goals")) {
                return i >= 0 && i < r.goalsAt().size() ? r.goalsAt().get(i) + ".description.text" : at + ".goal";
            }
            if (pointer.startsWith("/interventions")) {
                return i >= 0 && i < interventions.size()
                        ? interventions.get(i).expression() + ".detail"
                        : at + ".activity";
            }
            if (pointer.startsWith("/consent")) {
                String consent = r.consentAt() == null ? at + ".supportingInfo" : r.consentAt();
                return pointer.startsWith("/consent/scope") ? consent + ".provision" : consent;
            }
            if (pointer.startsWith("/followUp")) {
                return followUp == null ? at + ".extension" : followUp.expression();
            }
            if (pointer.startsWith("/overallResponsibility") || pointer.startsWith("/objectsToNarstaende")) {
                return at + ".extension";
            }
            if (pointer.startsWith("/reason")) {
                return at + ".note";
            }
            return plan.expression(pointer, code);
        };
    }

    /** The person: the subject's personnummer or samordningsnummer, or a Patient this gateway knows. */
    private String person(CarePlan plan, String at, List<Issue> issues) {
        Reference subject = plan.getSubject();
        if (subject.hasIdentifier()) {
            Identifier id = subject.getIdentifier();
            // Refuses an invalid number at once (400, ID-PNR-… / ID-SNR-…, at the element).
            return patients.identifier(id.getSystem(), id.getValue(), "body", at + ".subject.identifier")
                    .value();
        }
        String key = subject.getReferenceElement().getIdPart();
        if ("Patient".equals(subject.getReferenceElement().getResourceType()) && PatientResolver.isKey(key)) {
            Optional<PatientIdentifier> known = knownPatient.apply(key);
            if (known.isPresent()) {
                return known.get().value();
            }
        }
        issues.add(FhirErrors.invalid(
                at + ".subject",
                isBlank(subject.getReference()) ? FhirErrors.MISSING_ELEMENT : SipCommands.UNRESOLVED_REFERENCE,
                "the subject must carry the person's personnummer or samordningsnummer as identifier, or reference"
                        + " a Patient this server knows"));
        return null;
    }

    static ObjectNode command(RequestActor.Actor actor, String reason) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode who = body.putObject("actor");
        who.put("person", actor.person());
        who.put("unit", actor.unit());
        String why = reason != null ? reason : actor.reason();
        if (!isBlank(why)) {
            body.put("reason", why);
        }
        return body;
    }

    /**
     * sip-service's pointers into a command's body, as the FHIR element the command was made of: the
     * draft's person, kommun and actor as the CarePlan's subject, kommun extension and author; anything
     * in another command as the element it came from.
     */
    static ProblemTranslation.Pointers pointers(String expression, String planAt) {
        return (pointer, code) -> {
            if (pointer == null || pointer.isEmpty()) {
                return expression;
            }
            if (pointer.startsWith("/actor")) {
                return planAt + ".author";
            }
            if (pointer.equals("/person")) {
                return planAt + ".subject";
            }
            if (pointer.equals("/kommun")) {
                return planAt + ".extension";
            }
            return expression;
        };
    }
}
