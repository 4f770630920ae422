package se.naravard.gateway.encounter;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.fhir.DateSearch;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.EpisodeSearch;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/** Encounter (inpatient episode, same id and version): read, vread, search by patient, status, _id. */
public final class EncounterProvider implements IResourceProvider {

    public static final String REVINCLUDE_COMMUNICATION = "Communication:encounter";
    public static final String REVINCLUDE_TASK = "Task:encounter";

    /** What an episode holds besides its Encounter, as FHIR (its Communications, its Tasks). */
    public interface EpisodeParts extends BiFunction<Episode, String, List<? extends IAnyResource>> {}

    private final EpisodeReads episodes;
    private final PatientResolver patients;
    private final EpisodeParts communications;
    private final EpisodeParts tasks;

    /**
     * {@code communications} and {@code tasks} map an episode's messages and deadline tasks for {@code
     * _revinclude} (the server wires the Communication and Task mappers in, so this package does not
     * depend on theirs).
     */
    public EncounterProvider(
            EpisodeReads episodes, PatientResolver patients, EpisodeParts communications, EpisodeParts tasks) {
        this.episodes = episodes;
        this.patients = patients;
        this.communications = communications;
        this.tasks = tasks;
    }

    @Override
    public Class<Encounter> getResourceType() {
        return Encounter.class;
    }

    @Read(version = true)
    public Encounter read(@IdParam IdType id) {
        Episode e = id.hasVersionIdPart()
                ? episodes.version("Encounter", id.getIdPart(), id.getVersionIdPart())
                : episodes.current("Encounter", id.getIdPart());
        return EncounterMapper.toEncounter(e, episodes.patientKey(e));
    }

    @History
    public List<Encounter> history(@IdParam IdType id) {
        return episodes.history("Encounter", id.getIdPart()).stream()
                .map(e -> EncounterMapper.toEncounter(e, episodes.patientKey(e)))
                .toList();
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = Encounter.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(
                            name = Encounter.SP_SUBJECT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam subject,
            @OptionalParam(name = Encounter.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id,
            @OptionalParam(name = Encounter.SP_DATE) DateRangeParam date,
            @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
            @IncludeParam(
                            reverse = true,
                            allow = {REVINCLUDE_COMMUNICATION, REVINCLUDE_TASK})
                    Set<Include> revIncludes) {
        String key = PatientSearch.key(patients, "Encounter", patient, subject);
        boolean withCommunications = wants(revIncludes, REVINCLUDE_COMMUNICATION);
        boolean withTasks = wants(revIncludes, REVINCLUDE_TASK);
        List<Encounter> found = new ArrayList<>();
        Map<Encounter, List<IAnyResource>> revIncluded = new IdentityHashMap<>();
        for (Episode e : EpisodeSearch.find(episodes, key, EpisodeSearch.id(id), "Encounter", "_id")) {
            String patientKey = episodes.patientKey(e);
            Encounter enc = EncounterMapper.toEncounter(e, patientKey);
            if (matches(status, enc.getStatus().toCode(), "http://hl7.org/fhir/encounter-status")
                    && DateSearch.period(date, enc.getPeriod())
                    && DateSearch.lastUpdated(lastUpdated, enc)) {
                found.add(enc);
                // The episode holds its messages and tasks: reverse includes cost no further call.
                List<IAnyResource> more = new ArrayList<>();
                if (withCommunications) {
                    more.addAll(communications.apply(e, patientKey));
                }
                if (withTasks) {
                    more.addAll(tasks.apply(e, patientKey));
                }
                revIncluded.put(enc, more);
            }
        }
        return SearchResults.of(request, found, enc -> revIncluded.getOrDefault(enc, List.of()));
    }

    /** A token search of a code: any of the tokens, with the system given or none. */
    private static boolean wants(Set<Include> includes, String value) {
        return includes != null && includes.stream().anyMatch(i -> i.getValue().equals(value));
    }

    public static boolean matches(TokenOrListParam tokens, String code, String system) {
        if (tokens == null || tokens.getValuesAsQueryTokens().isEmpty()) {
            return true;
        }
        return tokens.getValuesAsQueryTokens().stream()
                .anyMatch(t -> t.getValue().equals(code)
                        && (t.getSystem() == null
                                || t.getSystem().isEmpty()
                                || t.getSystem().equals(system)));
    }
}
