package se.naravard.gateway.task;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Task;
import se.naravard.gateway.encounter.EncounterProvider;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.sip.SipClient;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.EpisodeSearch;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * Task (one per LUS deadline clock, id = the task id): read; search by patient, subject, encounter and
 * status; update of a SIP call-in clock to completed ({@link CallInCompletion}).
 */
public final class TaskProvider implements IResourceProvider {

    private final EpisodeReads episodes;
    private final PatientResolver patients;
    private final CallInCompletion completions;

    /** {@code settle}: how long an update waits for transition-service to record the kallelse. */
    public TaskProvider(EpisodeReads episodes, PatientResolver patients, SipClient sips, Duration settle) {
        this.episodes = episodes;
        this.patients = patients;
        this.completions = new CallInCompletion(episodes, sips, settle);
    }

    @Override
    public Class<Task> getResourceType() {
        return Task.class;
    }

    @Read
    public Task read(@IdParam IdType id) {
        Episode e = episodes.byTask(id.getIdPart());
        return TaskMapper.toTasks(e, episodes.patientKey(e)).stream()
                .filter(t -> id.getIdPart().equals(t.getIdElement().getIdPart()))
                .findFirst()
                .orElseThrow(() -> FhirErrors.notFound("Task", id.getIdPart(), null));
    }

    /**
     * The SIP called: {@code status} completed on a SIP call-in clock, with {@code X-Provenance} naming
     * who reports it ({@link RequestActor}). 200 with the Task once transition-service shows the
     * kallelse; 202 with the Task as it stands and an informational issue if that takes longer than
     * the settle time. HAPI applies {@code Prefer}.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Task incoming, RequestDetails request) {
        RequestActor.Actor actor = WriteActor.of(request);
        CallInCompletion.Result result = completions.apply(id.getIdPart(), incoming, actor);
        MethodOutcome outcome = new MethodOutcome(result.task().getIdElement())
                .setResource(result.task())
                .setCreated(false);
        if (!result.settled()) {
            outcome.setResponseStatusCode(202);
            OperationOutcome pending = new OperationOutcome();
            String why = "sip-service recorded the call-in as done; transition-service has not yet recorded the"
                    + " kallelse on this clock: read the Task again in a few seconds";
            pending.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics(why)
                    .setDetails(new CodeableConcept()
                            .addCoding(new Coding(Systems.ERROR_CODE, CallInCompletion.PENDING, null))
                            .setText(why));
            outcome.setOperationOutcome(pending);
        }
        return outcome;
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = Task.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(
                            name = Task.SP_SUBJECT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam subject,
            @OptionalParam(name = Task.SP_ENCOUNTER) ReferenceParam encounter,
            @OptionalParam(name = Task.SP_STATUS) TokenOrListParam status) {
        String key = PatientSearch.key(patients, "Task", patient, subject);
        String episodeId = EpisodeSearch.encounterId(encounter, "Task");
        List<Task> found = new ArrayList<>();
        for (Episode e : EpisodeSearch.find(episodes, key, episodeId, "Task", "encounter")) {
            for (Task t : TaskMapper.toTasks(e, episodes.patientKey(e))) {
                if (EncounterProvider.matches(status, t.getStatus().toCode(), "http://hl7.org/fhir/task-status")) {
                    found.add(t);
                }
            }
        }
        return SearchResults.of(request, found);
    }
}
