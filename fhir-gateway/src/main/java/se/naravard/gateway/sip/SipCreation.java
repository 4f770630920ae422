package se.naravard.gateway.sip;

import static se.naravard.gateway.fhir.References.isBlank;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * in a transaction Bundle), as sip-service's commands (docs/sip-api.md): {@code POST /sips} (draft,
 * version 1: person, kommun, who), then one command per participant, goal and intervention, overall
 * responsibility, the närstående objection, the consent and the follow-up, each based on the version
 * the one before answered.
 *
 * <p>sip-service has no command that takes a whole SIP, so what makes it all or nothing here is: every
 * element is read and checked before anything is sent (every fault listed at once: unknown codes,
 * HSA-ids, kommunkod, personnummer, references to nothing), and should sip-service still refuse a later
 * command (its own rules, or it went away), the draft just drawn up is marked {@code
 * entered-in-error} with the reason, and the client gets sip-service's refusal with one more issue
 * ({@value SipCommands#ABANDONED}) saying so. A SIP only ever starts as a draft: activation, with its
 * rules, is an update of its own.
 */
public final class SipCreation {

    private static final Logger LOG = LoggerFactory.getLogger(SipCreation.class);
    private static final String REASON = "Upprättad via FHIR";
    private static final String ABANDON_REASON = "Upprättandet via FHIR avbröts: sip-service avvisade en del av planen";

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

    /** One command after the draft: its path below the SIP, method, body and the element it came from. */
    private record Step(String method, String path, ObjectNode body, String expression) {}

    /**
     * Creates the SIP, or refuses: 4xx naming the element, nothing created (or, if sip-service refused a
     * later command, the draft marked entered-in-error).
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
        Sip sip = client.command("POST", "/sips", draft, null, pointers(at, at));

        List<Step> steps = new ArrayList<>();
        for (ParticipantCommand p : participants) {
            ObjectNode body = command(actor, null);
            body.set("participant", p.participant());
            steps.add(new Step("POST", "/participants", body, p.expression()));
        }
        for (int i = 0; i < goals.size(); i++) {
            steps.add(new Step(
                    "POST",
                    "/goals",
                    command(actor, null).put("text", goals.get(i)),
                    r.goalsAt().get(i) + ".description.text"));
        }
        for (InterventionCommand i : interventions) {
            ObjectNode body = command(actor, null);
            body.set("intervention", i.intervention());
            steps.add(new Step("PUT", "/interventions/" + i.id(), body, i.expression() + ".detail"));
        }
        if (overall != null) {
            steps.add(new Step(
                    "PUT",
                    "/overall-responsibility",
                    command(actor, null).put("principal", overall),
                    at + ".extension"));
        }
        if (SipCommands.objectsToNarstaende(plan)) {
            steps.add(new Step(
                    "PUT", "/narstaende-objection", command(actor, null).put("objects", true), at + ".extension"));
        }
        if (consent != null) {
            ObjectNode body = command(actor, null);
            body.set("consent", consent);
            steps.add(new Step("POST", "/consents", body, r.consentAt()));
        }
        if (followUp != null) {
            steps.add(new Step(
                    "PUT",
                    "/follow-up",
                    command(actor, null).put("date", followUp.date()).put("by", followUp.by()),
                    followUp.expression()));
        }
        for (Step step : steps) {
            try {
                sip = client.command(
                        step.method(),
                        "/sips/" + sip.id() + step.path(),
                        step.body(),
                        sip.version(),
                        pointers(step.expression(), at));
            } catch (BaseServerResponseException refused) {
                throw abandon(sip, actor, refused);
            }
        }
        return sip;
    }

    /**
     * sip-service refused a command after the draft was drawn up: the draft is marked entered-in-error
     * (so nothing half-made stays in use) and the refusal gets an issue saying so.
     */
    private BaseServerResponseException abandon(
            Sip sip, RequestActor.Actor actor, BaseServerResponseException refused) {
        boolean marked;
        try {
            client.command(
                    "POST",
                    "/sips/" + sip.id() + "/status",
                    command(actor, ABANDON_REASON).put("status", "entered-in-error"),
                    sip.version(),
                    (pointer, code) -> null);
            marked = true;
        } catch (BaseServerResponseException e) {
            LOG.error(
                    "SIP {} was drawn up through FHIR but its creation failed and it could not be marked"
                            + " entered-in-error ({}): mark it by hand",
                    sip.id(),
                    e.getMessage());
            marked = false;
        }
        if (refused.getOperationOutcome() instanceof OperationOutcome oo) {
            oo.addIssue()
                    .setSeverity(IssueSeverity.INFORMATION)
                    .setCode(IssueType.INFORMATIONAL)
                    .setDiagnostics(
                            marked
                                    ? "the SIP drawn up for this request was marked entered-in-error: nothing of it is in use"
                                    : "the SIP drawn up for this request could not be marked entered-in-error")
                    .setDetails(new CodeableConcept()
                            .addCoding(new Coding(Systems.ERROR_CODE, SipCommands.ABANDONED, null)))
                    .addExpression("CarePlan.id")
                    .getLocation()
                    .add(new StringType("CarePlan/" + SipIds.plan(sip.id())));
        }
        return refused;
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
