package se.naravard.gateway.goal;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractSearch;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipResources;

/**
 * Goals of sammanhållen planering ({@code Goal/<contract id>-<n>}) and of SIPs ({@code
 * Goal/sip-<sip id>-g<n>}): read, vread, search by patient (contracts first, then SIPs).
 */
public final class GoalProvider implements IResourceProvider {

    private static final Pattern GOAL_ID = Pattern.compile("(.{36})-(\\d{1,4})");

    private final ContractReads contracts;
    private final PatientResolver patients;
    private final GoalUpdate updates;
    private final SipResources sips;

    public GoalProvider(ContractReads contracts, ContractWrites writes, PatientResolver patients, SipResources sips) {
        this.contracts = contracts;
        this.sips = sips;
        this.patients = patients;
        this.updates = new GoalUpdate(contracts, writes);
    }

    @Override
    public Class<Goal> getResourceType() {
        return Goal.class;
    }

    @Read(version = true)
    public Goal read(@IdParam IdType id) {
        if (SipIds.isSip(id.getIdPart())) {
            return sips.goal(id);
        }
        Matcher m = GOAL_ID.matcher(id.getIdPart());
        if (!m.matches()) {
            throw FhirErrors.notFound("Goal", id.getIdPart(), null);
        }
        Contract c = id.hasVersionIdPart()
                ? contracts.version("Goal", m.group(1), id.getVersionIdPart(), id.getIdPart())
                : contracts.current("Goal", m.group(1));
        int n = Integer.parseInt(m.group(2));
        List<Goal> goals = GoalMapper.toGoals(c, contracts.patientKey(c));
        if (n < 1 || n > goals.size()) {
            throw FhirErrors.notFound("Goal", id.getIdPart(), null);
        }
        return goals.get(n - 1);
    }

    /** Goal n in every version of its contract that has it, newest first. */
    @History
    public List<Goal> history(@IdParam IdType id) {
        if (SipIds.isSip(id.getIdPart())) {
            return sips.goalHistory(id);
        }
        Matcher m = GOAL_ID.matcher(id.getIdPart());
        if (!m.matches()) {
            throw FhirErrors.notFound("Goal", id.getIdPart(), null);
        }
        int n = Integer.parseInt(m.group(2));
        List<Goal> found = contracts.history("Goal", m.group(1)).stream()
                .map(c -> GoalMapper.toGoals(c, contracts.patientKey(c)))
                .filter(goals -> n >= 1 && n <= goals.size())
                .map(goals -> goals.get(n - 1))
                .toList();
        if (found.isEmpty()) {
            throw FhirErrors.notFound("Goal", id.getIdPart(), null);
        }
        return found;
    }

    /**
     * New words for a goal, with {@code If-Match} and {@code X-Provenance} naming who changes it
     * ({@link RequestActor}); HAPI applies {@code Prefer}.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Goal incoming, RequestDetails request) {
        if (SipIds.isSip(id.getIdPart())) {
            throw FhirErrors.readOnly("Goal", "a SIP's Goal is read-only through FHIR: change the SIP in sip-service");
        }
        Matcher m = GOAL_ID.matcher(id.getIdPart());
        if (!m.matches()) {
            throw FhirErrors.notFound("Goal", id.getIdPart(), null);
        }
        int n = Integer.parseInt(m.group(2));
        Contract c =
                updates.apply(m.group(1), n, id.getIdPart(), id.getVersionIdPart(), incoming, WriteActor.of(request));
        Goal stored = GoalMapper.toGoals(c, contracts.patientKey(c)).get(n - 1);
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = Goal.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(
                            name = Goal.SP_SUBJECT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam subject,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id) {
        String key = PatientSearch.key(patients, "Goal", patient, subject);
        List<Goal> goals = new ArrayList<>();
        for (Contract c : ContractSearch.find(contracts, key, id, "Goal")) {
            for (Goal g : GoalMapper.toGoals(c, contracts.patientKey(c))) {
                if (id == null || id.getValue().equals(g.getIdElement().getIdPart())) {
                    goals.add(g);
                }
            }
        }
        goals.addAll(sips.goals(key, id));
        return SearchResults.of(request, goals);
    }
}
