package se.naravard.gateway.goal;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Goal.GoalLifecycleStatus;
import org.hl7.fhir.r4.model.Meta;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractDocs.GoalText;
import se.naravard.gateway.contract.ContractDocs.Planning;
import se.naravard.gateway.fhir.References;

/**
 * The goals of sammanhållen planering (in the patient's own words) as {@code Goal} resources with the
 * ids {@code <contract id>-<n>} (n from 1, in the contract's order) and the contract's version.
 */
public final class GoalMapper {

    private GoalMapper() {}

    public static List<Goal> toGoals(Contract c, String patientKey) {
        Planning planning = c.partsOrEmpty().planning();
        List<Goal> goals = new ArrayList<>();
        if (planning == null || planning.goals() == null) {
            return goals;
        }
        for (int i = 0; i < planning.goals().size(); i++) {
            goals.add(toGoal(c, patientKey, planning, planning.goals().get(i), i + 1));
        }
        return goals;
    }

    private static Goal toGoal(Contract c, String patientKey, Planning planning, GoalText text, int n) {
        Goal goal = new Goal();
        goal.setId("Goal/" + c.id() + "-" + n + "/_history/" + c.version());
        goal.setMeta(new Meta()
                .setVersionId(Integer.toString(c.version()))
                .setLastUpdatedElement(References.instant(
                        c.lastChange() == null ? null : c.lastChange().at())));
        goal.setText(References.narrative("Mål " + n + " i patientkontrakt"));
        goal.setLifecycleStatus(status(c.statusCode()));
        goal.setDescription(new CodeableConcept().setText(text == null || text.text() == null ? "-" : text.text()));
        goal.setSubject(References.patient(patientKey));
        // The patient's own words (DOMAIN.md §2): the patient expressed the goal.
        goal.setExpressedBy(References.patient(patientKey));
        var agreed = References.day(planning.agreedOn());
        if (agreed != null) {
            goal.setStart(new DateType(planning.agreedOn()));
        }
        return goal;
    }

    /** draft→proposed, active and revised→active, completed, revoked→cancelled, entered-in-error. */
    public static GoalLifecycleStatus status(String code) {
        if (code == null) {
            return GoalLifecycleStatus.PROPOSED;
        }
        switch (code) {
            case "active":
            case "revised":
                return GoalLifecycleStatus.ACTIVE;
            case "completed":
                return GoalLifecycleStatus.COMPLETED;
            case "revoked":
                return GoalLifecycleStatus.CANCELLED;
            case "entered-in-error":
                return GoalLifecycleStatus.ENTEREDINERROR;
            default:
                return GoalLifecycleStatus.PROPOSED;
        }
    }
}
