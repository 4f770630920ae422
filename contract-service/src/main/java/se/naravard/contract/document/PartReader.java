package se.naravard.contract.document;

import java.util.ArrayList;
import java.util.List;
import se.naravard.contract.document.Docs.CareContactDoc;
import se.naravard.contract.document.Docs.ContactPathDoc;
import se.naravard.contract.document.Docs.FastLakarkontaktDoc;
import se.naravard.contract.document.Docs.FastVardkontaktDoc;
import se.naravard.contract.document.Docs.NextStepDoc;
import se.naravard.contract.document.Docs.NextStepsDoc;
import se.naravard.contract.document.Docs.PersonDoc;
import se.naravard.contract.document.Docs.PlanningDoc;
import se.naravard.contract.model.CareContact;
import se.naravard.contract.model.ContactMethod;
import se.naravard.contract.model.ContactPath;
import se.naravard.contract.model.FastLakarkontakt;
import se.naravard.contract.model.FastVardkontakt;
import se.naravard.contract.model.Goal;
import se.naravard.contract.model.NextStep;
import se.naravard.contract.model.NextStepStatus;
import se.naravard.contract.model.NextSteps;
import se.naravard.contract.model.Part;
import se.naravard.contract.model.PartType;
import se.naravard.contract.model.Performer;
import se.naravard.contract.model.Person;
import se.naravard.contract.model.PlanKind;
import se.naravard.contract.model.PlanLink;
import se.naravard.contract.model.Planning;
import se.naravard.platform.domain.Rejection;

/**
 * Turns a part's document into the domain part, or the list of everything wrong with it (format
 * errors found here plus the domain's own validation), each with its JSON pointer.
 */
public final class PartReader {

    private static final String REQUIRED = se.naravard.contract.model.ContractRejections.REQUIRED.code();

    private PartReader() {}

    /** A part read from a document: either {@code part} or a non-empty {@code rejections}. */
    public record Read(Part part, List<Rejection> rejections) {
        public boolean ok() {
            return rejections.isEmpty();
        }
    }

    public static Read planning(PlanningDoc d) {
        FieldReader r = new FieldReader();
        String p = PartType.PLANNING.pointer();
        List<Goal> goals = new ArrayList<>();
        entries(r, d.goals(), p + "/goals").forEach(g -> goals.add(new Goal(g.text())));
        List<CareContact> contacts = new ArrayList<>();
        List<CareContactDoc> contactDocs = entries(r, d.contacts(), p + "/contacts");
        if (contactDocs.size() == (d.contacts() == null ? 0 : d.contacts().size())) {
            for (int i = 0; i < contactDocs.size(); i++) {
                CareContactDoc c = contactDocs.get(i);
                String cp = p + "/contacts/" + i;
                contacts.add(new CareContact(c.name(), r.hsaId(c.unit(), cp + "/unit"), c.role(), path(c.path())));
            }
        }
        List<PlanLink> links = new ArrayList<>();
        var linkDocs = entries(r, d.linkedPlans(), p + "/linkedPlans");
        if (linkDocs.size() == (d.linkedPlans() == null ? 0 : d.linkedPlans().size())) {
            for (int i = 0; i < linkDocs.size(); i++) {
                var l = linkDocs.get(i);
                links.add(new PlanLink(
                        r.code(PlanKind.class, l.kind(), p + "/linkedPlans/" + i + "/kind"), l.reference()));
            }
        }
        Planning part = new Planning(
                r.hsaId(d.owner(), p + "/owner"),
                r.hsaIds(d.delegates(), p + "/delegates"),
                goals,
                entries(r, d.selfCare(), p + "/selfCare"),
                contacts,
                links,
                d.medicationListReference(),
                r.date(d.agreedOn(), p + "/agreedOn"));
        return finish(r, part);
    }

    public static Read fastVardkontakt(FastVardkontaktDoc d) {
        FieldReader r = new FieldReader();
        String p = PartType.FAST_VARDKONTAKT.pointer();
        FastVardkontakt part = new FastVardkontakt(
                r.hsaId(d.owner(), p + "/owner"),
                r.hsaIds(d.delegates(), p + "/delegates"),
                person(r, d.person(), p + "/person"),
                r.hsaId(d.unit(), p + "/unit"),
                path(d.reach()),
                person(r, d.substitute(), p + "/substitute"),
                r.date(d.from(), p + "/from"),
                r.hsaId(d.appointedBy(), p + "/appointedBy"));
        return finish(r, part);
    }

    public static Read fastLakarkontakt(FastLakarkontaktDoc d) {
        FieldReader r = new FieldReader();
        String p = PartType.FAST_LAKARKONTAKT.pointer();
        FastLakarkontakt part = new FastLakarkontakt(
                r.hsaId(d.owner(), p + "/owner"),
                r.hsaIds(d.delegates(), p + "/delegates"),
                person(r, d.physician(), p + "/physician"),
                r.hsaId(d.vardcentral(), p + "/vardcentral"),
                r.date(d.from(), p + "/from"),
                path(d.booking()));
        return finish(r, part);
    }

    public static Read nextSteps(NextStepsDoc d) {
        FieldReader r = new FieldReader();
        String p = PartType.NEXT_STEPS.pointer();
        List<NextStep> steps = new ArrayList<>();
        List<NextStepDoc> stepDocs = entries(r, d.steps(), p + "/steps");
        if (stepDocs.size() == (d.steps() == null ? 0 : d.steps().size())) {
            for (int i = 0; i < stepDocs.size(); i++) {
                NextStepDoc s = stepDocs.get(i);
                String sp = p + "/steps/" + i;
                Performer who = s.who() == null
                        ? null
                        : new Performer(
                                r.hsaId(s.who().person(), sp + "/who/person"),
                                r.hsaId(s.who().unit(), sp + "/who/unit"),
                                s.who().name());
                steps.add(new NextStep(
                        s.id(),
                        s.what(),
                        who,
                        r.date(s.date(), sp + "/date"),
                        r.date(s.windowEnd(), sp + "/windowEnd"),
                        r.code(ContactMethod.class, s.how(), sp + "/how"),
                        r.code(NextStepStatus.class, s.status(), sp + "/status"),
                        r.instant(s.completedAt(), sp + "/completedAt")));
            }
        }
        NextSteps part =
                new NextSteps(r.hsaId(d.owner(), p + "/owner"), r.hsaIds(d.delegates(), p + "/delegates"), steps);
        return finish(r, part);
    }

    /** The list without null entries; each null entry is refused at its index. */
    private static <T> List<T> entries(FieldReader r, List<T> list, String pointer) {
        List<T> out = new ArrayList<>();
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    r.add(new Rejection(REQUIRED, pointer + "/" + i, "an entry may not be null"));
                } else {
                    out.add(list.get(i));
                }
            }
        }
        return out;
    }

    private static Read finish(FieldReader r, Part part) {
        List<Rejection> all = r.merge(part.validate());
        return all.isEmpty() ? new Read(part, List.of()) : new Read(null, all);
    }

    private static Person person(FieldReader r, PersonDoc d, String pointer) {
        return d == null ? null : new Person(r.hsaId(d.hsaId(), pointer + "/hsaId"), d.name(), d.profession());
    }

    private static ContactPath path(ContactPathDoc d) {
        return d == null ? null : new ContactPath(d.phone(), d.eService(), d.hours());
    }
}
