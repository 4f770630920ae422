package se.naravard.gateway.sip;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipDocs.Sip;

/**
 * The SIP side of the types contracts and SIPs share (CarePlan, CareTeam, Goal): what their providers
 * call for an id with the {@code sip-} prefix and for the SIP half of a search. Kept here so the
 * providers only dispatch.
 */
public final class SipResources {

    static final String INCLUDE_CARE_TEAM = "CarePlan:care-team";
    static final String INCLUDE_GOAL = "CarePlan:goal";
    private static final String REQUEST_STATUS = "http://hl7.org/fhir/request-status";

    private final SipReads sips;
    private final SipCreation creation;
    private final SipWrites writes;

    /** Reads only: every write is refused. */
    public SipResources(SipReads sips) {
        this(sips, null, null);
    }

    public SipResources(SipReads sips, SipCreation creation, SipWrites writes) {
        this.sips = sips;
        this.creation = creation;
        this.writes = writes;
    }

    /** How a SIP is drawn up from FHIR resources. */
    public SipCreation creation() {
        if (creation == null) {
            throw FhirErrors.readOnly("CarePlan", "SIPs are not written through this server");
        }
        return creation;
    }

    /** How a SIP is changed through FHIR. */
    public SipWrites writes() {
        if (writes == null) {
            throw FhirErrors.readOnly("CarePlan", "SIPs are not written through this server");
        }
        return writes;
    }

    /** The current SIP of {@code CarePlan/sip-<id>} (404 when there is none). */
    public Sip sip(String planId) {
        return sips.current("CarePlan", planId, SipIds.sipIdOfPlan(planId));
    }

    /** The patient key of a SIP. */
    public String patientKey(Sip s) {
        return sips.patientKey(s);
    }

    /** Read or vread of {@code CarePlan/sip-<id>}. */
    public CarePlan carePlan(IdType id) {
        Sip s = sip("CarePlan", id, SipIds.sipIdOfPlan(id.getIdPart()));
        return SipCarePlanMapper.toCarePlan(s, sips.patientKey(s));
    }

    /** {@code CarePlan/sip-<id>/_history}, newest first. */
    public List<CarePlan> carePlanHistory(IdType id) {
        return sips.history("CarePlan", id.getIdPart(), SipIds.sipIdOfPlan(id.getIdPart())).stream()
                .map(s -> SipCarePlanMapper.toCarePlan(s, sips.patientKey(s)))
                .toList();
    }

    /** The SIP plans of a search, with their care team and goals set on the references to include. */
    public List<CarePlan> carePlans(String patientKey, TokenParam id, TokenOrListParam status, Set<Include> includes) {
        boolean careTeam = includes != null && includes.stream().anyMatch(i -> INCLUDE_CARE_TEAM.equals(i.getValue()));
        boolean goals = includes != null && includes.stream().anyMatch(i -> INCLUDE_GOAL.equals(i.getValue()));
        List<CarePlan> plans = new ArrayList<>();
        for (Sip s : search(patientKey, planSearchId(id), "CarePlan")) {
            String key = sips.patientKey(s);
            CarePlan plan = SipCarePlanMapper.toCarePlan(s, key);
            if (!matches(status, plan.getStatus().toCode(), REQUEST_STATUS)) {
                continue;
            }
            if (careTeam) {
                plan.getCareTeamFirstRep().setResource(SipCareTeamMapper.toCareTeam(s, key));
            }
            if (goals) {
                List<Goal> all = SipGoalMapper.toGoals(s, key);
                List<Reference> refs = plan.getGoal();
                for (int i = 0; i < refs.size() && i < all.size(); i++) {
                    refs.get(i).setResource(all.get(i));
                }
            }
            plans.add(plan);
        }
        return plans;
    }

    /** Read or vread of {@code CareTeam/sip-<id>}. */
    public CareTeam careTeam(IdType id) {
        Sip s = sip("CareTeam", id, SipIds.sipIdOfPlan(id.getIdPart()));
        return SipCareTeamMapper.toCareTeam(s, sips.patientKey(s));
    }

    /** {@code CareTeam/sip-<id>/_history}, newest first. */
    public List<CareTeam> careTeamHistory(IdType id) {
        return sips.history("CareTeam", id.getIdPart(), SipIds.sipIdOfPlan(id.getIdPart())).stream()
                .map(s -> SipCareTeamMapper.toCareTeam(s, sips.patientKey(s)))
                .toList();
    }

    public List<CareTeam> careTeams(String patientKey, TokenParam id) {
        return search(patientKey, planSearchId(id), "CareTeam").stream()
                .map(s -> SipCareTeamMapper.toCareTeam(s, sips.patientKey(s)))
                .toList();
    }

    /** Read or vread of {@code Goal/sip-<id>-g<n>}. */
    public Goal goal(IdType id) {
        SipIds.Entry e = SipIds.entryOf(id.getIdPart(), SipIds.GOAL);
        Sip s = sip("Goal", id, e == null ? null : e.sipId());
        Goal g = SipGoalMapper.toGoal(s, sips.patientKey(s), e.n());
        if (g == null) {
            throw FhirErrors.notFound("Goal", id.getIdPart(), null);
        }
        return g;
    }

    /** {@code Goal/sip-<id>-g<n>/_history}: the versions of the SIP that had goal n, newest first. */
    public List<Goal> goalHistory(IdType id) {
        return sips.entryHistory(
                "Goal", id.getIdPart(), SipIds.GOAL, (s, n) -> SipGoalMapper.toGoal(s, sips.patientKey(s), n));
    }

    public List<Goal> goals(String patientKey, TokenParam id) {
        String wanted = SipReads.idValue(id);
        String sipId = null;
        if (wanted != null) {
            SipIds.Entry e = SipIds.entryOf(wanted, SipIds.GOAL);
            sipId = e == null ? "" : e.sipId();
        }
        List<Goal> goals = new ArrayList<>();
        for (Sip s : search(patientKey, sipId, "Goal")) {
            for (Goal g : SipGoalMapper.toGoals(s, sips.patientKey(s))) {
                if (wanted == null || wanted.equals(g.getIdElement().getIdPart())) {
                    goals.add(g);
                }
            }
        }
        return goals;
    }

    /** No category: contracts and SIPs; else SIPs only if {@code sip} is one of the categories. */
    public static boolean wantsSips(TokenOrListParam category) {
        return category == null
                || category.getValuesAsQueryTokens().isEmpty()
                || matches(category, Systems.SIP, Systems.CAREPLAN_CATEGORY);
    }

    /** No category: contracts and SIPs; else contracts only if {@code patientkontrakt} is asked for. */
    public static boolean wantsContracts(TokenOrListParam category) {
        return category == null
                || category.getValuesAsQueryTokens().isEmpty()
                || matches(category, Systems.PATIENTKONTRAKT, Systems.CAREPLAN_CATEGORY);
    }

    /** A token search of a code: any of the tokens, with the system given or none. */
    public static boolean matches(TokenOrListParam tokens, String code, String system) {
        if (tokens == null || tokens.getValuesAsQueryTokens().isEmpty()) {
            return true;
        }
        return tokens.getValuesAsQueryTokens().stream()
                .anyMatch(t -> code.equals(t.getValue())
                        && (t.getSystem() == null
                                || t.getSystem().isEmpty()
                                || t.getSystem().equals(system)));
    }

    private Sip sip(String type, IdType id, String sipId) {
        return id.hasVersionIdPart()
                ? sips.version(type, id.getIdPart(), sipId, id.getVersionIdPart())
                : sips.current(type, id.getIdPart(), sipId);
    }

    private List<Sip> search(String patientKey, String sipId, String type) {
        return sips.search(patientKey, sipId, type, type + ".subject");
    }

    /** The SIP an {@code _id} of a plan or team names: null without {@code _id}, "" if none. */
    private static String planSearchId(TokenParam id) {
        String value = SipReads.idValue(id);
        if (value == null) {
            return null;
        }
        String sipId = SipIds.sipIdOfPlan(value);
        return sipId == null ? "" : sipId;
    }
}
