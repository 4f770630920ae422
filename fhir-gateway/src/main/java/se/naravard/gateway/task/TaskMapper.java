package se.naravard.gateway.task;

import static se.naravard.gateway.fhir.References.isBlank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.transition.TransitionDocs.DeadlineTask;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * The LUS deadline clocks of an episode as {@code Task}s ({@code id} = the task id, stable across the
 * episode's versions): the kind as code, the due time as {@code restriction.period.end}, the triggering
 * message as {@code focus}, the message that met it as {@code output}.
 */
public final class TaskMapper {

    public static final Map<String, String> KINDS = Map.of(
            "admission-notice", "Inskrivningsmeddelande inom 24 timmar",
            "sip-call-in", "Kallelse till SIP inom tre dagar",
            "discharge-information", "Information senast utskrivningsdagen",
            "withdrawal-notice", "Återtagande av utskrivningsklar utan dröjsmål",
            "receipt", "Kvittens från mottagaren");

    /** Kinds the admitting (hospital) unit owes; a receipt is owed by its addressee, a SIP call-in by primary care. */
    private static final List<String> OWED_BY_HOSPITAL =
            List.of("admission-notice", "discharge-information", "withdrawal-notice");

    private TaskMapper() {}

    public static List<Task> toTasks(Episode e, String patientKey) {
        List<Task> all = new ArrayList<>();
        for (DeadlineTask t : e.tasksOrEmpty()) {
            all.add(toTask(e, t, patientKey));
        }
        return all;
    }

    public static Task toTask(Episode e, DeadlineTask t, String patientKey) {
        Task task = new Task();
        task.setId("Task/" + t.id());
        task.setMeta(new Meta()
                .setLastUpdatedElement(References.instant(
                        e.lastChange() == null ? null : e.lastChange().at())));
        task.setText(References.narrative("LUS-tidsfrist: " + display(t.kind()) + " (" + t.state() + ")"));
        task.addIdentifier(new Identifier().setSystem(Systems.LUS_TASK_ID).setValue(t.id()));
        task.setStatus(status(t.state()));
        if ("missed".equals(t.state())) {
            task.setStatusReason(new CodeableConcept()
                    .setText(
                            isBlank(t.fulfilledLateAt())
                                    ? "Tidsfristen missad"
                                    : "Tidsfristen missad, fullgjord för sent"));
        }
        task.setIntent(TaskIntent.ORDER);
        if (!isBlank(t.kind())) {
            task.setCode(
                    new CodeableConcept().addCoding(new Coding(Systems.LUS_TASK_KIND, t.kind(), KINDS.get(t.kind()))));
        }
        task.setFor(References.patient(patientKey));
        task.setEncounter(new Reference("Encounter/" + e.id()));
        if (!isBlank(t.trigger())) {
            task.setFocus(new Reference("Communication/" + t.trigger()));
        }
        var due = References.dateTime(t.dueAt());
        if (due != null) {
            task.getRestriction().setPeriod(new Period().setEndElement(due));
        }
        String doneAt = "met".equals(t.state()) ? t.metAt() : t.fulfilledLateAt();
        var done = References.dateTime(doneAt);
        if (done != null) {
            task.setExecutionPeriod(new Period().setEndElement(done));
        }
        var missed = References.dateTime(t.missedAt());
        if (missed != null) {
            task.setLastModifiedElement(missed);
        } else if (done != null) {
            task.setLastModifiedElement(done);
        }
        Reference owner = owner(e, t);
        if (owner != null) {
            task.setOwner(owner);
        }
        if (!isBlank(t.fulfilledBy())) {
            task.addOutput()
                    .setType(new CodeableConcept().setText("Fullgjord genom meddelande"))
                    .setValue(new Reference("Communication/" + t.fulfilledBy()));
        }
        return task;
    }

    /** open → requested, met → completed, missed → failed (also when fulfilled late). */
    public static TaskStatus status(String state) {
        if (state == null) {
            return TaskStatus.REQUESTED;
        }
        switch (state) {
            case "met":
                return TaskStatus.COMPLETED;
            case "missed":
                return TaskStatus.FAILED;
            default:
                return TaskStatus.REQUESTED;
        }
    }

    private static Reference owner(Episode e, DeadlineTask t) {
        if (!isBlank(t.addressee())) {
            return References.organization(t.addressee(), null);
        }
        if (OWED_BY_HOSPITAL.contains(t.kind())) {
            return References.organization(e.admittingUnit(), null);
        }
        return null;
    }

    static String display(String kind) {
        String d = kind == null ? null : KINDS.get(kind);
        return d == null ? (kind == null ? "okänd" : kind) : d;
    }
}
