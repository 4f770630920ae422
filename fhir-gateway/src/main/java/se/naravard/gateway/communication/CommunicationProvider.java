package se.naravard.gateway.communication;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.encounter.EncounterMapper;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.EpisodeSearch;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/**
 * Communication (one per LUS message, id = the message id): read; search by patient, subject or
 * encounter, with {@code _include=Communication:encounter}; create by journal systems (a LUS message,
 * an admission with its inskrivningsmeddelande, or a kvittens), also conditional ({@code If-None-Exist:
 * identifier=<lus-message system>|<id>}). HAPI applies {@code Prefer} and answers 201, or 200 when the
 * message existed (a replay or a conditional hit).
 */
public final class CommunicationProvider implements IResourceProvider {

    static final String INCLUDE_ENCOUNTER = "Communication:encounter";

    private final EpisodeReads episodes;
    private final PatientResolver patients;
    private final CommunicationWrites writes;

    public CommunicationProvider(EpisodeReads episodes, PatientResolver patients, CommunicationWrites writes) {
        this.episodes = episodes;
        this.patients = patients;
        this.writes = writes;
    }

    @Override
    public Class<Communication> getResourceType() {
        return Communication.class;
    }

    @Read
    public Communication read(@IdParam IdType id) {
        Episode e = episodes.byMessage(id.getIdPart());
        String patientKey = episodes.patientKey(e);
        return e.messagesOrEmpty().stream()
                .filter(m -> id.getIdPart().equals(m.id()))
                .findFirst()
                .map(m -> CommunicationMapper.toCommunication(e, m, patientKey))
                .orElseThrow(() -> FhirErrors.notFound("Communication", id.getIdPart(), null));
    }

    @Create
    public MethodOutcome create(
            @ResourceParam Communication sent, @ConditionalUrlParam String conditional, RequestDetails request) {
        // The sending unit (of a kvittens: the addressee that gives it) is the caller's own.
        WriteActor.requireSender(request, References.hsaId(sent.getSender()), "Communication.sender");
        String conditionalId = conditional == null ? null : conditionalMessageId(conditional);
        if (conditionalId != null) {
            Communication existing = writes.find(conditionalId);
            if (existing != null) {
                return outcome(existing, false);
            }
        }
        CommunicationWrites.Outcome o = writes.create(sent, conditionalId, WriteActor.person(request));
        return outcome(o.stored(), o.created());
    }

    private static MethodOutcome outcome(Communication c, boolean created) {
        return new MethodOutcome(c.getIdElement()).setResource(c).setCreated(created);
    }

    /**
     * The message id of {@code If-None-Exist: identifier=<lus-message system>|<uuid>} (HAPI passes it
     * with or without {@code Communication?}); anything else is 400: it is the only lookup there is.
     */
    static String conditionalMessageId(String conditional) {
        String query = conditional.substring(conditional.indexOf('?') + 1);
        String prefix = "identifier=";
        String token = query.startsWith(prefix)
                ? URLDecoder.decode(query.substring(prefix.length()), StandardCharsets.UTF_8)
                : "";
        int bar = token.indexOf('|');
        String system = bar < 0 ? null : token.substring(0, bar);
        String value = bar < 0 ? null : token.substring(bar + 1);
        if (!Systems.LUS_MESSAGE_ID.equals(system) || !CommunicationCommands.isUuid(value) || query.contains("&")) {
            throw FhirErrors.badParameter(
                    "If-None-Exist",
                    "Communication.identifier",
                    FhirErrors.UNSUPPORTED_CONDITION,
                    "a conditional create names the message id: identifier=" + Systems.LUS_MESSAGE_ID + "|<uuid>");
        }
        return value;
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
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
        return SearchResults.of(request, found);
    }
}
