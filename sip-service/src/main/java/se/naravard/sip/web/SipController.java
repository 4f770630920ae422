package se.naravard.sip.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import se.naravard.platform.domain.Rejection;
import se.naravard.sip.SipCommands.Draft;
import se.naravard.sip.SipCommands.Target;
import se.naravard.sip.SipCommands.TargetStatus;
import se.naravard.sip.SipService;
import se.naravard.sip.SipService.FollowUpPlan;
import se.naravard.sip.document.Docs.ConsentDoc;
import se.naravard.sip.document.Docs.GiverDoc;
import se.naravard.sip.document.Docs.GoalDoc;
import se.naravard.sip.document.Docs.InterventionDoc;
import se.naravard.sip.document.Docs.MeetingDoc;
import se.naravard.sip.document.Docs.ParticipantDoc;
import se.naravard.sip.document.Docs.SipDocument;
import se.naravard.sip.document.EntryReader;
import se.naravard.sip.model.Change;
import se.naravard.sip.model.Consent;
import se.naravard.sip.model.Goal;
import se.naravard.sip.model.Intervention;
import se.naravard.sip.model.Meeting;
import se.naravard.sip.model.Participant;
import se.naravard.sip.model.Principal;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipDraft;
import se.naravard.sip.model.SipRejections;
import se.naravard.sip.web.CommandReader.Faults;

/**
 * The commands of the internal SIP API. Thin: reads the request into a command, calls one use case,
 * writes the document. Versions travel as ETags ({@code "3"}); every change of an existing SIP needs
 * {@code If-Match} with the version it was based on.
 */
@Controller("/sips")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "SIPs")
public class SipController {

    static final String UNKNOWN_STATUS = "SIP-072";
    static final String ID_MISMATCH = "SIP-078";

    private static final Pattern DRAFT_PARTICIPANT = Pattern.compile("^/participants/(\\d+)(.*)$");

    private final SipService sips;
    private final CommandReader reader;

    public SipController(SipService sips, CommandReader reader) {
        this.sips = sips;
        this.reader = reader;
    }

    @Post
    @Operation(
            summary = "Draw up a new SIP (status draft, version 1) with the person and, optionally, its participants,"
                    + " goals, interventions, overall responsibility, närstående objection, consent and follow-up")
    public HttpResponse<SipDocument> draft(@Body Requests.DraftSip body) {
        Faults f = new Faults();
        var person = reader.person(body.person(), f);
        var kommun = reader.kommun(body.kommun(), f);
        Change change = change(body.actor(), body.reason(), f);
        SipDraft content = draftContent(body, f);
        f.throwIfAny("The SIP is not valid");
        Sip created = Http.repointing(
                SipController::intoDraftBody, () -> sips.draft(new Draft(person, kommun, content, change)));
        return HttpResponse.created(
                        se.naravard.sip.document.SipDocuments.toDocument(created), URI.create("/sips/" + created.id()))
                .header("ETag", Http.etag(created.version()));
    }

    /**
     * The parts of a new SIP, read with the single commands' readers; each fault points into the body
     * ({@code /participants/2/unit}: the third participant given).
     */
    private SipDraft draftContent(Requests.DraftSip body, Faults f) {
        EntryReader r = f.entries();
        List<Participant> participants = new ArrayList<>();
        items(body.participants(), "/participants", f, (node, at) -> {
            ParticipantDoc d = reader.requiredTree(node, ParticipantDoc.class, at, f);
            Participant p = d == null ? null : r.participant(d, at);
            if (p != null) {
                participants.add(p);
            }
        });
        List<Goal> goals = new ArrayList<>();
        items(body.goals(), "/goals", f, (node, at) -> {
            GoalDoc d = reader.requiredTree(node, GoalDoc.class, at, f);
            if (d != null) {
                goals.add(new Goal(d.text()));
            }
        });
        List<Intervention> interventions = new ArrayList<>();
        items(body.interventions(), "/interventions", f, (node, at) -> {
            InterventionDoc d = reader.requiredTree(node, InterventionDoc.class, at, f);
            Intervention i = d == null ? null : r.intervention(null, d, at);
            if (i != null) {
                interventions.add(i);
            }
        });
        Principal overall = r.code(Principal.class, body.overallResponsibility(), "/overallResponsibility");
        ConsentDoc consentDoc = reader.tree(body.consent(), ConsentDoc.class, "/consent", f);
        Consent consent = consentDoc == null ? null : r.consent(consentDoc, "/consent", sips.now());
        Requests.DraftFollowUp followUpDoc = reader.tree(body.followUp(), Requests.DraftFollowUp.class, "/followUp", f);
        SipDraft.PlannedFollowUp followUp = followUpDoc == null
                ? null
                : new SipDraft.PlannedFollowUp(
                        r.date(followUpDoc.date(), "/followUp/date"),
                        r.participantId(followUpDoc.by(), "/followUp/by"));
        return new SipDraft(
                participants,
                goals,
                interventions,
                overall,
                Boolean.TRUE.equals(body.objectsToNarstaende()),
                consent,
                followUp);
    }

    /** Each entry of a JSON list with its pointer; a list that is none is refused at its pointer. */
    private static void items(JsonNode list, String pointer, Faults f, BiConsumer<JsonNode, String> each) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            f.add(new Rejection(CommandReader.MALFORMED, pointer, "a list is expected"));
            return;
        }
        int i = 0;
        for (JsonNode item : list.values()) {
            each.accept(item, pointer + "/" + i++);
        }
    }

    /**
     * A pointer into the new SIP's document as the same place in the body: a participant's index without
     * the person ({@code /participants/3} is the body's {@code /participants/2}), the consent and the
     * follow-up single ({@code /consents/0} → {@code /consent}, {@code /followUps/0} → {@code /followUp}).
     */
    static String intoDraftBody(String pointer) {
        var m = DRAFT_PARTICIPANT.matcher(pointer);
        if (m.matches() && Integer.parseInt(m.group(1)) > 0) {
            return "/participants/" + (Integer.parseInt(m.group(1)) - 1) + m.group(2);
        }
        if (pointer.startsWith("/consents/0")) {
            return "/consent" + pointer.substring("/consents/0".length());
        }
        if (pointer.startsWith("/followUps/0")) {
            return "/followUp" + pointer.substring("/followUps/0".length());
        }
        return pointer;
    }

    @Post("/{id}/participants")
    @Operation(summary = "Add a participant: a närstående, a region or municipal unit, or another party")
    public HttpResponse<SipDocument> addParticipant(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.AddParticipant body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        ParticipantDoc d = reader.requiredTree(body.participant(), ParticipantDoc.class, "/participant", f);
        var participant = d == null ? null : f.entries().participant(d, "/participant");
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The participant is not valid");
        return Http.ok(Http.repointing(
                entry("participants"), "/participant", () -> sips.addParticipant(target, participant, change)));
    }

    @Put("/{id}/participants/{participantId}")
    @Operation(summary = "Change a participant's details (same id, kind and unit; never the person)")
    public HttpResponse<SipDocument> changeParticipant(
            @PathVariable String id,
            @PathVariable String participantId,
            @Nullable @Header("If-Match") String ifMatch,
            @Body Requests.AddParticipant body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        EntryReader r = f.entries();
        var pid = r.participantId(participantId, "/participantId");
        ParticipantDoc d = reader.requiredTree(body.participant(), ParticipantDoc.class, "/participant", f);
        Participant participant = null;
        if (d != null && d.id() != null && !d.id().equals(participantId)) {
            f.add(new Rejection(ID_MISMATCH, "/participant/id", "the id differs from the one in the path"));
        } else if (d != null && pid != null) {
            participant = r.participant(withId(d, participantId), "/participant");
        }
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The participant is not valid");
        Participant changed = participant;
        return Http.ok(Http.repointing(
                entry("participants"), "/participant", () -> sips.changeParticipant(target, changed, change)));
    }

    private static ParticipantDoc withId(ParticipantDoc d, String id) {
        return new ParticipantDoc(
                id,
                d.kind(),
                d.name(),
                d.relation(),
                d.principal(),
                d.unit(),
                d.role(),
                d.contactName(),
                d.organisation());
    }

    @Delete("/{id}/participants/{participantId}")
    @Operation(summary = "Take a participant out of the SIP (never the person)")
    public HttpResponse<SipDocument> removeParticipant(
            @PathVariable String id,
            @PathVariable String participantId,
            @Nullable @Header("If-Match") String ifMatch,
            @Body Requests.Plain body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        var pid = f.entries().participantId(participantId, "/participantId");
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The removal is not valid");
        return Http.ok(sips.removeParticipant(target, pid, change));
    }

    @Put("/{id}/narstaende-objection")
    @Operation(summary = "Record whether the person objects to närstående taking part; an objection removes them")
    public HttpResponse<SipDocument> narstaendeObjection(
            @PathVariable String id,
            @Nullable @Header("If-Match") String ifMatch,
            @Body Requests.NarstaendeObjection body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        f.entries().required(body.objects(), "/objects");
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The objection is not valid");
        return Http.ok(sips.recordObjectionToNarstaende(target, body.objects(), change));
    }

    @Post("/{id}/consents")
    @Operation(summary = "Record the person's (or legal representative's) consent; it becomes the current one")
    public HttpResponse<SipDocument> giveConsent(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.GiveConsent body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        ConsentDoc d = reader.requiredTree(body.consent(), ConsentDoc.class, "/consent", f);
        var consent = d == null ? null : f.entries().consent(d, "/consent", sips.now());
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The consent is not valid");
        return Http.ok(Http.repointing(entry("consents"), "/consent", () -> sips.giveConsent(target, consent, change)));
    }

    @Post("/{id}/consents/revocation")
    @Operation(summary = "Revoke the current consent now: sharing stops at once (consent-revoked)")
    public HttpResponse<SipDocument> revokeConsent(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.RevokeConsent body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        GiverDoc by = reader.tree(body.by(), GiverDoc.class, "/by", f);
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The revocation is not valid");
        var giver = f.entries().giver(by);
        return Http.ok(Http.repointing(
                Pattern.compile("/consents/\\d+/revocation/by"),
                "/by",
                () -> sips.revokeConsent(target, giver, change)));
    }

    @Post("/{id}/goals")
    @Operation(summary = "Add one of the person's own goals, in their words")
    public HttpResponse<SipDocument> addGoal(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.AddGoal body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The goal is not valid");
        return Http.ok(Http.repointing(
                Pattern.compile("/goals/\\d+/text"),
                "/text",
                () -> sips.addGoal(target, new Goal(body.text()), change)));
    }

    @Put("/{id}/interventions/{interventionId}")
    @Operation(summary = "Add or replace an intervention (insats) with its responsible principal and unit")
    public HttpResponse<SipDocument> putIntervention(
            @PathVariable String id,
            @PathVariable String interventionId,
            @Nullable @Header("If-Match") String ifMatch,
            @Body Requests.PutIntervention body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        EntryReader r = f.entries();
        var iid = r.interventionId(interventionId, "/interventionId");
        InterventionDoc d = reader.requiredTree(body.intervention(), InterventionDoc.class, "/intervention", f);
        if (d != null && d.id() != null && !d.id().equals(interventionId)) {
            f.add(new Rejection(ID_MISMATCH, "/intervention/id", "the id differs from the one in the path"));
        }
        var intervention = d == null || iid == null ? null : r.intervention(iid, d, "/intervention");
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The intervention is not valid");
        return Http.ok(Http.repointing(
                entry("interventions"), "/intervention", () -> sips.putIntervention(target, intervention, change)));
    }

    @Put("/{id}/overall-responsibility")
    @Operation(summary = "Name the principal (REGION or MUNICIPALITY) with overall responsibility")
    public HttpResponse<SipDocument> overallResponsibility(
            @PathVariable String id,
            @Nullable @Header("If-Match") String ifMatch,
            @Body Requests.OverallResponsibility body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        Principal principal = f.entries().code(Principal.class, body.principal(), "/principal");
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The overall responsibility is not valid");
        return Http.ok(Http.repointing(
                Pattern.compile("/overallResponsibility"),
                "/principal",
                () -> sips.setOverallResponsibility(target, principal, change)));
    }

    @Post("/{id}/meetings")
    @Operation(summary = "Plan a SIP meeting")
    public HttpResponse<SipDocument> planMeeting(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.PlanMeeting body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        EntryReader r = f.entries();
        MeetingDoc d = reader.requiredTree(body.meeting(), MeetingDoc.class, "/meeting", f);
        Meeting planned = null;
        if (d != null) {
            var mid = r.meetingId(r.need(d.id(), "/meeting/id"), "/meeting/id");
            var at = r.instant(r.need(d.plannedAt(), "/meeting/plannedAt"), "/meeting/plannedAt");
            if (d.held() != null) {
                f.add(SipRejections.MEETING_ALREADY_HELD.at(
                        "/meeting/held", "record a held meeting with its own command"));
            }
            planned = mid == null || at == null ? null : new Meeting(mid, at, d.placeOrMode(), null);
        }
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The meeting is not valid");
        Meeting meeting = planned;
        return Http.ok(Http.repointing(entry("meetings"), "/meeting", () -> sips.planMeeting(target, meeting, change)));
    }

    @Post("/{id}/meetings/{meetingId}/held")
    @Operation(summary = "Record that a planned meeting took place and who attended")
    public HttpResponse<SipDocument> meetingHeld(
            @PathVariable String id,
            @PathVariable String meetingId,
            @Nullable @Header("If-Match") String ifMatch,
            @Body Requests.MeetingHeld body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        EntryReader r = f.entries();
        var mid = r.meetingId(meetingId, "/meetingId");
        var at = r.instant(r.need(body.at(), "/at"), "/at");
        var attendees = r.list(body.attendees(), "/attendees", r::participantId);
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The meeting record is not valid");
        return Http.ok(Http.repointing(
                Pattern.compile("/meetings/\\d+/held"),
                "",
                () -> sips.recordMeetingHeld(target, mid, new Meeting.Held(at, attendees), change)));
    }

    @Put("/{id}/follow-up")
    @Operation(summary = "Set when and by which participant the plan is followed up")
    public HttpResponse<SipDocument> followUp(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.FollowUp body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        EntryReader r = f.entries();
        var plan = new FollowUpPlan(r.date(body.date(), "/date"), r.participantId(body.by(), "/by"));
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The follow-up is not valid");
        return Http.ok(Http.repointing(entry("followUps"), "", () -> sips.setFollowUp(target, plan, change)));
    }

    @Post("/{id}/follow-up/result")
    @Operation(summary = "Record the result of the due follow-up (active SIPs)")
    public HttpResponse<SipDocument> followUpResult(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.FollowUpResult body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The follow-up result is not valid");
        return Http.ok(Http.repointing(
                Pattern.compile("/followUps/\\d+/result/text"),
                "/result",
                () -> sips.recordFollowUpResult(target, body.result(), change)));
    }

    @Post("/{id}/status")
    @Operation(summary = "Activate, complete, cancel or mark entered-in-error")
    public HttpResponse<SipDocument> changeStatus(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.ChangeStatus body) {
        Target target = target(id, ifMatch);
        Faults f = new Faults();
        TargetStatus status = null;
        if (body.status() == null) {
            f.add(new Rejection(CommandReader.REQUIRED, "/status", "the new status is required"));
        } else {
            status = TargetStatus.fromCode(body.status()).orElse(null);
            if (status == null) {
                f.add(new Rejection(
                        UNKNOWN_STATUS,
                        "/status",
                        "unknown status; allowed: active, completed, cancelled, entered-in-error"));
            }
        }
        Change change = change(body.actor(), body.reason(), f);
        f.throwIfAny("The status change is not valid");
        return Http.ok(sips.changeStatus(target, status, change));
    }

    private Change change(JsonNode actor, String reason, Faults f) {
        return reader.change(actor, reason, sips.now(), f);
    }

    private static Target target(String id, String ifMatch) {
        var sipId = Http.sipId(id);
        return new Target(sipId, Http.expectedVersion(ifMatch));
    }

    private static Pattern entry(String list) {
        return Pattern.compile("/" + list + "/\\d+");
    }
}
