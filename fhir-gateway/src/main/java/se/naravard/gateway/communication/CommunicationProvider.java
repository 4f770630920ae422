package se.naravard.gateway.communication;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import se.naravard.gateway.encounter.EncounterMapper;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.EpisodeSearch;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * Communication (one per LUS message): search by patient, subject or encounter, with {@code
 * _include=Communication:encounter}. No read: transition-service has no lookup by message id, and the
 * id is the message id (docs/fhir.md).
 */
public final class CommunicationProvider implements IResourceProvider {

    static final String INCLUDE_ENCOUNTER = "Communication:encounter";

    private final EpisodeReads episodes;
    private final PatientResolver patients;

    public CommunicationProvider(EpisodeReads episodes, PatientResolver patients) {
        this.episodes = episodes;
        this.patients = patients;
    }

    @Override
    public Class<Communication> getResourceType() {
        return Communication.class;
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(
                            name = Communication.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(
                            name = Communication.SP_SUBJECT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam subject,
            @OptionalParam(name = Communication.SP_ENCOUNTER) ReferenceParam encounter,
            @IncludeParam(allow = {INCLUDE_ENCOUNTER}) Set<Include> includes) {
        String key = PatientSearch.key(patients, "Communication", patient, subject);
        String episodeId = EpisodeSearch.encounterId(encounter, "Communication");
        boolean include =
                includes != null && includes.stream().anyMatch(i -> i.getValue().equals(INCLUDE_ENCOUNTER));
        List<Communication> found = new ArrayList<>();
        for (Episode e : EpisodeSearch.find(episodes, key, episodeId, "Communication", "encounter")) {
            String patientKey = episodes.patientKey(e);
            Encounter enc = include ? EncounterMapper.toEncounter(e, patientKey) : null;
            for (Communication c : CommunicationMapper.toCommunications(e, patientKey)) {
                if (enc != null) {
                    c.getEncounter().setResource(enc);
                }
                found.add(c);
            }
        }
        return SearchResults.of(found);
    }
}
