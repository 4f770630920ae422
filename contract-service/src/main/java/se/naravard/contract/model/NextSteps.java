package se.naravard.contract.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;

/** Nästa steg: the next agreed actions or appointments and who owns each (DOMAIN.md §2). */
public record NextSteps(HsaId owner, Set<HsaId> delegates, List<NextStep> steps) implements Part {

    public NextSteps {
        delegates = delegates == null ? Set.of() : Set.copyOf(delegates);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @Override
    public PartType type() {
        return PartType.NEXT_STEPS;
    }

    /** The steps still ahead of the patient: planned or booked. */
    public List<NextStep> ahead() {
        return steps.stream()
                .filter(s -> s.status() != null && s.status().isAhead())
                .toList();
    }

    @Override
    public List<Rejection> validate() {
        var v = new Violations();
        var p = type().pointer();
        v.required(p + "/owner", owner);
        var seen = new HashSet<String>();
        v.each(p + "/steps", steps, (at, step) -> {
            step.validate(v, at);
            if (step.id() != null && !seen.add(step.id())) {
                v.add(ContractRejections.DUPLICATE_STEP_ID.at(at + "/id", "another step already has this id"));
            }
        });
        return v.toList();
    }
}
