package se.naravard.gateway.sip;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Goal.GoalLifecycleStatus;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.sip.SipDocs.Sip;

/**
 * The person's own goals in a SIP as {@code Goal} resources {@code sip-<sip id>-g<n>} (n from 1, in
 * the SIP's order; goals are only ever added) with the SIP's version.
 */
public final class SipGoalMapper {

    private SipGoalMapper() {}

    public static List<Goal> toGoals(Sip s, String patientKey) {
        List<Goal> goals = new ArrayList<>();
        for (int i = 0; i < s.goalsOrEmpty().size(); i++) {
            goals.add(toGoal(s, patientKey, i + 1));
        }
        return goals;
    }

    /** Goal n (from 1), or null if the SIP has no such goal. */
    public static Goal toGoal(Sip s, String patientKey, int n) {
        if (n < 1 || n > s.goalsOrEmpty().size()) {
            return null;
        }
        var text = s.goalsOrEmpty().get(n - 1);
        Goal goal = new Goal();
        goal.setId("Goal/" + SipIds.entry(s.id(), SipIds.GOAL, n) + "/_history/" + s.version());
        goal.setMeta(SipCarePlanMapper.meta(s));
        goal.setText(References.narrative("Mål " + n + " i SIP"));
        goal.setLifecycleStatus(status(s.statusCode()));
        goal.setDescription(new CodeableConcept().setText(text == null || text.text() == null ? "-" : text.text()));
        goal.setSubject(References.patient(patientKey));
        // The person's own goals (DOMAIN.md §4, practice): the person expressed them.
        goal.setExpressedBy(References.patient(patientKey));
        return goal;
    }

    /** draft→proposed, active, completed, cancelled, entered-in-error. */
    public static GoalLifecycleStatus status(String code) {
        if (code == null) {
            return GoalLifecycleStatus.PROPOSED;
        }
        return switch (code) {
            case "active" -> GoalLifecycleStatus.ACTIVE;
            case "completed" -> GoalLifecycleStatus.COMPLETED;
            case "cancelled" -> GoalLifecycleStatus.CANCELLED;
            case "entered-in-error" -> GoalLifecycleStatus.ENTEREDINERROR;
            default -> GoalLifecycleStatus.PROPOSED;
        };
    }
}
