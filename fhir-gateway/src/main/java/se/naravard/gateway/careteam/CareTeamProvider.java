package se.naravard.gateway.careteam;

import ca.uhn.fhir.rest.annotation.History;
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
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractSearch;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.sip.SipCareTeamMapper;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipResources;
import se.naravard.gateway.sip.SipWrites;

/**
 * CareTeam of a patientkontrakt or a SIP ({@code sip-…}; same id and version as the contract or SIP):
 * read, vread, search by patient (contracts first, then SIPs); update of a contract's team.
 */
public final class CareTeamProvider implements IResourceProvider {

    private final ContractReads contracts;
    private final PatientResolver patients;
    private final CareTeamUpdate updates;
    private final SipResources sips;

    public CareTeamProvider(
            ContractReads contracts, ContractWrites writes, PatientResolver patients, SipResources sips) {
        this.contracts = contracts;
        this.sips = sips;
        this.patients = patients;
        this.updates = new CareTeamUpdate(contracts, writes);
    }

    @Override
    public Class<CareTeam> getResourceType() {
        return CareTeam.class;
    }

    @Read(version = true)
    public CareTeam read(@IdParam IdType id) {
        if (SipIds.isSip(id.getIdPart())) {
            return sips.careTeam(id);
        }
        Contract c = id.hasVersionIdPart()
                ? contracts.version("CareTeam", id.getIdPart(), id.getVersionIdPart(), id.getIdPart())
                : contracts.current("CareTeam", id.getIdPart());
        return CareTeamMapper.toCareTeam(c, contracts.patientKey(c));
    }

    @History
    public List<CareTeam> history(@IdParam IdType id) {
        if (SipIds.isSip(id.getIdPart())) {
            return sips.careTeamHistory(id);
        }
        return contracts.history("CareTeam", id.getIdPart()).stream()
                .map(c -> CareTeamMapper.toCareTeam(c, contracts.patientKey(c)))
                .toList();
    }

    /**
     * A new fast vårdkontakt or fast läkarkontakt, with {@code If-Match} and {@code X-Provenance}
     * naming who changes it ({@link RequestActor}); HAPI applies {@code Prefer}.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam CareTeam incoming, RequestDetails request) {
        if (SipIds.isSip(id.getIdPart())) {
            // One participant added or taken out: one command of sip-service.
            se.naravard.gateway.sip.SipDocs.Sip s =
                    sips.writes().updateTeam(id.getIdPart(), id.getVersionIdPart(), incoming, SipWrites.actor(request));
            CareTeam stored = SipCareTeamMapper.toCareTeam(s, sips.patientKey(s));
            return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
        }
        Contract c = updates.apply(id.getIdPart(), id.getVersionIdPart(), incoming, WriteActor.of(request));
        CareTeam stored = CareTeamMapper.toCareTeam(c, contracts.patientKey(c));
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = CareTeam.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(
                            name = CareTeam.SP_SUBJECT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam subject,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id) {
        String key = PatientSearch.key(patients, "CareTeam", patient, subject);
        List<CareTeam> teams = new ArrayList<>();
        ContractSearch.find(contracts, key, id, "CareTeam")
                .forEach(c -> teams.add(CareTeamMapper.toCareTeam(c, contracts.patientKey(c))));
        teams.addAll(sips.careTeams(key, id));
        return SearchResults.of(request, teams);
    }
}
