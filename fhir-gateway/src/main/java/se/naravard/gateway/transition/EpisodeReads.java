package se.naravard.gateway.transition;

import java.util.List;
import java.util.UUID;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.VersionHistory;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.gateway.transition.TransitionDocs.VersionSummary;

/**
 * The reads every episode-derived resource needs, with FHIR's answers for what is missing: an id that
 * is no episode id, or that transition-service does not know, is a 404 of the resource asked for.
 */
public final class EpisodeReads {

    private final TransitionClient client;
    private final PatientResolver patients;

    public EpisodeReads(TransitionClient client, PatientResolver patients) {
        this.client = client;
        this.patients = patients;
    }

    public Episode current(String resourceType, String id) {
        if (!isEpisodeId(id)) {
            throw FhirErrors.notFound(resourceType, id, null);
        }
        return client.get(id).orElseThrow(() -> FhirErrors.notFound(resourceType, id, null));
    }

    public Episode version(String resourceType, String id, String version) {
        int v = FhirErrors.versionNumber(resourceType, id, version);
        if (!isEpisodeId(id)) {
            throw FhirErrors.notFound(resourceType, id, v);
        }
        return client.version(id, v).orElseThrow(() -> FhirErrors.notFound(resourceType, id, v));
    }

    /** Every version, newest first. */
    public List<Episode> history(String resourceType, String id) {
        if (!isEpisodeId(id)) {
            throw FhirErrors.notFound(resourceType, id, null);
        }
        List<Integer> versions =
                client.versions(id).orElseThrow(() -> FhirErrors.notFound(resourceType, id, null)).versions().stream()
                        .map(VersionSummary::version)
                        .toList();
        return VersionHistory.newestFirst(versions, v -> client.version(id, v));
    }

    /** The episode holding the LUS message {@code messageId}; 404 of the Communication when there is none. */
    public Episode byMessage(String messageId) {
        if (!isEpisodeId(messageId)) {
            throw FhirErrors.notFound("Communication", messageId, null);
        }
        return client.byMessageId(messageId).orElseThrow(() -> FhirErrors.notFound("Communication", messageId, null));
    }

    /** The episode holding the LUS message {@code messageId}, or null. */
    public Episode findByMessage(String messageId) {
        return isEpisodeId(messageId) ? client.byMessageId(messageId).orElse(null) : null;
    }

    /** The episode holding the deadline task {@code taskId}; 404 of the Task when there is none. */
    public Episode byTask(String taskId) {
        if (!isEpisodeId(taskId)) {
            throw FhirErrors.notFound("Task", taskId, null);
        }
        return client.byTaskId(taskId).orElseThrow(() -> FhirErrors.notFound("Task", taskId, null));
    }

    /** The episode, or null when the id is no episode id or transition-service does not know it. */
    public Episode find(String id) {
        return isEpisodeId(id) ? client.get(id).orElse(null) : null;
    }

    public List<Episode> forPatient(String patientKey) {
        if (!PatientResolver.isKey(patientKey)) {
            return List.of();
        }
        return client.byPatientKey(patientKey);
    }

    public String patientKey(Episode e) {
        return patients.keyOf(e.patient().system(), e.patient().value());
    }

    /** A UUID in its 36-character form: episode, message and task ids are. */
    static boolean isEpisodeId(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
