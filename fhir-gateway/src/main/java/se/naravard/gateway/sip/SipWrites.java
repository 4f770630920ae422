package se.naravard.gateway.sip;

import static se.naravard.gateway.fhir.References.isBlank;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;
import se.naravard.gateway.fhir.IfMatch;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.sip.SipCommands.InterventionCommand;
import se.naravard.gateway.sip.SipCommands.ParticipantCommand;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.platform.security.Caller;

/**
 * Changes of an existing SIP through FHIR, each exactly one sip-service command (so each is all or
 * nothing, and {@code If-Match} is the SIP version it is based on: 428 without, 412 when stale):
 *
 * <ul>
 *   <li>{@code PUT CarePlan/sip-<id>}: the status (active, completed, revoked = cancelled,
 *       entered-in-error; the reason is the last note), one intervention added or changed (an activity
 *       with a detail), the overall responsibility, one goal added (a contained Goal referenced from
 *       {@code goal}), the follow-up, or the närstående objection;
 *   <li>{@code PUT CareTeam/sip-<id>}: one participant added, taken out, or its details changed;
 *   <li>{@code PUT Consent/sip-<id>-c<n>}: the current consent revoked (status inactive).
 * </ul>
 *
 * Anything else that differs from the resource as the gateway serves it is refused (422 {@value
 * SipCommands#NOT_WRITABLE}, naming the element) rather than dropped; two changes at once are 422
 * {@value SipCommands#ONE_CHANGE}; nothing changed is 200 without a new version.
 */
public final class SipWrites {

    private final SipClient client;
    private final SipReads reads;

    public SipWrites(SipClient client, SipReads reads) {
        this.client = client;
        this.reads = reads;
    }

    /** One change of a SIP: the command, and where it came from. */
    private record Change(String method, String path, ObjectNode body, String expression) {}

    /** {@code PUT CarePlan/sip-<id>}. */
    public Sip updatePlan(String fhirId, String ifMatch, CarePlan incoming, RequestActor.Actor actor) {
        int version = IfMatch.version(ifMatch, "CarePlan");
        Sip current = reads.current("CarePlan", fhirId, SipIds.sipIdOfPlan(fhirId));
        IfMatch.requireCurrent(version, current.version());
        String key = reads.patientKey(current);
        CarePlan stored = SipCarePlanMapper.toCarePlan(current, key);
        List<Issue> issues = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        String reason = incoming.hasNote()
                ? incoming.getNote().get(incoming.getNote().size() - 1).getText()
                : null;

        unchanged(stored.getSubject().getReference(), incoming.getSubject().getReference(), "CarePlan.subject", issues);
        unchanged(kommun(stored), kommun(incoming), "CarePlan.extension", issues);
        unchanged(
                refs(stored.getSupportingInfo()),
                refs(incoming.getSupportingInfo()),
                "CarePlan.supportingInfo",
                issues);
        unchanged(meetings(stored), meetings(incoming), "CarePlan.activity.reference", issues);
        if (!SipCreation.isSip(incoming)) {
            issues.add(FhirErrors.invalid(
                    "CarePlan.category", SipCommands.NOT_WRITABLE, "a SIP's CarePlan keeps its category sip"));
        }

        if (incoming.getStatus() != stored.getStatus()) {
            String target =
                    switch (incoming.getStatus() == null ? CarePlanStatus.NULL : incoming.getStatus()) {
                        case ACTIVE -> "active";
                        case COMPLETED -> "completed";
                        case REVOKED -> "cancelled";
                        case ENTEREDINERROR -> "entered-in-error";
                        default -> null;
                    };
            if (target == null) {
                issues.add(FhirErrors.invalid(
                        "CarePlan.status",
                        SipCommands.NOT_WRITABLE,
                        "a SIP can be made active, completed, revoked (cancelled) or entered-in-error"));
            } else {
                changes.add(new Change(
                        "POST",
                        "/status",
                        SipCreation.command(actor, reason).put("status", target),
                        "CarePlan.status"));
            }
        }

        List<InterventionCommand> was = SipCommands.interventions(stored, "CarePlan", issues);
        List<InterventionCommand> now = SipCommands.interventions(incoming, "CarePlan", issues);
        Map<String, InterventionCommand> wasById =
                was.stream().collect(Collectors.toMap(InterventionCommand::id, Function.identity()));
        for (InterventionCommand i : now) {
            InterventionCommand before = wasById.remove(i.id());
            if (before == null || !before.intervention().equals(i.intervention())) {
                ObjectNode body = SipCreation.command(actor, reason);
                body.set("intervention", i.intervention());
                changes.add(new Change("PUT", "/interventions/" + i.id(), body, i.expression() + ".detail"));
            }
        }
        if (!wasById.isEmpty()) {
            issues.add(FhirErrors.invalid(
                    "CarePlan.activity",
                    SipCommands.NOT_WRITABLE,
                    "an intervention is never removed from a SIP: set its status to stopped or completed"));
        }

        String overallBefore = SipCommands.overallResponsibility(stored, "CarePlan", issues);
        String overallNow = SipCommands.overallResponsibility(incoming, "CarePlan", issues);
        if (!Objects.equals(overallBefore, overallNow)) {
            if (overallNow == null) {
                issues.add(FhirErrors.invalid(
                        "CarePlan.extension",
                        SipCommands.NOT_WRITABLE,
                        "the overall responsibility is changed, never removed"));
            } else {
                changes.add(new Change(
                        "PUT",
                        "/overall-responsibility",
                        SipCreation.command(actor, reason).put("principal", overallNow),
                        "CarePlan.extension"));
            }
        }

        if (SipCommands.objectsToNarstaende(stored) != SipCommands.objectsToNarstaende(incoming)) {
            changes.add(new Change(
                    "PUT",
                    "/narstaende-objection",
                    SipCreation.command(actor, reason).put("objects", SipCommands.objectsToNarstaende(incoming)),
                    "CarePlan.extension"));
        }

        List<ParticipantCommand> participants = SipCommands.participantsOf(current);
        SipCommands.FollowUpCommand followBefore = SipCommands.followUp(stored, participants, "CarePlan", issues);
        SipCommands.FollowUpCommand followNow = SipCommands.followUp(incoming, participants, "CarePlan", issues);
        if (followNow != null
                && (followBefore == null
                        || !followNow.date().equals(followBefore.date())
                        || !followNow.by().equals(followBefore.by()))) {
            changes.add(new Change(
                    "PUT",
                    "/follow-up",
                    SipCreation.command(actor, reason)
                            .put("date", followNow.date())
                            .put("by", followNow.by()),
                    followNow.expression()));
        }

        String resultBefore = followUpResult(stored);
        String resultNow = followUpResult(incoming);
        if (resultNow != null && !resultNow.equals(resultBefore)) {
            if (resultBefore != null) {
                issues.add(FhirErrors.invalid(
                        "CarePlan.extension",
                        SipCommands.NOT_WRITABLE,
                        "a follow-up's result is recorded once; plan a new follow-up for the next one"));
            } else {
                changes.add(new Change(
                        "POST",
                        "/follow-up/result",
                        SipCreation.command(actor, reason).put("result", resultNow),
                        "CarePlan.extension"));
            }
        }

        goals(stored, incoming, actor, reason, changes, issues);

        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
        return one(current, changes);
    }

    /** The result text of the CarePlan's last follow-up extension, or null. */
    private static String followUpResult(CarePlan plan) {
        List<Extension> all = plan.getExtensionsByUrl(Systems.EXT_SIP_FOLLOW_UP);
        Extension result = all.isEmpty() ? null : all.get(all.size() - 1).getExtensionByUrl("result");
        return result == null
                        || result.getValue() == null
                        || isBlank(result.getValue().primitiveValue())
                ? null
                : result.getValue().primitiveValue();
    }

    /** New goals: contained Goals referenced after the stored ones; the stored ones stay as they are. */
    private static void goals(
            CarePlan stored,
            CarePlan incoming,
            RequestActor.Actor actor,
            String reason,
            List<Change> changes,
            List<Issue> issues) {
        List<String> before = refs(stored.getGoal());
        List<Reference> now = incoming.getGoal();
        for (int i = 0; i < now.size(); i++) {
            String ref = now.get(i).getReference();
            if (i < before.size()) {
                if (!before.get(i).equals(ref)) {
                    issues.add(FhirErrors.invalid(
                            "CarePlan.goal[" + i + "]",
                            SipCommands.NOT_WRITABLE,
                            "a SIP's goals stay as they are (in order); a new one is added at the end"));
                }
                continue;
            }
            Goal g = contained(incoming, ref);
            if (g == null || !g.hasDescription() || isBlank(g.getDescription().getText())) {
                issues.add(FhirErrors.invalid(
                        "CarePlan.goal[" + i + "]",
                        SipCommands.UNRESOLVED_REFERENCE,
                        "a new goal is a contained Goal (\"#id\") with description.text, the person's own words"));
                continue;
            }
            changes.add(new Change(
                    "POST",
                    "/goals",
                    SipCreation.command(actor, reason)
                            .put("text", g.getDescription().getText()),
                    "CarePlan.goal[" + i + "]"));
        }
        if (now.size() < before.size()) {
            issues.add(
                    FhirErrors.invalid("CarePlan.goal", SipCommands.NOT_WRITABLE, "a SIP's goals are never removed"));
        }
    }

    private static Goal contained(CarePlan plan, String ref) {
        if (ref == null || !ref.startsWith(SipCommands.CONTAINED_GOAL_PREFIX)) {
            return null;
        }
        String id = ref.substring(1);
        for (Resource r : plan.getContained()) {
            String rid = r.getIdElement().getIdPart();
            if (r instanceof Goal g && (id.equals(rid) || ref.equals(r.getId()))) {
                return g;
            }
        }
        return null;
    }

    /**
     * {@code PUT CareTeam/sip-<id>}: one participant added, one taken out, or one's details changed (the
     * same participant id, as the gateway serves it in the element {@code id}, with another name,
     * relation, contact, role …: {@code PUT /sips/{id}/participants/{participantId}}).
     */
    public Sip updateTeam(String fhirId, String ifMatch, CareTeam incoming, RequestActor.Actor actor) {
        int version = IfMatch.version(ifMatch, "CareTeam");
        Sip current = reads.current("CareTeam", fhirId, SipIds.sipIdOfPlan(fhirId));
        IfMatch.requireCurrent(version, current.version());
        String key = reads.patientKey(current);
        List<Issue> issues = new ArrayList<>();
        CareTeam stored = SipCareTeamMapper.toCareTeam(current, key);
        unchanged(stored.getSubject().getReference(), incoming.getSubject().getReference(), "CareTeam.subject", issues);
        List<ParticipantCommand> was = SipCommands.participants(stored, "CareTeam", issues);
        List<ParticipantCommand> now = SipCommands.participants(incoming, "CareTeam", issues);
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
        List<String> wasSignatures =
                was.stream().map(ParticipantCommand::signature).toList();
        List<String> nowSignatures =
                now.stream().map(ParticipantCommand::signature).toList();
        List<Change> changes = new ArrayList<>();
        Set<String> changedIds = new HashSet<>();
        for (ParticipantCommand p : now) {
            if (!wasSignatures.contains(p.signature())) {
                ObjectNode body = SipCreation.command(actor, null);
                ObjectNode participant = p.participant().deepCopy();
                if (was.stream().anyMatch(w -> w.id().equals(p.id()))) {
                    // The same participant with other details: sip-service keeps its id, kind and unit.
                    body.set("participant", participant);
                    changes.add(new Change("PUT", "/participants/" + p.id(), body, p.expression()));
                    changedIds.add(p.id());
                    continue;
                }
                if (current.participant(p.id()) != null) {
                    participant.put("id", "p" + (current.participantsOrEmpty().size() + 1));
                }
                body.set("participant", participant);
                changes.add(new Change("POST", "/participants", body, p.expression()));
            }
        }
        for (ParticipantCommand p : was) {
            if (!nowSignatures.contains(p.signature()) && !changedIds.contains(p.id())) {
                changes.add(new Change(
                        "DELETE", "/participants/" + p.id(), SipCreation.command(actor, null), "CareTeam.participant"));
            }
        }
        return one(current, changes);
    }

    /** {@code PUT Consent/sip-<id>-c<n>}: the current consent revoked (status inactive), nothing else. */
    public Sip revokeConsent(String fhirId, String ifMatch, Consent incoming, RequestActor.Actor actor) {
        int version = IfMatch.version(ifMatch, "Consent");
        SipIds.Entry e = SipIds.entryOf(fhirId, SipIds.CONSENT);
        Sip current = reads.current("Consent", fhirId, e == null ? null : e.sipId());
        IfMatch.requireCurrent(version, current.version());
        if (e.n() > current.consentsOrEmpty().size()) {
            throw FhirErrors.notFound("Consent", fhirId, null);
        }
        samePatient(se.naravard.gateway.fhir.PatientsOf.key(incoming.getPatient()), current, "Consent.patient");
        Consent.ConsentState was = ConsentState.of(current, e.n());
        if (incoming.getStatus() == was) {
            return current;
        }
        if (incoming.getStatus() != Consent.ConsentState.INACTIVE
                || was != Consent.ConsentState.ACTIVE
                || e.n() != current.consentsOrEmpty().size()) {
            throw FhirErrors.businessRule(
                    SipCommands.CONSENT_CHANGE,
                    "Consent.status",
                    "only the SIP's current consent, while active, is revoked (status inactive); a new consent is"
                            + " given in sip-service");
        }
        ObjectNode body = SipCreation.command(actor, null);
        Extension revocation = incoming.getExtensionByUrl(Systems.EXT_SIP_CONSENT_REVOCATION);
        Extension by = revocation == null ? null : revocation.getExtensionByUrl("by");
        if (by != null
                && by.getValue() != null
                && !isBlank(by.getValue().primitiveValue())
                && !"Personen själv".equals(by.getValue().primitiveValue())) {
            body.set("by", SipCommands.giver(by.getValue().primitiveValue()));
        }
        return client.command(
                "POST",
                "/sips/" + current.id() + "/consents/revocation",
                body,
                current.version(),
                SipCreation.pointers("Consent.status", "Consent"));
    }

    /**
     * {@code POST Appointment}: a SIP meeting planned ({@code POST /sips/{id}/meetings}, based on the SIP's
     * current version): the SIP in {@code supportingInformation} ({@code CarePlan/sip-<id>}), {@code start}
     * → when, {@code description} → place or mode, the meeting id from {@code identifier} (system {@value
     * Systems#SIP_MEETING_ID}; absent: {@code m<n>}). Status booked (or proposed); its participants are
     * the SIP's (sip-service records no invitations).
     *
     * @return the SIP with the meeting, its position n the last
     */
    public Sip planMeeting(org.hl7.fhir.r4.model.Appointment a, RequestActor.Actor actor) {
        List<Issue> issues = new ArrayList<>();
        Sip current = sipNamedIn(
                a.getSupportingInformation().stream().map(Reference::getReference),
                "Appointment.supportingInformation",
                "a SIP meeting names its SIP: supportingInformation CarePlan/sip-<id> of an existing SIP");
        if (a.getStatus() != org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED
                && a.getStatus() != org.hl7.fhir.r4.model.Appointment.AppointmentStatus.PROPOSED) {
            issues.add(FhirErrors.invalid(
                    "Appointment.status",
                    SipCommands.NOT_WRITABLE,
                    "a SIP meeting is planned (booked); that it was held is recorded in sip-service"));
        }
        String key = se.naravard.gateway.fhir.PatientsOf.key(a);
        if (key == null || !key.equals(reads.patientKey(current))) {
            issues.add(FhirErrors.invalid(
                    "Appointment.participant.actor",
                    SipCommands.UNRESOLVED_REFERENCE,
                    "the meeting's Patient participant is the SIP's person"));
        }
        if (!a.hasStart()) {
            issues.add(FhirErrors.invalid(
                    "Appointment.start", FhirErrors.MISSING_ELEMENT, "required: when the meeting is planned"));
        }
        String id = a.getIdentifier().stream()
                .filter(i -> Systems.SIP_MEETING_ID.equals(i.getSystem()))
                .map(org.hl7.fhir.r4.model.Identifier::getValue)
                .findFirst()
                .orElse("m" + (current.meetingsOrEmpty().size() + 1));
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
        ObjectNode body = SipCreation.command(actor, null);
        ObjectNode meeting = body.putObject("meeting");
        meeting.put("id", id);
        meeting.put("plannedAt", SipCommands.instant(a.getStartElement()));
        if (a.hasDescription()) {
            meeting.put("placeOrMode", a.getDescription());
        }
        return client.command(
                "POST",
                "/sips/" + current.id() + "/meetings",
                body,
                current.version(),
                (pointer, code) -> pointer != null && pointer.startsWith("/meeting/plannedAt")
                        ? "Appointment.start"
                        : pointer != null && pointer.startsWith("/meeting/placeOrMode")
                                ? "Appointment.description"
                                : pointer != null && pointer.startsWith("/meeting/id")
                                        ? "Appointment.identifier"
                                        : "Appointment");
    }

    /**
     * {@code PUT Appointment/sip-<id>-m<n>}: a planned meeting recorded as held ({@code POST
     * /sips/{id}/meetings/{meetingId}/held}): status fulfilled, when in the extension {@value
     * Systems#EXT_SIP_MEETING_HELD_AT} (absent: its planned start), who attended as the participants with
     * status accepted (the Patient, units by HSA-id, närstående by display). Nothing else of a meeting
     * changes here.
     */
    public Sip recordMeetingHeld(String fhirId, String ifMatch, Appointment incoming, RequestActor.Actor actor) {
        int version = IfMatch.version(ifMatch, "Appointment");
        SipIds.Entry e = SipIds.entryOf(fhirId, SipIds.MEETING);
        Sip current = reads.current("Appointment", fhirId, e == null ? null : e.sipId());
        IfMatch.requireCurrent(version, current.version());
        if (e.n() > current.meetingsOrEmpty().size()) {
            throw FhirErrors.notFound("Appointment", fhirId, null);
        }
        // Access control decided on the patient the body names: it must be the SIP's.
        samePatient(se.naravard.gateway.fhir.PatientsOf.key(incoming), current, "Appointment.participant.actor");
        SipDocs.Meeting meeting = current.meetingsOrEmpty().get(e.n() - 1);
        boolean held = meeting.held() != null;
        if (held && incoming.getStatus() == AppointmentStatus.FULFILLED) {
            return current; // as stored (appointment.AppointmentMapper: held is fulfilled)
        }
        if (incoming.getStatus() != AppointmentStatus.FULFILLED || held) {
            // Whether the SIP still takes it (not cancelled, completed or in error) is sip-service's rule.
            throw FhirErrors.businessRule(
                    SipCommands.NOT_WRITABLE,
                    "Appointment.status",
                    held
                            ? "the meeting is already recorded as held"
                            : "a planned SIP meeting is recorded as held with status fulfilled; nothing else of it"
                                    + " changes here");
        }
        List<Issue> issues = new ArrayList<>();
        Extension heldAt = incoming.getExtensionByUrl(Systems.EXT_SIP_MEETING_HELD_AT);
        String at = heldAt != null && heldAt.getValue() instanceof BaseDateTimeType t
                ? SipCommands.instant(t)
                : incoming.hasStart() ? SipCommands.instant(incoming.getStartElement()) : null;
        if (at == null) {
            issues.add(FhirErrors.invalid(
                    "Appointment.extension",
                    FhirErrors.MISSING_ELEMENT,
                    "when the meeting was held: extension " + Systems.EXT_SIP_MEETING_HELD_AT
                            + " (valueDateTime), or its start"));
        }
        List<SipCommands.ParticipantCommand> participants = SipCommands.participantsOf(current);
        ObjectNode body = SipCreation.command(actor, null);
        ArrayNode attendees = body.putArray("attendees");
        for (int i = 0; i < incoming.getParticipant().size(); i++) {
            var p = incoming.getParticipant().get(i);
            if (p.getStatus() != Appointment.ParticipationStatus.ACCEPTED) {
                continue;
            }
            String id = SipCommands.participantOf(p.getActor(), participants);
            if (id == null) {
                issues.add(FhirErrors.invalid(
                        "Appointment.participant[" + i + "].actor",
                        SipCommands.UNRESOLVED_REFERENCE,
                        "an attendee (status accepted) is a participant of the SIP: the Patient, a unit by HSA-id"
                                + " or a närstående by display"));
            } else if (!containsText(attendees, id)) {
                attendees.add(id);
            }
        }
        if (attendees.isEmpty() && issues.isEmpty()) {
            issues.add(FhirErrors.invalid(
                    "Appointment.participant",
                    FhirErrors.MISSING_ELEMENT,
                    "who attended: at least one participant with status accepted"));
        }
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
        body.put("at", at);
        String meetingId = meeting.id();
        return client.command(
                "POST",
                "/sips/" + current.id() + "/meetings/"
                        + java.net.URLEncoder.encode(meetingId, java.nio.charset.StandardCharsets.UTF_8) + "/held",
                body,
                current.version(),
                (pointer, code) -> pointer != null && pointer.startsWith("/at")
                        ? "Appointment.extension"
                        : pointer != null && pointer.startsWith("/attendees")
                                ? "Appointment.participant"
                                : "Appointment");
    }

    /** The SIP the first {@code CarePlan/sip-<id>} of {@code references} names; 422 at {@code expression} if none. */
    private Sip sipNamedIn(java.util.stream.Stream<String> references, String expression, String why) {
        String planRef = references
                .filter(r -> r != null && r.startsWith("CarePlan/" + SipIds.PREFIX))
                .findFirst()
                .orElse(null);
        String sipId =
                planRef == null ? null : SipIds.sipIdOfPlan(new org.hl7.fhir.r4.model.IdType(planRef).getIdPart());
        Sip current = sipId == null ? null : reads.find(sipId);
        if (current == null) {
            throw FhirErrors.unprocessable(
                    List.of(FhirErrors.invalid(expression, SipCommands.UNRESOLVED_REFERENCE, why)));
        }
        return current;
    }

    /**
     * The patient an update's body names is the stored SIP's: AccessControl checked the caller's relation
     * with the patient the body names, so a body naming another (or none) changes nothing.
     */
    private void samePatient(String key, Sip current, String expression) {
        if (key == null || !key.equals(reads.patientKey(current))) {
            throw FhirErrors.unprocessable(List.of(FhirErrors.invalid(
                    expression, SipCommands.UNRESOLVED_REFERENCE, "the patient is the SIP's person, and stays so")));
        }
    }

    private static boolean containsText(ArrayNode array, String value) {
        for (var n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code POST Consent} of category sip: a new consent of an existing SIP ({@code POST
     * /sips/{id}/consents}, based on its current version), which becomes its current one. The SIP is named
     * in {@code provision.data} ({@code CarePlan/sip-<id>}, meaning related), as the gateway serves it;
     * the rest as in a SIP's transaction ({@link SipCommands#consent}).
     *
     * @return the SIP with the consent, its position n the last
     */
    public Sip giveConsent(Consent incoming, RequestActor.Actor actor) {
        Sip current = sipNamedIn(
                incoming.getProvision().getData().stream()
                        .map(d -> d.getReference().getReference()),
                "Consent.provision.data",
                "a SIP consent names its SIP: provision.data.reference CarePlan/sip-<id> of an existing SIP");
        List<Issue> issues = new ArrayList<>();
        String key = se.naravard.gateway.fhir.PatientsOf.key(incoming.getPatient());
        if (key == null || !key.equals(reads.patientKey(current))) {
            issues.add(FhirErrors.invalid(
                    "Consent.patient", SipCommands.UNRESOLVED_REFERENCE, "the consent's patient is the SIP's person"));
        }
        ObjectNode consent = SipCommands.consent(incoming, SipCommands.participantsOf(current), "Consent", issues);
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
        ObjectNode body = SipCreation.command(actor, null);
        body.set("consent", consent);
        return client.command(
                "POST",
                "/sips/" + current.id() + "/consents",
                body,
                current.version(),
                SipCreation.pointers("Consent.provision", "Consent"));
    }

    /** The consent's status as the gateway serves it (consent.ConsentMapper): active or inactive. */
    private static final class ConsentState {
        static Consent.ConsentState of(Sip s, int n) {
            if ("entered-in-error".equals(s.statusCode())) {
                return Consent.ConsentState.ENTEREDINERROR;
            }
            SipDocs.Consent c = s.consentsOrEmpty().get(n - 1);
            boolean superseded = n < s.consentsOrEmpty().size();
            boolean expired = false;
            if (!isBlank(c.to())) {
                try {
                    expired = !Instant.now().isBefore(Instant.parse(c.to()));
                } catch (java.time.format.DateTimeParseException e) {
                    expired = false;
                }
            }
            return c.revocation() != null || superseded || expired
                    ? Consent.ConsentState.INACTIVE
                    : Consent.ConsentState.ACTIVE;
        }
    }

    /** Sends the one change; none: the SIP as it is; several: 422 naming them. */
    private Sip one(Sip current, List<Change> changes) {
        if (changes.isEmpty()) {
            return current;
        }
        if (changes.size() > 1) {
            List<Issue> issues = changes.stream()
                    .map(c -> FhirErrors.invalid(
                            c.expression(),
                            SipCommands.ONE_CHANGE,
                            "one change per update (each is one command of sip-service): send this one in an"
                                    + " update of its own"))
                    .toList();
            throw FhirErrors.unprocessable(issues);
        }
        Change c = changes.get(0);
        return client.command(
                c.method(),
                "/sips/" + current.id() + c.path(),
                c.body(),
                current.version(),
                SipCreation.pointers(c.expression(), c.expression()));
    }

    /**
     * Who changes the SIP: a person's token acts as that person at their unit; a system names them in
     * {@code X-Provenance} (a unit of its own care provider), as for contract updates.
     */
    public static RequestActor.Actor actor(RequestDetails request) {
        return WriteActor.of(request);
    }

    /**
     * Who draws a SIP up: a person's token as that person at their unit (the CarePlan's author and
     * contributor, if given, must be them); a system names them as the CarePlan's author (unit of its
     * own care provider) and contributor (the person).
     */
    public static RequestActor.Actor creator(RequestDetails request, CarePlan plan, String at) {
        String unit = se.naravard.gateway.fhir.References.hsaId(plan.getAuthor());
        String person = plan.getContributor().stream()
                .filter(r -> "Practitioner".equals(r.getType()))
                .map(se.naravard.gateway.fhir.References::hsaId)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        WriteActor.requireAuthor(request, unit, person, at);
        Caller caller = TokenAuthentication.caller(request);
        if (caller != null && caller.kind() == Caller.Kind.STAFF) {
            return new RequestActor.Actor(caller.hsaId(), caller.careUnit(), null);
        }
        List<Issue> issues = new ArrayList<>();
        if (unit == null) {
            issues.add(FhirErrors.invalid(
                    at + ".author",
                    FhirErrors.MISSING_ELEMENT,
                    "required: the unit that draws the SIP up, as an author Organization with an HSA-id"));
        }
        if (person == null) {
            issues.add(FhirErrors.invalid(
                    at + ".contributor",
                    FhirErrors.MISSING_ELEMENT,
                    "required: who draws the SIP up, as a contributor Practitioner with an HSA-id"));
        }
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
        return new RequestActor.Actor(person, unit, null);
    }

    private static void unchanged(Object before, Object now, String expression, List<Issue> issues) {
        if (!Objects.equals(before, now)) {
            issues.add(FhirErrors.invalid(
                    expression, SipCommands.NOT_WRITABLE, "sip-service has no command that changes this"));
        }
    }

    private static String kommun(CarePlan plan) {
        Extension e = plan.getExtensionByUrl(Systems.EXT_KOMMUN);
        return e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
    }

    private static List<String> refs(List<Reference> refs) {
        return refs.stream().map(Reference::getReference).toList();
    }

    private static List<String> meetings(CarePlan plan) {
        return plan.getActivity().stream()
                .filter(a -> a.hasReference())
                .map(a -> a.getReference().getReference())
                .toList();
    }
}
