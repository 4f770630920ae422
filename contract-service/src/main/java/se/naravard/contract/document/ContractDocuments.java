package se.naravard.contract.document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.naravard.contract.document.Docs.ActorDoc;
import se.naravard.contract.document.Docs.CareContactDoc;
import se.naravard.contract.document.Docs.ChangeDoc;
import se.naravard.contract.document.Docs.CheckDoc;
import se.naravard.contract.document.Docs.ContactPathDoc;
import se.naravard.contract.document.Docs.ContractDocument;
import se.naravard.contract.document.Docs.FastLakarkontaktDoc;
import se.naravard.contract.document.Docs.FastVardkontaktDoc;
import se.naravard.contract.document.Docs.GoalDoc;
import se.naravard.contract.document.Docs.NextStepDoc;
import se.naravard.contract.document.Docs.NextStepsDoc;
import se.naravard.contract.document.Docs.PartsDoc;
import se.naravard.contract.document.Docs.PatientDoc;
import se.naravard.contract.document.Docs.PerformerDoc;
import se.naravard.contract.document.Docs.PersonDoc;
import se.naravard.contract.document.Docs.PlanLinkDoc;
import se.naravard.contract.document.Docs.PlanningDoc;
import se.naravard.contract.document.Docs.ReviewDoc;
import se.naravard.contract.document.Docs.StatusDoc;
import se.naravard.contract.model.Actor;
import se.naravard.contract.model.Change;
import se.naravard.contract.model.ContactPath;
import se.naravard.contract.model.Contract;
import se.naravard.contract.model.ContractId;
import se.naravard.contract.model.ContractStatus;
import se.naravard.contract.model.FastLakarkontakt;
import se.naravard.contract.model.FastVardkontakt;
import se.naravard.contract.model.NextSteps;
import se.naravard.contract.model.Part;
import se.naravard.contract.model.PartType;
import se.naravard.contract.model.Person;
import se.naravard.contract.model.Planning;
import se.naravard.contract.model.Review;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;

/** Maps a {@link Contract} to its document and a stored document back to the contract. */
public final class ContractDocuments {

    private ContractDocuments() {}

    public static ContractDocument toDocument(Contract c) {
        return new ContractDocument(
                c.id().toString(),
                c.version(),
                new PatientDoc(c.patient().system(), c.patient().value()),
                c.kommun().value(),
                status(c.status()),
                parts(c.parts()),
                change(c.created()),
                change(c.lastChange()));
    }

    /**
     * Reads a document this service wrote earlier.
     *
     * @throws IllegalStateException if it is not valid: stored data that fails validation is a bug,
     *     never user input
     */
    public static Contract fromDocument(ContractDocument d) {
        EnumMap<PartType, Part> parts = new EnumMap<>(PartType.class);
        PartsDoc p = d.parts();
        if (p != null) {
            put(parts, p.planning() == null ? null : PartReader.planning(p.planning()));
            put(parts, p.fastVardkontakt() == null ? null : PartReader.fastVardkontakt(p.fastVardkontakt()));
            put(parts, p.fastLakarkontakt() == null ? null : PartReader.fastLakarkontakt(p.fastLakarkontakt()));
            put(parts, p.nextSteps() == null ? null : PartReader.nextSteps(p.nextSteps()));
        }
        return new Contract(
                ContractId.of(d.id()),
                PatientIdentifier.parse(d.patient().value()),
                Kommunkod.of(d.kommun()),
                d.version(),
                status(d.status()),
                parts,
                change(d.created()),
                change(d.lastChange()));
    }

    public static ReviewDoc toDocument(Review r) {
        return new ReviewDoc(
                r.id().toString(),
                r.contractId().toString(),
                r.contractVersion(),
                actor(r.reviewer()),
                r.at().toString(),
                r.passed(),
                r.results().stream()
                        .map(x -> new CheckDoc(x.check().name(), x.passed(), x.note()))
                        .toList(),
                r.comment());
    }

    public static ActorDoc actor(Actor a) {
        return new ActorDoc(a.person().value(), a.unit().value());
    }

    static Actor actor(ActorDoc a) {
        return new Actor(HsaId.of(a.person()), HsaId.of(a.unit()));
    }

    private static void put(Map<PartType, Part> parts, PartReader.Read read) {
        if (read == null) {
            return;
        }
        if (!read.ok()) {
            throw new IllegalStateException("stored contract part is invalid: " + read.rejections());
        }
        parts.put(read.part().type(), read.part());
    }

    private static ChangeDoc change(Change c) {
        return new ChangeDoc(c.at().toString(), actor(c.actor()), c.reason());
    }

    private static Change change(ChangeDoc c) {
        return new Change(actor(c.actor()), Instant.parse(c.at()), c.reason());
    }

    private static StatusDoc status(ContractStatus s) {
        return switch (s.kind()) {
            case DRAFT -> new StatusDoc(s.code(), null, null, null, null);
            case ACTIVE -> {
                var a = (ContractStatus.Active) s;
                yield new StatusDoc(s.code(), a.agreedAt().toString(), actor(a.agreedBy()), null, null);
            }
            case REVISED -> {
                var r = (ContractStatus.Revised) s;
                yield new StatusDoc(s.code(), r.agreedAt().toString(), actor(r.agreedBy()), null, null);
            }
            case COMPLETED -> new StatusDoc(
                    s.code(), null, null, ((ContractStatus.Completed) s).at().toString(), null);
            case REVOKED -> {
                var r = (ContractStatus.Revoked) s;
                yield new StatusDoc(s.code(), null, null, r.at().toString(), r.reason());
            }
            case ENTERED_IN_ERROR -> {
                var e = (ContractStatus.EnteredInError) s;
                yield new StatusDoc(s.code(), null, null, e.at().toString(), e.reason());
            }
        };
    }

    private static ContractStatus status(StatusDoc s) {
        return switch (s.code()) {
            case "draft" -> new ContractStatus.Draft();
            case "active" -> new ContractStatus.Active(Instant.parse(s.agreedAt()), actor(s.agreedBy()));
            case "revised" -> new ContractStatus.Revised(Instant.parse(s.agreedAt()), actor(s.agreedBy()));
            case "completed" -> new ContractStatus.Completed(Instant.parse(s.at()));
            case "revoked" -> new ContractStatus.Revoked(Instant.parse(s.at()), s.reason());
            case "entered-in-error" -> new ContractStatus.EnteredInError(Instant.parse(s.at()), s.reason());
            default -> throw new IllegalStateException("unknown stored status " + s.code());
        };
    }

    private static PartsDoc parts(Map<PartType, Part> parts) {
        return new PartsDoc(
                parts.containsKey(PartType.PLANNING) ? planning((Planning) parts.get(PartType.PLANNING)) : null,
                parts.containsKey(PartType.FAST_VARDKONTAKT)
                        ? vardkontakt((FastVardkontakt) parts.get(PartType.FAST_VARDKONTAKT))
                        : null,
                parts.containsKey(PartType.FAST_LAKARKONTAKT)
                        ? lakarkontakt((FastLakarkontakt) parts.get(PartType.FAST_LAKARKONTAKT))
                        : null,
                parts.containsKey(PartType.NEXT_STEPS) ? nextSteps((NextSteps) parts.get(PartType.NEXT_STEPS)) : null);
    }

    private static PlanningDoc planning(Planning p) {
        return new PlanningDoc(
                id(p.owner()),
                ids(p.delegates()),
                p.goals().stream().map(g -> new GoalDoc(g.text())).toList(),
                p.selfCare(),
                p.contacts().stream()
                        .map(c -> new CareContactDoc(c.name(), id(c.unit()), c.role(), path(c.path())))
                        .toList(),
                p.linkedPlans().stream()
                        .map(l -> new PlanLinkDoc(l.kind().name(), l.reference()))
                        .toList(),
                p.medicationListReference(),
                date(p.agreedOn()));
    }

    private static FastVardkontaktDoc vardkontakt(FastVardkontakt f) {
        return new FastVardkontaktDoc(
                id(f.owner()),
                ids(f.delegates()),
                person(f.person()),
                id(f.unit()),
                path(f.reach()),
                person(f.substitute()),
                date(f.from()),
                id(f.appointedBy()));
    }

    private static FastLakarkontaktDoc lakarkontakt(FastLakarkontakt f) {
        return new FastLakarkontaktDoc(
                id(f.owner()),
                ids(f.delegates()),
                person(f.physician()),
                id(f.vardcentral()),
                date(f.from()),
                path(f.booking()));
    }

    private static NextStepsDoc nextSteps(NextSteps n) {
        return new NextStepsDoc(
                id(n.owner()),
                ids(n.delegates()),
                n.steps().stream()
                        .map(s -> new NextStepDoc(
                                s.id(),
                                s.what(),
                                s.who() == null
                                        ? null
                                        : new PerformerDoc(
                                                id(s.who().person()),
                                                id(s.who().unit()),
                                                s.who().name()),
                                date(s.date()),
                                date(s.windowEnd()),
                                s.how() == null ? null : s.how().name(),
                                s.status() == null ? null : s.status().name(),
                                s.completedAt() == null ? null : s.completedAt().toString()))
                        .toList());
    }

    private static PersonDoc person(Person p) {
        return p == null ? null : new PersonDoc(id(p.hsaId()), p.name(), p.profession());
    }

    private static ContactPathDoc path(ContactPath p) {
        return p == null ? null : new ContactPathDoc(p.phone(), p.eService(), p.hours());
    }

    private static String id(HsaId id) {
        return id == null ? null : id.value();
    }

    private static List<String> ids(Set<HsaId> ids) {
        return ids.stream().map(HsaId::value).sorted().toList();
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
