package se.naravard.gateway.transition;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * The episodes a search means: those of one patient ({@code patient}/{@code subject}/{@code for}), one
 * episode ({@code encounter}, or {@code _id} for Encounter), or both. A search must name one of them.
 */
public final class EpisodeSearch {

    private EpisodeSearch() {}

    /**
     * @param episodeId the episode named by {@code encounter} or {@code _id}, or null
     * @param parameter the search parameter that names an episode ({@code encounter} or {@code _id})
     */
    public static List<Episode> find(
            EpisodeReads episodes, String patientKey, String episodeId, String type, String parameter) {
        if (episodeId != null) {
            Episode e = episodes.find(episodeId);
            if (e == null) {
                return List.of();
            }
            return patientKey == null || patientKey.equals(episodes.patientKey(e)) ? List.of(e) : List.of();
        }
        if (patientKey == null) {
            throw FhirErrors.badParameter(
                    "patient",
                    type.equals("Task") ? "Task.for" : type + ".subject",
                    FhirErrors.SEARCH_NEEDS_PATIENT,
                    "search " + type + " by patient, subject or " + parameter);
        }
        return episodes.forPatient(patientKey);
    }

    /** The episode id of an {@code encounter} search ({@code Encounter/<id>} or {@code <id>}), or null. */
    public static String encounterId(ReferenceParam encounter, String type) {
        if (encounter == null) {
            return null;
        }
        String resourceType = encounter.getResourceType();
        if ((resourceType != null && !resourceType.isEmpty() && !resourceType.equals("Encounter"))
                || (encounter.getChain() != null && !encounter.getChain().isEmpty())) {
            throw FhirErrors.badParameter(
                    "encounter",
                    type + ".encounter",
                    FhirErrors.BAD_REFERENCE,
                    "the reference must be to an Encounter (Encounter/<id> or <id>), without a chain");
        }
        return encounter.getIdPart();
    }

    public static String id(TokenParam id) {
        return id == null || id.getValue() == null || id.getValue().isEmpty() ? null : id.getValue();
    }
}
