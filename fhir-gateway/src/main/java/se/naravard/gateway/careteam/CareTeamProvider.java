package se.naravard.gateway.careteam;

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

/** CareTeam of a patientkontrakt (same id and version as the contract): read, vread, search by patient, update. */
public final class CareTeamProvider implements IResourceProvider {

    private final ContractReads contracts;
    private final PatientResolver patients;
    private final CareTeamUpdate updates;

    public CareTeamProvider(ContractReads contracts, ContractWrites writes, PatientResolver patients) {
        this.contracts = contracts;
        this.patients = patients;
        this.updates = new CareTeamUpdate(contracts, writes);
    }

    @Override
    public Class<CareTeam> getResourceType() {
        return CareTeam.class;
    }

    @Read(version = true)
    public CareTeam read(@IdParam IdType id) {
        Contract c = id.hasVersionIdPart()
                ? contracts.version("CareTeam", id.getIdPart(), id.getVersionIdPart(), id.getIdPart())
                : contracts.current("CareTeam", id.getIdPart());
        return CareTeamMapper.toCareTeam(c, contracts.patientKey(c));
    }

    /**
     * A new fast vårdkontakt or fast läkarkontakt, with {@code If-Match} and {@code X-Provenance}
     * naming who changes it ({@link RequestActor}); HAPI applies {@code Prefer}.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam CareTeam incoming, RequestDetails request) {
        Contract c = updates.apply(id.getIdPart(), id.getVersionIdPart(), incoming, RequestActor.from(request));
        CareTeam stored = CareTeamMapper.toCareTeam(c, contracts.patientKey(c));
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
    }

    @Search
    public IBundleProvider search(
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
        List<CareTeam> teams = ContractSearch.find(contracts, key, id, "CareTeam").stream()
                .map(c -> CareTeamMapper.toCareTeam(c, contracts.patientKey(c)))
                .toList();
        return SearchResults.of(teams);
    }
}
