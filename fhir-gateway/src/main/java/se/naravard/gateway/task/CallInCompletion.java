package se.naravard.gateway.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipClient;
import se.naravard.gateway.sip.SipDocs.CallIn;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionDocs.DeadlineTask;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * {@code PUT Task/<id>} with {@code status} completed on a SIP call-in clock: the fast vårdkontakt
 * reports the SIP called (kallelse till SIP, DOMAIN.md §5 step 5). The gateway does not record the
 * kallelse in transition-service itself. It reports the completion to sip-service's call-in task that
 * follows this clock; sip-service emits {@code se.naravard.sip.call-in-completed.v1}, from which
 * transition-service records the kallelse, meeting the clock (or recording it as done late). The
 * gateway then waits, at most {@code settle}, until the Task shows it: 200 with the Task completed (or
 * failed, done late); if the event is slower, 202 with the Task as it stands and an informational
 * issue, and the Task follows within seconds.
 *
 * <p>What the Task may carry: {@code executionPeriod.end}, when the kallelse went out (default now);
 * {@code output} references to the SIP's CarePlan ({@code CarePlan/sip-<id>}, default the linked SIP)
 * and to the units called (Organization by HSA-id, default every addressee of the utskrivningsklar
 * notice). Everything else is the clock's and cannot change. A PUT that changes nothing, or repeats a
 * completion, is 200 with the Task and sends nothing: the update is idempotent, so no {@code If-Match}
 * is needed (nor kept: a Task's version is not served).
 */
final class CallInCompletion {

    /** An update of a Task that is not a SIP call-in clock: those are met by the LUS messages. */
    static final String NOT_A_CALL_IN = "GATEWAY-060";
    /** A status other than completed on a clock that is not already in it. */
    static final String ONLY_COMPLETED = "GATEWAY-061";
    /** sip-service has not opened the call-in task of this clock (yet). */
    static final String NO_CALL_IN = "GATEWAY-062";
    /** The call-in task was cancelled (the notice withdrawn, the episode closed). */
    static final String CALL_IN_CANCELLED = "GATEWAY-063";
    /** Informational (202): the completion is recorded in sip-service, the Task does not show it yet. */
    static final String PENDING = "GATEWAY-064";
    /** An element of the Task the update cannot change. */
    static final String CANNOT_CHANGE = "GATEWAY-040";

    static final String SIP_CALL_IN = "sip-call-in";

    /** The Task as stored, and whether it is settled (shows the completion) or the event is still on its way. */
    record Result(Task task, boolean settled) {}

    private final EpisodeReads episodes;
    private final SipClient sips;
    private final Duration settle;

    CallInCompletion(EpisodeReads episodes, SipClient sips, Duration settle) {
        this.episodes = episodes;
        this.sips = sips;
        this.settle = settle;
    }

    Result apply(String taskId, Task incoming, RequestActor.Actor actor) {
        Episode episode = episodes.byTask(taskId);
        Task stored = mapped(episode, taskId);
        DeadlineTask clock = clock(episode, taskId);
        if (!SIP_CALL_IN.equals(clock.kind())) {
            throw FhirErrors.businessRule(
                    NOT_A_CALL_IN,
                    "Task.code",
                    "only a SIP call-in clock is completed with an update; the other LUS clocks are met by"
                            + " their messages: create the Communication");
        }
        unchanged(incoming, stored);
        if (done(clock) || incoming.getStatus() == stored.getStatus()) {
            return new Result(stored, true);
        }
        if (incoming.getStatus() != TaskStatus.COMPLETED) {
            throw FhirErrors.businessRule(
                    ONLY_COMPLETED,
                    "Task.status",
                    "a SIP call-in clock is reported done with status completed; its other states follow"
                            + " its deadline");
        }
        Command command = Command.of(incoming, actor);
        CallIn callIn = sips.callInOfTransitionTask(taskId)
                .orElseThrow(() -> FhirErrors.withStatus(
                        409,
                        new Issue(
                                IssueType.CONFLICT,
                                NO_CALL_IN,
                                "sip-service has not opened the call-in task of this clock yet (it does when the"
                                        + " utskrivningsklar notice reaches it, normally within seconds): retry",
                                List.of("Task"),
                                null)));
        switch (callIn.status()) {
            case "open":
                sips.completeCallIn(callIn.id(), command.body(), command::expression);
                break;
            case "cancelled":
                throw FhirErrors.withStatus(
                        409,
                        new Issue(
                                IssueType.CONFLICT,
                                CALL_IN_CANCELLED,
                                "the call-in task of this clock was cancelled ("
                                        + Objects.requireNonNullElse(callIn.cancelReason(), "no reason given")
                                        + ")",
                                List.of("Task.status"),
                                null));
            default:
                // completed in sip-service: transition-service has not recorded the kallelse yet
                break;
        }
        return awaitSettled(taskId, stored);
    }

    /** Polls the clock until it shows the completion, at most {@code settle}. */
    private Result awaitSettled(String taskId, Task before) {
        long deadline = System.nanoTime() + settle.toNanos();
        long pause = 50;
        Task latest = before;
        while (true) {
            Episode e = episodes.byTask(taskId);
            latest = mapped(e, taskId);
            if (done(clock(e, taskId))) {
                return new Result(latest, true);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Result(latest, false);
            }
            sleep(Math.min(pause, Duration.ofNanos(left).toMillis() + 1));
            pause = Math.min(pause * 2, 400);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FhirErrors.timeout("transition-service");
        }
    }

    /** Met, or missed and then done late: the kallelse is recorded. */
    static boolean done(DeadlineTask t) {
        return "met".equals(t.state()) || !References.isBlank(t.fulfilledLateAt());
    }

    private static DeadlineTask clock(Episode e, String taskId) {
        return e.tasksOrEmpty().stream()
                .filter(t -> taskId.equals(t.id()))
                .findFirst()
                .orElseThrow(() -> FhirErrors.notFound("Task", taskId, null));
    }

    private Task mapped(Episode e, String taskId) {
        return TaskMapper.toTask(e, clock(e, taskId), episodes.patientKey(e));
    }

    /** The clock's own elements, when the Task sent has them, must be the stored ones. */
    private static void unchanged(Task incoming, Task stored) {
        List<Issue> issues = new ArrayList<>();
        if (incoming.hasCode() && !incoming.getCode().hasCoding(Systems.LUS_TASK_KIND, SIP_CALL_IN)) {
            issues.add(FhirErrors.invalid("Task.code", CANNOT_CHANGE, "the kind of a clock cannot change"));
        }
        if (incoming.hasFor()
                && !Objects.equals(
                        incoming.getFor().getReference(), stored.getFor().getReference())) {
            issues.add(FhirErrors.invalid("Task.for", CANNOT_CHANGE, "a clock cannot move to another patient"));
        }
        if (incoming.hasEncounter()
                && !Objects.equals(
                        incoming.getEncounter().getReference(),
                        stored.getEncounter().getReference())) {
            issues.add(FhirErrors.invalid("Task.encounter", CANNOT_CHANGE, "a clock cannot move to another episode"));
        }
        if (incoming.getRestriction().getPeriod().hasEnd()
                && !incoming.getRestriction()
                        .getPeriod()
                        .getEndElement()
                        .equalsUsingFhirPathRules(
                                stored.getRestriction().getPeriod().getEndElement())) {
            issues.add(FhirErrors.invalid(
                    "Task.restriction.period.end", CANNOT_CHANGE, "the deadline is the law's, not the caller's"));
        }
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
    }

    /**
     * sip-service's completion command built from the Task, with the FHIRPath of each value it holds,
     * for translating sip-service's JSON pointers back.
     */
    record Command(ObjectNode body, Map<String, String> expressions) {

        static Command of(Task t, RequestActor.Actor actor) {
            JsonNodeFactory json = JsonNodeFactory.instance;
            ObjectNode body = json.objectNode();
            Map<String, String> expressions = new HashMap<>();
            List<Issue> issues = new ArrayList<>();
            body.putObject("actor").put("person", actor.person()).put("unit", actor.unit());
            if (t.getExecutionPeriod().hasEnd()) {
                String at = References.timeWithOffset(
                        t.getExecutionPeriod().getEndElement(), "Task.executionPeriod.end", issues);
                if (at != null) {
                    body.put("calledAt", at);
                }
            }
            expressions.put("/calledAt", "Task.executionPeriod.end");
            ArrayNode invitees = null;
            for (int i = 0; i < t.getOutput().size(); i++) {
                String path = "Task.output[" + i + "].value";
                if (!(t.getOutput().get(i).getValue() instanceof Reference r)) {
                    issues.add(FhirErrors.invalid(
                            path, FhirErrors.BAD_REFERENCE, "an output is a reference to the SIP or a unit called"));
                    continue;
                }
                if (r.getReferenceElement().getResourceType() != null
                        && r.getReferenceElement().getResourceType().equals("Communication")) {
                    continue; // the message that met the clock: the gateway's own output, read back
                }
                if ("CarePlan".equals(r.getReferenceElement().getResourceType())) {
                    String sip = SipIds.sipIdOfPlan(r.getReferenceElement().getIdPart());
                    if (sip == null || body.has("sipId")) {
                        issues.add(FhirErrors.invalid(
                                path, FhirErrors.BAD_REFERENCE, "one SIP's CarePlan (CarePlan/sip-<id>) at most"));
                    } else {
                        body.put("sipId", sip);
                        expressions.put("/sipId", path);
                    }
                    continue;
                }
                String unit = References.hsaId(r);
                if (unit == null) {
                    issues.add(FhirErrors.invalid(
                            path,
                            FhirErrors.BAD_REFERENCE,
                            "an output is the SIP's CarePlan or a unit called (Organization by HSA-id)"));
                    continue;
                }
                if (invitees == null) {
                    invitees = body.putArray("invitees");
                }
                expressions.put("/invitees/" + invitees.size(), path);
                invitees.add(unit);
            }
            if (!issues.isEmpty()) {
                throw FhirErrors.unprocessable(issues);
            }
            expressions.put("/status", "Task.status");
            return new Command(body, Map.copyOf(expressions));
        }

        /** The FHIRPath of the element sip-service's JSON pointer names, or null (the actor: X-Provenance). */
        String expression(String pointer, String code) {
            return expressions.get(pointer);
        }
    }
}
