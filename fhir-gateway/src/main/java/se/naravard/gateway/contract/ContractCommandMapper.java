package se.naravard.gateway.contract;

import static se.naravard.gateway.fhir.References.isBlank;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.fhir.Systems;

/**
 * The reverse of the read mappings: a CarePlan with its CareTeam and Goals (as a journal system
 * sends them in one transaction Bundle) as contract-service's create command with all four parts.
 * It maps; it does not judge: contract-service checks every value and its refusals come back with
 * the FHIR element named. {@code base} is the FHIRPath of the CarePlan in the Bundle, for errors.
 */
public final class ContractCommandMapper {

    public static final String KOMMUN_EXTENSION = "https://naravard.se/fhir/StructureDefinition/kommun";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ContractCommandMapper() {}

    /** Nästa steg as contract-service's part: the activities that the patient does not perform. */
    public static ObjectNode nextSteps(CarePlan plan, String owner) {
        ArrayNode steps = JSON.arrayNode();
        int n = 0;
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            CarePlanActivityDetailComponent d = activity.getDetail();
            if (!isSelfCare(d)) {
                steps.add(step(d, ++n));
            }
        }
        ObjectNode nextSteps = JSON.objectNode().put("owner", owner);
        nextSteps.set("steps", steps);
        return nextSteps;
    }

    /** The egenvård activities' descriptions, in order. */
    public static List<String> selfCare(CarePlan plan) {
        return plan.getActivity().stream()
                .map(CarePlanActivityComponent::getDetail)
                .filter(ContractCommandMapper::isSelfCare)
                .map(CarePlanActivityDetailComponent::getDescription)
                .toList();
    }

    /** The parts only; patient, kommun and actor are added by the transaction provider. */
    public static ObjectNode parts(CarePlan plan, CareTeam team, List<Goal> goals) {
        ObjectNode parts = JSON.objectNode();
        String owner = hsaId(plan.getAuthor());
        parts.set("sammanhallen-planering", planning(plan, goals, owner));
        if (team != null) {
            participant(team, "fast-vardkontakt").ifPresent(p -> parts.set("fast-vardkontakt", vardkontakt(team, p)));
            participant(team, "fast-lakarkontakt")
                    .ifPresent(p -> parts.set("fast-lakarkontakt", lakarkontakt(team, p)));
        }
        ObjectNode nextSteps = nextSteps(plan, owner);
        if (!nextSteps.get("steps").isEmpty()) {
            parts.set("nasta-steg", nextSteps);
        }
        return parts;
    }

    private static ObjectNode planning(CarePlan plan, List<Goal> goals, String owner) {
        ObjectNode p = JSON.objectNode().put("owner", owner);
        ArrayNode goalTexts = p.putArray("goals");
        goals.forEach(g -> goalTexts.addObject().put("text", g.getDescription().getText()));
        ArrayNode selfCare = p.putArray("selfCare");
        selfCare(plan).forEach(selfCare::add);
        ArrayNode links = p.putArray("linkedPlans");
        for (Reference info : plan.getSupportingInfo()) {
            if (info.hasIdentifier()
                    && Systems.LINKED_PLAN.equals(info.getIdentifier().getSystem())) {
                String display = info.getDisplay() == null ? "" : info.getDisplay();
                String kind = display.contains(" ") ? display.substring(0, display.indexOf(' ')) : display;
                links.addObject()
                        .put("kind", kind)
                        .put("reference", info.getIdentifier().getValue());
            }
        }
        if (plan.hasPeriod() && plan.getPeriod().hasStart()) {
            p.put("agreedOn", day(plan.getPeriod().getStartElement()));
        }
        return p;
    }

    private static ObjectNode vardkontakt(CareTeam team, CareTeamParticipantComponent p) {
        ObjectNode v = JSON.objectNode();
        String unit = hsaId(p.getOnBehalfOf());
        v.put("owner", unit);
        v.set("person", person(p));
        v.put("unit", unit);
        v.set("reach", telecom(team));
        if (p.hasPeriod() && p.getPeriod().hasStart()) {
            v.put("from", day(p.getPeriod().getStartElement()));
        }
        v.put("appointedBy", team.hasManagingOrganization() ? hsaId(team.getManagingOrganizationFirstRep()) : unit);
        return v;
    }

    private static ObjectNode lakarkontakt(CareTeam team, CareTeamParticipantComponent p) {
        ObjectNode l = JSON.objectNode();
        String unit = hsaId(p.getOnBehalfOf());
        l.put("owner", unit);
        ObjectNode physician = person(p);
        physician.remove("profession");
        l.set("physician", physician);
        l.put("vardcentral", unit);
        if (p.hasPeriod() && p.getPeriod().hasStart()) {
            l.put("from", day(p.getPeriod().getStartElement()));
        }
        l.set("booking", telecom(team));
        return l;
    }

    private static ObjectNode person(CareTeamParticipantComponent p) {
        ObjectNode person = JSON.objectNode()
                .put("hsaId", hsaId(p.getMember()))
                .put("name", p.getMember().getDisplay());
        String profession = p.getRoleFirstRep().getText();
        if (!isBlank(profession)) {
            person.put("profession", profession);
        }
        return person;
    }

    /** The team's phone and e-service ({@code other}) as the contact path of both contact parts. */
    private static ObjectNode telecom(CareTeam team) {
        ObjectNode path = JSON.objectNode();
        for (ContactPoint t : team.getTelecom()) {
            if (t.getSystem() == ContactPoint.ContactPointSystem.PHONE && !path.has("phone")) {
                path.put("phone", t.getValue());
            } else if (t.getSystem() == ContactPoint.ContactPointSystem.OTHER && !path.has("eService")) {
                path.put("eService", t.getValue());
            }
        }
        return path;
    }

    private static ObjectNode step(CarePlanActivityDetailComponent d, int n) {
        ObjectNode s = JSON.objectNode().put("id", "s" + n).put("what", d.getDescription());
        ObjectNode who = JSON.objectNode();
        for (Reference performer : d.getPerformer()) {
            if ("Practitioner".equals(performer.getType())) {
                who.put("person", hsaId(performer));
            } else if ("Organization".equals(performer.getType())) {
                who.put("unit", hsaId(performer));
                if (performer.hasDisplay()) {
                    who.put("name", performer.getDisplay());
                }
            }
        }
        if (!who.isEmpty()) {
            s.set("who", who);
        }
        if (d.hasScheduledPeriod()) {
            Period period = d.getScheduledPeriod();
            if (period.hasStart()) {
                s.put("date", day(period.getStartElement()));
            }
            if (period.hasEnd()) {
                s.put("windowEnd", day(period.getEndElement()));
            }
        }
        s.put("how", how(d));
        s.put("status", status(d.getStatus()));
        return s;
    }

    /** The contact-method code if given; else a visit for an Appointment, a phone call for a request. */
    private static String how(CarePlanActivityDetailComponent d) {
        if (d.hasCode() && d.getCode().hasCoding()) {
            return d.getCode().getCodingFirstRep().getCode();
        }
        if (d.getKind() == CarePlan.CarePlanActivityKind.APPOINTMENT) {
            return "VISIT";
        }
        return d.hasKind() ? "PHONE" : null;
    }

    private static String status(CarePlan.CarePlanActivityStatus status) {
        if (status == null) {
            return null;
        }
        switch (status) {
            case SCHEDULED:
                return "BOOKED";
            case COMPLETED:
                return "DONE";
            case CANCELLED:
            case STOPPED:
                return "CANCELLED";
            default:
                return "PLANNED";
        }
    }

    /** Egenvård: an activity the patient performs. */
    private static boolean isSelfCare(CarePlanActivityDetailComponent d) {
        return d.getPerformer().stream()
                .anyMatch(r -> "Patient".equals(r.getType())
                        || (r.getReference() != null && r.getReference().startsWith("Patient/")));
    }

    private static java.util.Optional<CareTeamParticipantComponent> participant(CareTeam team, String role) {
        return team.getParticipant().stream()
                .filter(p -> p.getRole().stream()
                        .flatMap(r -> r.getCoding().stream())
                        .anyMatch(c -> Systems.CARETEAM_ROLE.equals(c.getSystem()) && role.equals(c.getCode())))
                .findFirst();
    }

    public static String hsaId(Reference r) {
        return se.naravard.gateway.fhir.References.hsaId(r);
    }

    private static String day(BaseDateTimeType date) {
        String s = date.getValueAsString();
        return s == null || s.length() < 10 ? s : s.substring(0, 10);
    }
}
