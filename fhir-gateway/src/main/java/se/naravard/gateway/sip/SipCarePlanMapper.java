package se.naravard.gateway.sip;

import static se.naravard.gateway.fhir.References.isBlank;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CarePlan.CarePlanIntent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.naravard.gateway.fhir.References;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.sip.SipDocs.FollowUp;
import se.naravard.gateway.sip.SipDocs.Intervention;
import se.naravard.gateway.sip.SipDocs.Sip;

/**
 * A SIP as a {@code CarePlan} of category {@code sip} (DOMAIN.md §4): one version of the SIP is one
 * version of the CarePlan. The law's required content: the interventions (activities with their
 * responsible unit and principal), the principal with overall responsibility (extension), plus the
 * follow-ups (extension), the goals, care team and consents (referenced), and the meetings
 * (activities referring to their Appointment).
 */
public final class SipCarePlanMapper {

    private SipCarePlanMapper() {}

    public static CarePlan toCarePlan(Sip s, String patientKey) {
        CarePlan plan = new CarePlan();
        String id = SipIds.plan(s.id());
        plan.setId("CarePlan/" + id + "/_history/" + s.version());
        plan.setMeta(meta(s));
        plan.setText(References.narrative("SIP, version " + s.version() + ", status " + s.statusCode()));
        plan.addExtension(Systems.EXT_KOMMUN, new CodeType(s.kommun()));
        if (s.overallResponsibility() != null) {
            plan.addExtension(
                    Systems.EXT_SIP_OVERALL_RESPONSIBILITY,
                    SipParticipants.principalConcept(s.overallResponsibility()));
        }
        plan.addExtension(Systems.EXT_SIP_OBJECTS_TO_NARSTAENDE, new BooleanType(s.objectsToNarstaende()));
        s.followUpsOrEmpty().forEach(f -> plan.addExtension(followUp(s, f, patientKey)));
        plan.setStatus(status(s.statusCode()));
        plan.setIntent(CarePlanIntent.PLAN);
        plan.addCategory(Systems.sip());
        plan.setTitle("Samordnad individuell plan (SIP)");
        plan.setSubject(References.patient(patientKey));
        plan.setCreatedElement(
                References.dateTime(s.created() == null ? null : s.created().at()));
        period(s, plan);
        if (s.created() != null && s.created().actor() != null) {
            Reference author = References.organization(s.created().actor().unit(), null);
            if (author != null) {
                plan.setAuthor(author);
            }
        }
        plan.addCareTeam(new Reference("CareTeam/" + id));
        for (int n = 1; n <= s.goalsOrEmpty().size(); n++) {
            plan.addGoal(new Reference("Goal/" + SipIds.entry(s.id(), SipIds.GOAL, n)));
        }
        for (int n = 1; n <= s.consentsOrEmpty().size(); n++) {
            plan.addSupportingInfo(new Reference("Consent/" + SipIds.entry(s.id(), SipIds.CONSENT, n)));
        }
        s.interventionsOrEmpty().forEach(i -> plan.addActivity(intervention(i)));
        for (int n = 1; n <= s.meetingsOrEmpty().size(); n++) {
            plan.addActivity(new CarePlanActivityComponent()
                    .setReference(new Reference("Appointment/" + SipIds.entry(s.id(), SipIds.MEETING, n))
                            .setDisplay("SIP-möte")));
        }
        return plan;
    }

    /** The SIP's version and last change: the meta of everything made from it. */
    public static Meta meta(Sip s) {
        return new Meta()
                .setVersionId(Integer.toString(s.version()))
                .setLastUpdatedElement(References.instant(
                        s.lastChange() == null ? null : s.lastChange().at()));
    }

    /** draft, active, completed as they are; cancelled→revoked; entered-in-error. */
    public static CarePlanStatus status(String code) {
        if (code == null) {
            return CarePlanStatus.UNKNOWN;
        }
        return switch (code) {
            case "draft" -> CarePlanStatus.DRAFT;
            case "active" -> CarePlanStatus.ACTIVE;
            case "completed" -> CarePlanStatus.COMPLETED;
            case "cancelled" -> CarePlanStatus.REVOKED;
            case "entered-in-error" -> CarePlanStatus.ENTEREDINERROR;
            default -> CarePlanStatus.UNKNOWN;
        };
    }

    /** From activation; to completion or cancellation. */
    private static void period(Sip s, CarePlan plan) {
        if (s.status() == null) {
            return;
        }
        var start = References.dateTime(s.status().activatedAt());
        var end = "completed".equals(s.statusCode()) || "cancelled".equals(s.statusCode())
                ? References.dateTime(s.status().at())
                : null;
        if (start != null || end != null) {
            plan.setPeriod(new Period().setStartElement(start).setEndElement(end));
        }
    }

    /** An insats: what, by which unit (HSA-id) of which principal, from when, its status. */
    static CarePlanActivityComponent intervention(Intervention i) {
        CarePlanActivityDetailComponent detail = new CarePlanActivityDetailComponent()
                .setStatus(interventionStatus(i.status()))
                .setDescription(i.what());
        var principal = SipParticipants.principalConcept(i.responsiblePrincipal());
        if (principal != null) {
            detail.addExtension(Systems.EXT_SIP_RESPONSIBLE_PRINCIPAL, principal);
        }
        Reference unit = References.organization(i.responsibleUnit(), null);
        if (unit != null) {
            detail.addPerformer(unit);
        }
        var start = References.day(i.start());
        if (start != null) {
            detail.setScheduled(new Period().setStartElement(start));
        }
        CarePlanActivityComponent activity = new CarePlanActivityComponent().setDetail(detail);
        // The intervention's id in the SIP, so a client's update names the same intervention.
        if (!isBlank(i.id())) {
            activity.setId(i.id());
        }
        return activity;
    }

    /** PLANNED→not-started, ONGOING→in-progress, DONE→completed, STOPPED→stopped. */
    public static CarePlanActivityStatus interventionStatus(String status) {
        if (status == null) {
            return CarePlanActivityStatus.UNKNOWN;
        }
        return switch (status) {
            case "PLANNED" -> CarePlanActivityStatus.NOTSTARTED;
            case "ONGOING" -> CarePlanActivityStatus.INPROGRESS;
            case "DONE" -> CarePlanActivityStatus.COMPLETED;
            case "STOPPED" -> CarePlanActivityStatus.STOPPED;
            default -> CarePlanActivityStatus.UNKNOWN;
        };
    }

    /** date, by (the participant who follows up), and once done the result and when. */
    private static Extension followUp(Sip s, FollowUp f, String patientKey) {
        Extension e = new Extension(Systems.EXT_SIP_FOLLOW_UP);
        if (!isBlank(f.date())) {
            e.addExtension("date", new DateType(f.date()));
        }
        if (!isBlank(f.by())) {
            e.addExtension("by", SipParticipants.reference(s.participant(f.by()), f.by(), patientKey));
        }
        if (f.result() != null) {
            if (!isBlank(f.result().text())) {
                e.addExtension("result", new StringType(f.result().text()));
            }
            var at = References.dateTime(f.result().at());
            if (at != null) {
                e.addExtension("resultAt", at);
            }
        }
        return e;
    }
}
