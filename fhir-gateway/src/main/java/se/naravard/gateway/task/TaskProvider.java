package se.naravard.gateway.task;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;
import se.naravard.gateway.encounter.EncounterProvider;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.EpisodeSearch;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * Task (one per LUS deadline clock, id = the task id): read; search by patient, subject, encounter and
 * status.
 */
public final class TaskProvider implements IResourceProvider {

    private final EpisodeReads episodes;
    private final PatientResolver patients;

    public TaskProvider(EpisodeReads episodes, PatientResolver patients) {
        this.episodes = episodes;
        this.patients = patients;
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

    @Search
    public IBundleProvider search(
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
        return SearchResults.of(found);
    }
}
