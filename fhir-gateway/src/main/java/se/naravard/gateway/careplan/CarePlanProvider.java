package se.naravard.gateway.careplan;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.careteam.CareTeamMapper;
import se.naravard.gateway.contract.ContractCreation;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractSearch;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.fhir.ConditionalQuery;
import se.naravard.gateway.fhir.DateSearch;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientSearch;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.goal.GoalMapper;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.sip.SipCarePlanMapper;
import se.naravard.gateway.sip.SipCreation;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipIds;
import se.naravard.gateway.sip.SipResources;
import se.naravard.gateway.sip.SipWrites;

/**
 * CarePlan (patientkontrakt, and SIP: ids {@code sip-…}, category {@code sip}): read, vread, history,
 * search. HAPI does paging, Bundles and includes.
 */
public final class CarePlanProvider implements IResourceProvider {

    static final String INCLUDE_CARE_TEAM = "CarePlan:care-team";
    static final String INCLUDE_GOAL = "CarePlan:goal";

    /** What a conditional create may ask ({@link #existing}). */
    static final Set<String> CONDITION_PARAMETERS = Set.of(
            CarePlan.SP_PATIENT,
            CarePlan.SP_PATIENT + ".identifier",
            CarePlan.SP_SUBJECT,
            CarePlan.SP_SUBJECT + ".identifier",
            CarePlan.SP_STATUS,
            CarePlan.SP_CATEGORY,
            IAnyResource.SP_RES_ID);

    private final ContractReads contracts;
    private final PatientResolver patients;
    private final CarePlanUpdate updates;
    private final ContractCreation creation;
    private final SipResources sips;

    public CarePlanProvider(
            ContractReads contracts,
            ContractCreation creation,
            ContractWrites writes,
            PatientResolver patients,
            SipResources sips) {
        this.contracts = contracts;
        this.sips = sips;
        this.patients = patients;
        this.creation = creation;
        this.updates = new CarePlanUpdate(contracts, writes);
    }

    @Override
    public Class<CarePlan> getResourceType() {
        return CarePlan.class;
    }

    @Read(version = true)
    public CarePlan read(@IdParam IdType id) {
        if (SipIds.isSip(id.getIdPart())) {
            return sips.carePlan(id);
        }
        Contract c = id.hasVersionIdPart()
                ? contracts.version("CarePlan", id.getIdPart(), id.getVersionIdPart(), id.getIdPart())
                : contracts.current("CarePlan", id.getIdPart());
        return CarePlanMapper.toCarePlan(c, contracts.patientKey(c));
    }

    /**
     * {@code POST CarePlan}: a new contract (draft) with sammanhållen planering and nästa steg from the
     * CarePlan; fast vårdkontakt and fast läkarkontakt come with a CareTeam in a transaction Bundle or
     * a later {@code PUT CareTeam}. With {@code If-None-Exist} nothing is written when one contract
     * matches (200 with it), and more than one match is 412.
     */
    @Create
    public MethodOutcome create(
            @ResourceParam CarePlan incoming, @ConditionalUrlParam String condition, RequestDetails request) {
        if (SipCreation.isSip(incoming)) {
            return createSip(incoming, condition, request);
        }
        WriteActor.requireAuthor(
                request, ContractCreation.author(incoming), ContractCreation.contributor(incoming), "CarePlan");
        if (condition != null) {
            Optional<CarePlan> found = existing(condition, "http.If-None-Exist");
            if (found.isPresent()) {
                return new MethodOutcome(found.get().getIdElement())
                        .setResource(found.get())
                        .setCreated(false);
            }
        }
        Contract c = creation.create(incoming, null, List.of(), "CarePlan");
        CarePlan stored = CarePlanMapper.toCarePlan(c, contracts.patientKey(c));
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(true);
    }

    /**
     * {@code POST CarePlan} of category sip: a new SIP (draft) from the CarePlan alone (its
     * interventions, overall responsibility, follow-up: participants come with {@code PUT CareTeam} or in
     * a transaction Bundle); with {@code If-None-Exist} among the patient's SIPs.
     */
    private MethodOutcome createSip(CarePlan incoming, String condition, RequestDetails request) {
        var actor = SipWrites.creator(request, incoming, "CarePlan");
        if (condition != null) {
            Optional<CarePlan> found = existing(condition, "http.If-None-Exist", Systems.SIP);
            if (found.isPresent()) {
                return new MethodOutcome(found.get().getIdElement())
                        .setResource(found.get())
                        .setCreated(false);
            }
        }
        Sip s = sips.creation().create(SipCreation.Request.plan(incoming), actor);
        CarePlan stored = SipCarePlanMapper.toCarePlan(s, sips.patientKey(s));
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(true);
    }

    /**
     * The one contract CarePlan {@code condition} matches (looking among patientkontrakt CarePlans
     * only: a SIP never stands in for a contract), empty for none, 412 for several.
     */
    public Optional<CarePlan> existing(String condition, String expression) {
        return existing(condition, expression, Systems.PATIENTKONTRAKT);
    }

    /**
     * The one CarePlan {@code condition} matches, looking among CarePlans of {@code defaultCategory}
     * unless the condition names a category; empty for none, 412 for several.
     */
    public Optional<CarePlan> existing(String condition, String expression, String defaultCategory) {
        ConditionalQuery q = ConditionalQuery.parse(condition, CONDITION_PARAMETERS, expression);
        TokenOrListParam category = q.tokens(CarePlan.SP_CATEGORY);
        if (category == null) {
            category = new TokenOrListParam(Systems.CAREPLAN_CATEGORY, defaultCategory);
        }
        // All matches, not only those the caller may see: a condition must not create a second contract
        // beside one the caller cannot see (the answer with the existing one is checked on its way out).
        List<IBaseResource> matches = search(
                        null,
                        q.reference(CarePlan.SP_PATIENT),
                        q.reference(CarePlan.SP_SUBJECT),
                        q.tokens(CarePlan.SP_STATUS),
                        category,
                        q.token(IAnyResource.SP_RES_ID),
                        null,
                        null,
                        null)
                .getAllResources();
        if (matches.size() > 1) {
            throw ConditionalQuery.ambiguous(expression, matches.size());
        }
        return matches.stream().map(CarePlan.class::cast).findFirst();
    }

    /**
     * Update with {@code If-Match} (HAPI puts its version into {@code id}): status or next steps, one
     * contract command, 412 when the version is stale. HAPI applies {@code Prefer: return=…}.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam CarePlan incoming, RequestDetails request) {
        if (SipIds.isSip(id.getIdPart())) {
            Sip s = sips.writes().updatePlan(id.getIdPart(), id.getVersionIdPart(), incoming, SipWrites.actor(request));
            CarePlan stored = SipCarePlanMapper.toCarePlan(s, sips.patientKey(s));
            return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
        }
        Contract c = updates.apply(id.getIdPart(), id.getVersionIdPart(), incoming, WriteActor.of(request));
        CarePlan stored = CarePlanMapper.toCarePlan(c, contracts.patientKey(c));
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
    }

    @History
    public List<CarePlan> history(@IdParam IdType id) {
        if (SipIds.isSip(id.getIdPart())) {
            return sips.carePlanHistory(id);
        }
        return contracts.history("CarePlan", id.getIdPart()).stream()
                .map(c -> CarePlanMapper.toCarePlan(c, contracts.patientKey(c)))
                .toList();
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(
                            name = CarePlan.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(
                            name = CarePlan.SP_SUBJECT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam subject,
            @OptionalParam(name = CarePlan.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = CarePlan.SP_CATEGORY) TokenOrListParam category,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id,
            @OptionalParam(name = CarePlan.SP_DATE) DateRangeParam date,
            @OptionalParam(name = Constants.PARAM_LASTUPDATED) DateRangeParam lastUpdated,
            @IncludeParam(allow = {INCLUDE_CARE_TEAM, INCLUDE_GOAL}) Set<Include> includes) {
        String key = PatientSearch.key(patients, "CarePlan", patient, subject);
        // No category: contracts first, then SIPs. A category that is neither still searches contracts,
        // so a search naming no patient is refused as before.
        List<Contract> found = SipResources.wantsContracts(category) || !SipResources.wantsSips(category)
                ? ContractSearch.find(contracts, key, id, "CarePlan")
                : List.of();
        List<CarePlan> plans = new ArrayList<>();
        for (Contract c : found) {
            CarePlan plan = CarePlanMapper.toCarePlan(c, contracts.patientKey(c));
            if (matches(status, plan.getStatus().toCode()) && matchesCategory(category)) {
                include(plan, c, includes);
                plans.add(plan);
            }
        }
        if (SipResources.wantsSips(category)) {
            plans.addAll(sips.carePlans(key, id, status, includes));
        }
        plans.removeIf(p -> !DateSearch.period(date, p.getPeriod()) || !DateSearch.lastUpdated(lastUpdated, p));
        return SearchResults.of(request, plans);
    }

    /** Sets the referenced resources on the references; HAPI adds those the _include asks for. */
    private void include(CarePlan plan, Contract c, Set<Include> includes) {
        if (includes == null || includes.isEmpty()) {
            return;
        }
        String key = contracts.patientKey(c);
        boolean careTeam = includes.stream().anyMatch(i -> i.getValue().equals(INCLUDE_CARE_TEAM));
        boolean goals = includes.stream().anyMatch(i -> i.getValue().equals(INCLUDE_GOAL));
        if (careTeam) {
            CareTeam team = CareTeamMapper.toCareTeam(c, key);
            plan.getCareTeamFirstRep().setResource(team);
        }
        if (goals) {
            List<Goal> all = GoalMapper.toGoals(c, key);
            List<Reference> refs = plan.getGoal();
            for (int i = 0; i < refs.size() && i < all.size(); i++) {
                refs.get(i).setResource(all.get(i));
            }
        }
    }

    static boolean matches(TokenOrListParam tokens, String code) {
        if (tokens == null || tokens.getValuesAsQueryTokens().isEmpty()) {
            return true;
        }
        return tokens.getValuesAsQueryTokens().stream()
                .anyMatch(t -> t.getValue().equals(code)
                        && (t.getSystem() == null
                                || t.getSystem().isEmpty()
                                || t.getSystem().equals("http://hl7.org/fhir/request-status")));
    }

    private static boolean matchesCategory(TokenOrListParam tokens) {
        if (tokens == null || tokens.getValuesAsQueryTokens().isEmpty()) {
            return true;
        }
        return tokens.getValuesAsQueryTokens().stream()
                .anyMatch(t -> Systems.PATIENTKONTRAKT.equals(t.getValue())
                        && (t.getSystem() == null
                                || t.getSystem().isEmpty()
                                || t.getSystem().equals(Systems.CAREPLAN_CATEGORY)));
    }
}
