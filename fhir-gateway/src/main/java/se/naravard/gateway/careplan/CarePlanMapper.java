package se.naravard.gateway.careplan;

import static se.naravard.gateway.fhir.References.isBlank;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityKind;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CarePlan.CarePlanIntent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractDocs.NextStep;
import se.naravard.gateway.contract.ContractDocs.Parts;
import se.naravard.gateway.contract.ContractDocs.PlanLink;
import se.naravard.gateway.contract.ContractDocs.Planning;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;

/**
 * A patientkontrakt (the documented agreement between patient and care about who does what, when
 * and whom to contact; DOMAIN.md §2) as a {@code CarePlan} of category {@code patientkontrakt}: one
 * version of the contract is one version of the CarePlan. Nästa steg (next steps) and the patient's
 * egenvård (self-care) are activities; goals and the care team are their own resources, referenced.
 */
public final class CarePlanMapper {

    private CarePlanMapper() {}

    public static CarePlan toCarePlan(Contract c, String patientKey) {
        Parts parts = c.partsOrEmpty();
        CarePlan plan = new CarePlan();
        plan.setId("CarePlan/" + c.id() + "/_history/" + c.version());
        plan.setMeta(new Meta()
                .setVersionId(Integer.toString(c.version()))
                .setLastUpdatedElement(References.instant(
                        c.lastChange() == null ? null : c.lastChange().at())));
        plan.setText(References.narrative("Patientkontrakt, version " + c.version() + ", status " + c.statusCode()));
        plan.setStatus(status(c.statusCode()));
        plan.setIntent(CarePlanIntent.PLAN);
        plan.addCategory(Systems.patientkontrakt());
        plan.setTitle("Patientkontrakt");
        plan.setSubject(References.patient(patientKey));
        plan.setCreatedElement(
                References.dateTime(c.created() == null ? null : c.created().at()));
        Planning planning = parts.planning();
        period(c, planning, plan);
        Reference author = author(c, planning);
        if (author != null) {
            plan.setAuthor(author);
        }
        contributors(c, parts).forEach(plan::addContributor);
        plan.addCareTeam(new Reference("CareTeam/" + c.id()));
        if (planning != null) {
            int goals = planning.goals() == null ? 0 : planning.goals().size();
            for (int n = 1; n <= goals; n++) {
                plan.addGoal(new Reference("Goal/" + c.id() + "-" + n));
            }
            linkedPlans(planning.linkedPlans(), plan);
            if (!isBlank(planning.medicationListReference())) {
                plan.addNote().setText("Läkemedelslista: " + planning.medicationListReference());
            }
            selfCare(planning.selfCare(), c, patientKey, plan);
        }
        if (parts.nextSteps() != null && parts.nextSteps().steps() != null) {
            for (NextStep step : parts.nextSteps().steps()) {
                plan.addActivity(nextStep(step, parts.nextSteps().owner()));
            }
        }
        return plan;
    }

    /** draft→draft, active and revised→active, completed, revoked, entered-in-error as they are. */
    public static CarePlanStatus status(String code) {
        if (code == null) {
            return CarePlanStatus.UNKNOWN;
        }
        switch (code) {
            case "draft":
                return CarePlanStatus.DRAFT;
            case "active":
            case "revised":
                return CarePlanStatus.ACTIVE;
            case "completed":
                return CarePlanStatus.COMPLETED;
            case "revoked":
                return CarePlanStatus.REVOKED;
            case "entered-in-error":
                return CarePlanStatus.ENTEREDINERROR;
            default:
                return CarePlanStatus.UNKNOWN;
        }
    }

    private static void period(Contract c, Planning planning, CarePlan plan) {
        var start = planning == null ? null : References.day(planning.agreedOn());
        if (start == null && c.status() != null) {
            start = References.dateTime(c.status().agreedAt());
        }
        if (start != null) {
            plan.setPeriod(new Period().setStartElement(start));
        }
    }

    /** Sammanhållen planering records the author organisation; else the unit that drew the contract up. */
    private static Reference author(Contract c, Planning planning) {
        if (planning != null && !isBlank(planning.owner())) {
            return References.organization(planning.owner(), null);
        }
        return c.created() == null || c.created().actor() == null
                ? null
                : References.organization(c.created().actor().unit(), null);
    }

    /**
     * The owner units of the four parts, each once, then the people who drew the contract up and
     * changed it last.
     */
    private static List<Reference> contributors(Contract c, Parts parts) {
        Set<String> units = new LinkedHashSet<>();
        if (parts.planning() != null) {
            units.add(parts.planning().owner());
        }
        if (parts.fastVardkontakt() != null) {
            units.add(parts.fastVardkontakt().owner());
        }
        if (parts.fastLakarkontakt() != null) {
            units.add(parts.fastLakarkontakt().owner());
        }
        if (parts.nextSteps() != null) {
            units.add(parts.nextSteps().owner());
        }
        if (units.isEmpty() && c.created() != null && c.created().actor() != null) {
            units.add(c.created().actor().unit());
        }
        Set<String> people = new LinkedHashSet<>();
        if (c.created() != null && c.created().actor() != null) {
            people.add(c.created().actor().person());
        }
        if (c.lastChange() != null && c.lastChange().actor() != null) {
            people.add(c.lastChange().actor().person());
        }
        List<Reference> all = new java.util.ArrayList<>();
        units.stream().filter(u -> !isBlank(u)).forEach(u -> all.add(References.organization(u, null)));
        people.stream().filter(p -> !isBlank(p)).forEach(p -> all.add(References.practitioner(p, null)));
        return all;
    }

    private static void linkedPlans(List<PlanLink> links, CarePlan plan) {
        if (links == null) {
            return;
        }
        for (PlanLink link : links) {
            if (isBlank(link.reference())) {
                continue;
            }
            plan.addSupportingInfo(new Reference()
                    .setIdentifier(
                            new Identifier().setSystem(Systems.LINKED_PLAN).setValue(link.reference()))
                    .setDisplay((link.kind() == null ? "Plan" : link.kind()) + " " + link.reference()));
        }
    }

    /** Egenvård: what the patient and their network do, performed by the patient. */
    private static void selfCare(List<String> selfCare, Contract c, String patientKey, CarePlan plan) {
        if (selfCare == null) {
            return;
        }
        CarePlanActivityStatus status =
                plan.getStatus() == CarePlanStatus.ACTIVE ? CarePlanActivityStatus.INPROGRESS : notStarted(c);
        for (String what : selfCare) {
            if (isBlank(what)) {
                continue;
            }
            CarePlanActivityDetailComponent detail = new CarePlanActivityDetailComponent()
                    .setStatus(status)
                    .setDescription(what)
                    .addPerformer(References.patient(patientKey));
            plan.addActivity(new CarePlanActivityComponent().setDetail(detail));
        }
    }

    private static CarePlanActivityStatus notStarted(Contract c) {
        String code = c.statusCode();
        if ("completed".equals(code)) {
            return CarePlanActivityStatus.COMPLETED;
        }
        if ("revoked".equals(code)) {
            return CarePlanActivityStatus.STOPPED;
        }
        if ("entered-in-error".equals(code)) {
            return CarePlanActivityStatus.ENTEREDINERROR;
        }
        return CarePlanActivityStatus.NOTSTARTED;
    }

    /** Nästa steg: what, who (person and unit), when (date or window), how, status. */
    static CarePlanActivityComponent nextStep(NextStep step, String owner) {
        CarePlanActivityDetailComponent detail = new CarePlanActivityDetailComponent()
                .setStatus(stepStatus(step.status()))
                .setDescription(step.what());
        CarePlanActivityKind kind = kind(step.how());
        if (kind != null) {
            detail.setKind(kind);
        }
        if (!isBlank(step.how())) {
            detail.setCode(new CodeableConcept()
                    .addCoding(new Coding(ContactMethods.SYSTEM, step.how(), ContactMethods.display(step.how())))
                    .setText(ContactMethods.display(step.how())));
        }
        var start = References.day(step.date());
        var end = References.day(step.windowEnd());
        if (start != null || end != null) {
            detail.setScheduled(new Period().setStartElement(start).setEndElement(end));
        }
        if (step.who() != null) {
            Reference person = References.practitioner(step.who().person(), null);
            if (person != null && !isBlank(step.who().person())) {
                detail.addPerformer(person);
            }
            Reference unit =
                    References.organization(step.who().unit(), step.who().name());
            if (unit != null) {
                detail.addPerformer(unit);
            }
        } else if (!isBlank(owner)) {
            detail.addPerformer(References.organization(owner, null));
        }
        CarePlanActivityComponent activity = new CarePlanActivityComponent().setDetail(detail);
        if ("DONE".equals(step.status()) && !isBlank(step.completedAt())) {
            activity.addProgress(new Annotation()
                    .setTimeElement(new DateTimeType(step.completedAt()))
                    .setText(DONE_TEXT));
        }
        return activity;
    }

    /**
     * The text of the progress note that carries a done step's completion time ({@code
     * activity.progress.time}; R4's activity.detail has no element for it).
     */
    public static final String DONE_TEXT = "Genomfört";

    /** PLANNED→not-started, BOOKED→scheduled, DONE→completed, CANCELLED→cancelled. */
    static CarePlanActivityStatus stepStatus(String status) {
        if (status == null) {
            return CarePlanActivityStatus.UNKNOWN;
        }
        switch (status) {
            case "PLANNED":
                return CarePlanActivityStatus.NOTSTARTED;
            case "BOOKED":
                return CarePlanActivityStatus.SCHEDULED;
            case "DONE":
                return CarePlanActivityStatus.COMPLETED;
            case "CANCELLED":
                return CarePlanActivityStatus.CANCELLED;
            default:
                return CarePlanActivityStatus.UNKNOWN;
        }
    }

    /** A visit or video call is an Appointment; phone, letter or a 1177 message a CommunicationRequest. */
    static CarePlanActivityKind kind(String how) {
        if (how == null) {
            return null;
        }
        switch (how) {
            case "VISIT":
            case "VIDEO":
                return CarePlanActivityKind.APPOINTMENT;
            case "PHONE":
            case "LETTER":
            case "MESSAGE_1177":
                return CarePlanActivityKind.COMMUNICATIONREQUEST;
            default:
                return null;
        }
    }
}
