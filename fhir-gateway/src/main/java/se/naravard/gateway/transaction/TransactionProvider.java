package se.naravard.gateway.transaction;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import se.naravard.gateway.careplan.CarePlanMapper;
import se.naravard.gateway.careplan.CarePlanProvider;
import se.naravard.gateway.careteam.CareTeamMapper;
import se.naravard.gateway.consent.ConsentMapper;
import se.naravard.gateway.contract.ContractCreation;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.goal.GoalMapper;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.sip.SipCarePlanMapper;
import se.naravard.gateway.sip.SipCareTeamMapper;
import se.naravard.gateway.sip.SipCreation;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipGoalMapper;
import se.naravard.gateway.sip.SipResources;
import se.naravard.gateway.sip.SipWrites;

/**
 * {@code POST /fhir} with a transaction Bundle: how a journal system sends a patient contract (a
 * CarePlan with its CareTeam and Goals, each {@code POST}). The whole Bundle becomes one {@code POST
 * /contracts} with the four parts, so it is all or nothing. {@code Prefer: return=minimal} leaves the
 * resources out of the response; otherwise they are returned as stored.
 *
 * <p>A Bundle whose CarePlan is of category {@code sip} draws up a SIP instead: the CarePlan with at
 * most one CareTeam (the participants), its Goals and at most one Consent ({@code sip.SipCreation}).
 */
public final class TransactionProvider {

    private final ContractReads reads;
    private final ContractCreation creation;
    private final CarePlanProvider carePlans;
    private final SipResources sips;

    public TransactionProvider(ContractReads reads, ContractCreation creation, CarePlanProvider carePlans) {
        this(reads, creation, carePlans, new SipResources(null));
    }

    /** With {@code sips}: a Bundle whose CarePlan is of category sip draws up a SIP. */
    public TransactionProvider(
            ContractReads reads, ContractCreation creation, CarePlanProvider carePlans, SipResources sips) {
        this.reads = reads;
        this.creation = creation;
        this.carePlans = carePlans;
        this.sips = sips;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw FhirErrors.badBody(
                    "Bundle.type", FhirErrors.NOT_A_TRANSACTION, "the Bundle must be of type transaction");
        }
        Entries entries = Entries.of(bundle);
        String at = "Bundle.entry[" + entries.planIndex + "]";
        if (SipCreation.isSip(entries.plan)) {
            return sip(bundle, entries, at, request);
        }
        if (entries.consent != null) {
            throw FhirErrors.badBody(
                    "Bundle.entry[" + entries.consentIndex + "].resource",
                    FhirErrors.UNSUPPORTED_ENTRY,
                    "a contract is one CarePlan with at most one CareTeam and its Goals (a Consent comes with a SIP)");
        }
        WriteActor.requireAuthor(
                request,
                ContractCreation.author(entries.plan),
                ContractCreation.contributor(entries.plan),
                at + ".resource");
        String condition = bundle.getEntry().get(entries.planIndex).getRequest().getIfNoneExist();
        if (condition != null && !condition.isBlank()) {
            Optional<CarePlan> found = carePlans.existing(condition, at + ".request.ifNoneExist");
            if (found.isPresent()) {
                Contract existing =
                        reads.current("CarePlan", found.get().getIdElement().getIdPart());
                return response(entries, existing, minimal(request), false);
            }
        }
        Contract created = creation.create(entries.plan, entries.team, entries.goals(entries.plan), at + ".resource");
        return response(entries, created, minimal(request), true);
    }

    /**
     * A SIP: the CarePlan (category sip) with at most one CareTeam (the participants), its Goals and at
     * most one Consent, drawn up by {@link SipCreation} (checked whole before anything is sent).
     */
    private Bundle sip(Bundle bundle, Entries entries, String at, RequestDetails request) {
        if (entries.consent != null) {
            TokenAuthentication.requireScope(request, "Consent", 'c');
        }
        var actor = SipWrites.creator(request, entries.plan, at + ".resource");
        String condition = bundle.getEntry().get(entries.planIndex).getRequest().getIfNoneExist();
        if (condition != null && !condition.isBlank()) {
            Optional<CarePlan> found = carePlans.existing(condition, at + ".request.ifNoneExist", Systems.SIP);
            if (found.isPresent()) {
                Sip existing = sips.sip(found.get().getIdElement().getIdPart());
                return sipResponse(entries, existing, minimal(request), false);
            }
        }
        List<Goal> goals = entries.goals(entries.plan);
        List<String> goalsAt = new ArrayList<>();
        for (Goal g : goals) {
            goalsAt.add("Bundle.entry[" + entries.sent.indexOf(g) + "].resource");
        }
        Sip created = sips.creation()
                .create(
                        new SipCreation.Request(
                                entries.plan,
                                at + ".resource",
                                entries.team,
                                entries.team == null
                                        ? null
                                        : "Bundle.entry[" + entries.sent.indexOf(entries.team) + "].resource",
                                goals,
                                goalsAt,
                                entries.consent,
                                entries.consent == null ? null : "Bundle.entry[" + entries.consentIndex + "].resource"),
                        actor);
        return sipResponse(entries, created, minimal(request), true);
    }

    /** As {@link #response} for a SIP: its plan, team, goals in order and its current consent. */
    private Bundle sipResponse(Entries entries, Sip s, boolean minimal, boolean created) {
        String key = sips.patientKey(s);
        CarePlan plan = SipCarePlanMapper.toCarePlan(s, key);
        CareTeam team = SipCareTeamMapper.toCareTeam(s, key);
        List<Goal> goals = SipGoalMapper.toGoals(s, key);
        Consent consent = s.consentsOrEmpty().isEmpty()
                ? null
                : ConsentMapper.toConsent(s, s.consentsOrEmpty().size(), key, Instant.now());
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        int goal = 0;
        for (Resource sent : entries.sent) {
            Resource stored;
            if (sent instanceof CarePlan) {
                stored = plan;
            } else if (sent instanceof CareTeam) {
                stored = team;
            } else if (sent instanceof Consent) {
                stored = consent;
            } else {
                stored = goal < goals.size() ? goals.get(goal++) : null;
            }
            BundleEntryComponent entry = response.addEntry();
            if (stored == null) {
                entry.getResponse().setStatus("200 OK");
                continue;
            }
            entry.getResponse()
                    .setStatus(created ? "201 Created" : "200 OK")
                    .setLocation(stored.getIdElement().getValue())
                    .setEtag("W/\"" + s.version() + "\"")
                    .setLastModified(plan.getMeta().getLastUpdated());
            if (!minimal) {
                entry.setResource(stored);
            }
        }
        return response;
    }

    private static boolean minimal(RequestDetails request) {
        String prefer = request.getHeader("Prefer");
        return prefer != null && prefer.replace(" ", "").contains("return=minimal");
    }

    /**
     * One response entry per entry sent, in order: 201 with the stored resource when {@code created},
     * 200 with the contract's existing resources when a condition matched (nothing was written).
     */
    private Bundle response(Entries entries, Contract c, boolean minimal, boolean created) {
        String key = reads.patientKey(c);
        CarePlan plan = CarePlanMapper.toCarePlan(c, key);
        CareTeam team = CareTeamMapper.toCareTeam(c, key);
        List<Goal> goals = GoalMapper.toGoals(c, key);
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        int goal = 0;
        for (Resource sent : entries.sent) {
            Resource stored;
            if (sent instanceof CarePlan) {
                stored = plan;
            } else if (sent instanceof CareTeam) {
                stored = team;
            } else {
                stored = goal < goals.size() ? goals.get(goal++) : null;
            }
            BundleEntryComponent entry = response.addEntry();
            if (stored == null) {
                entry.getResponse().setStatus("200 OK");
                continue;
            }
            entry.getResponse()
                    .setStatus(created ? "201 Created" : "200 OK")
                    .setLocation(stored.getIdElement().getValue())
                    .setEtag("W/\"" + c.version() + "\"")
                    .setLastModified(plan.getMeta().getLastUpdated());
            if (!minimal) {
                entry.setResource(stored);
            }
        }
        return response;
    }

    /** The Bundle's entries: exactly one CarePlan, at most one CareTeam, any Goals; all POST. */
    private static final class Entries {
        final List<Resource> sent = new ArrayList<>();
        final Map<String, Goal> goalsByFullUrl = new TreeMap<>();
        final List<Goal> goalsInOrder = new ArrayList<>();
        CarePlan plan;
        int planIndex;
        CareTeam team;
        Consent consent;
        int consentIndex;

        static Entries of(Bundle bundle) {
            Entries e = new Entries();
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                BundleEntryComponent entry = bundle.getEntry().get(i);
                IBaseResource r = entry.getResource();
                String at = "Bundle.entry[" + i + "]";
                if (entry.getRequest().getMethod() != Bundle.HTTPVerb.POST) {
                    throw FhirErrors.badBody(
                            at + ".request.method", FhirErrors.UNSUPPORTED_ENTRY, "only POST (create) is supported");
                }
                if (r instanceof CarePlan && e.plan == null) {
                    e.plan = (CarePlan) r;
                    e.planIndex = i;
                } else if (r instanceof CareTeam && e.team == null) {
                    e.team = (CareTeam) r;
                } else if (r instanceof Consent && e.consent == null) {
                    e.consent = (Consent) r;
                    e.consentIndex = i;
                } else if (r instanceof Goal) {
                    e.goalsInOrder.add((Goal) r);
                    if (entry.hasFullUrl()) {
                        e.goalsByFullUrl.put(entry.getFullUrl(), (Goal) r);
                    }
                } else {
                    throw FhirErrors.badBody(
                            at + ".resource",
                            FhirErrors.UNSUPPORTED_ENTRY,
                            "a contract is one CarePlan with at most one CareTeam and its Goals (a SIP also at most"
                                    + " one Consent)");
                }
                e.sent.add((Resource) r);
            }
            if (e.plan == null) {
                throw FhirErrors.badBody("Bundle.entry", FhirErrors.MISSING_ELEMENT, "the Bundle has no CarePlan");
            }
            return e;
        }

        /** The goals in the order of CarePlan.goal (by fullUrl), else in Bundle order. */
        List<Goal> goals(CarePlan plan) {
            List<Goal> ordered = new ArrayList<>();
            for (Reference r : plan.getGoal()) {
                Goal g = goalsByFullUrl.get(r.getReference());
                if (g != null && !ordered.contains(g)) {
                    ordered.add(g);
                }
            }
            goalsInOrder.stream().filter(g -> !ordered.contains(g)).forEach(ordered::add);
            return ordered;
        }
    }
}
