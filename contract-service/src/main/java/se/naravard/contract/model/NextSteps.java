package se.naravard.contract.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The steps with their completion times (docs/contract-api.md "Next steps done"): a done step keeps
     * the time given for it, else the time an earlier version recorded for the same step id, else
     * {@code now} (the command's time: it became done now). A given time may not be after {@code now}
     * nor before {@code existedFrom} (when the contract was drawn up); a step that is not done has no
     * completion time. Refusals are added to {@code out}, each at its step's {@code completedAt}.
     */
    NextSteps withCompletions(Optional<NextSteps> before, Instant now, Instant existedFrom, List<Rejection> out) {
        Map<String, Instant> earlier = new HashMap<>();
        before.ifPresent(b -> b.steps.forEach(s -> {
            if (s.id() != null && s.status() == NextStepStatus.DONE && s.completedAt() != null) {
                earlier.put(s.id(), s.completedAt());
            }
        }));
        List<NextStep> stamped = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            NextStep s = steps.get(i);
            String at = type().pointer() + "/steps/" + i + "/completedAt";
            if (s.status() != NextStepStatus.DONE) {
                if (s.completedAt() != null) {
                    out.add(ContractRejections.COMPLETION_INVALID.at(at, "only a done step has a completion time"));
                }
                stamped.add(s);
            } else if (s.completedAt() == null) {
                stamped.add(s.completed(earlier.getOrDefault(s.id(), now)));
            } else {
                if (s.completedAt().isAfter(now)) {
                    out.add(ContractRejections.COMPLETION_INVALID.at(at, "the completion time is in the future"));
                } else if (s.completedAt().isBefore(existedFrom)) {
                    out.add(ContractRejections.COMPLETION_INVALID.at(
                            at, "the completion time is before the contract was drawn up"));
                }
                stamped.add(s);
            }
        }
        return new NextSteps(owner, delegates, stamped);
    }
}
