package se.naravard.contract.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;

/**
 * Sammanhållen planering: one coherent plan across all the patient's care and omsorg contacts — the
 * patient's goals in their own words, what the patient and their network do themselves (egenvård),
 * all contacts with how to reach them, and links to other plans (DOMAIN.md §2).
 *
 * @param medicationListReference where the current medication list is kept; may be null
 * @param agreedOn the date the plan was agreed with the patient; null while not yet agreed
 */
public record Planning(
        HsaId owner,
        Set<HsaId> delegates,
        List<Goal> goals,
        List<String> selfCare,
        List<CareContact> contacts,
        List<PlanLink> linkedPlans,
        String medicationListReference,
        LocalDate agreedOn)
        implements Part {

    public Planning {
        delegates = delegates == null ? Set.of() : Set.copyOf(delegates);
        goals = goals == null ? List.of() : List.copyOf(goals);
        selfCare = selfCare == null ? List.of() : List.copyOf(selfCare);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        linkedPlans = linkedPlans == null ? List.of() : List.copyOf(linkedPlans);
    }

    @Override
    public PartType type() {
        return PartType.PLANNING;
    }

    public boolean hasGoal() {
        return !goals.isEmpty();
    }

    @Override
    public List<Rejection> validate() {
        var v = new Violations();
        var p = type().pointer();
        v.required(p + "/owner", owner);
        v.each(p + "/goals", goals, (at, goal) -> v.requiredText(at + "/text", goal.text()));
        v.each(p + "/selfCare", selfCare, v::requiredText);
        v.each(p + "/contacts", contacts, (at, contact) -> contact.validate(v, at));
        v.each(p + "/linkedPlans", linkedPlans, (at, link) -> link.validate(v, at));
        v.optionalText(p + "/medicationListReference", medicationListReference);
        return v.toList();
    }
}
