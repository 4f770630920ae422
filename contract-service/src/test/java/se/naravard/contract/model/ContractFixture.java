package se.naravard.contract.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.naravard.contract.model.ContractStatus.Kind;
import se.naravard.contract.model.Decision.Accepted;
import se.naravard.contract.model.Decision.Rejected;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;

/** Valid contracts and parts by default; tests change only what their rule is about. */
public final class ContractFixture {

    /** Test personnummer from Skatteverket's series (DOMAIN.md §6). */
    static final String TOLVAN = "191212121212";

    static final HsaId VARDCENTRAL = HsaId.of("SE2321000016-39KJ");
    static final HsaId HEMSJUKVARD = HsaId.of("SE2120000530-HSJV");
    static final HsaId OTHER_UNIT = HsaId.of("SE2321000016-99XX");
    static final HsaId NURSE = HsaId.of("SE2321000016-1SSK");
    static final HsaId PHYSICIAN = HsaId.of("SE2321000016-2LAK");
    static final HsaId VERKSAMHETSCHEF = HsaId.of("SE2321000016-3VCH");
    static final HsaId MUNICIPAL_NURSE = HsaId.of("SE2120000530-4SSK");

    static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2025-03-03");

    private ContractFixture() {}

    public static Actor anyActor() {
        return new Actor(NURSE, VARDCENTRAL);
    }

    static Actor actorAt(HsaId unit) {
        return new Actor(MUNICIPAL_NURSE, unit);
    }

    public static Change anyChange() {
        return new Change(anyActor(), NOW, "agreed at visit");
    }

    static Change changeBy(Actor actor) {
        return new Change(actor, NOW.plusSeconds(3600), "follow-up call");
    }

    static Change changeWithReason(String reason) {
        return new Change(anyActor(), NOW.plusSeconds(7200), reason);
    }

    public static PatientIdentifier anyPatient() {
        return PatientIdentifier.parse(TOLVAN);
    }

    public static Kommunkod anyKommun() {
        return Kommunkod.of("0680");
    }

    public static ContactPath anyContactPath() {
        return new ContactPath("036-123 45 67", "1177 meddelande", "vardagar 8-16");
    }

    public static Person anyNurse() {
        return new Person(NURSE, "Sara Sjuksköterska", "sjuksköterska");
    }

    public static Planning anyPlanning() {
        return new Planning(
                VARDCENTRAL,
                Set.of(HEMSJUKVARD),
                List.of(new Goal("Kunna gå till affären själv")),
                List.of("Väger mig varje morgon"),
                List.of(new CareContact("Hemsjukvården", HEMSJUKVARD, "hemsjukvård", anyContactPath())),
                List.of(new PlanLink(PlanKind.SIP, "sip-2025-001")),
                "Nationella läkemedelslistan",
                TODAY);
    }

    static Planning planningWithGoals(List<Goal> goals) {
        var p = anyPlanning();
        return new Planning(p.owner(), p.delegates(), goals, p.selfCare(), p.contacts(), p.linkedPlans(), null, null);
    }

    public static FastVardkontakt anyFastVardkontakt() {
        return new FastVardkontakt(
                VARDCENTRAL, Set.of(), anyNurse(), VARDCENTRAL, anyContactPath(), null, TODAY, VERKSAMHETSCHEF);
    }

    static FastVardkontakt fastVardkontaktReachedBy(ContactPath reach) {
        return new FastVardkontakt(VARDCENTRAL, Set.of(), anyNurse(), VARDCENTRAL, reach, null, TODAY, VERKSAMHETSCHEF);
    }

    public static FastLakarkontakt anyFastLakarkontakt() {
        return new FastLakarkontakt(
                VARDCENTRAL,
                Set.of(),
                new Person(PHYSICIAN, "Lars Läkare", "specialist i allmänmedicin"),
                VARDCENTRAL,
                TODAY,
                anyContactPath());
    }

    public static NextStep anyNextStep() {
        return new NextStep(
                "1",
                "Uppföljande samtal om egenvården",
                new Performer(NURSE, VARDCENTRAL, "Sara Sjuksköterska"),
                TODAY.plusWeeks(2),
                null,
                ContactMethod.PHONE,
                NextStepStatus.PLANNED);
    }

    static NextSteps nextSteps(NextStep... steps) {
        return new NextSteps(VARDCENTRAL, Set.of(HEMSJUKVARD), List.of(steps));
    }

    public static NextSteps anyNextSteps() {
        return nextSteps(anyNextStep());
    }

    /** Differs from {@link #anyNextSteps()}: the step has been booked. */
    static NextSteps bookedNextSteps() {
        var s = anyNextStep();
        return nextSteps(new NextStep(s.id(), s.what(), s.who(), s.date(), null, s.how(), NextStepStatus.BOOKED));
    }

    static List<Part> allParts() {
        return List.of(anyPlanning(), anyFastVardkontakt(), anyFastLakarkontakt(), anyNextSteps());
    }

    /** A draft with all four valid parts, version 1. */
    public static Contract anyContract() {
        return draftWith(allParts());
    }

    static Contract draftWith(List<Part> parts) {
        return accepted(Contract.draft(ContractId.newId(), anyPatient(), anyKommun(), parts, anyChange()));
    }

    static Contract activeContract() {
        return accepted(anyContract().activate(anyChange()));
    }

    /** A contract in the given status, reached through legal operations. */
    public static Contract contractIn(Kind kind) {
        return switch (kind) {
            case DRAFT -> anyContract();
            case ACTIVE -> activeContract();
            case REVISED -> accepted(activeContract().putPart(bookedNextSteps(), anyChange()));
            case COMPLETED -> accepted(activeContract().complete(anyChange()));
            case REVOKED -> accepted(anyContract().revoke(changeWithReason("patienten avböjer")));
            case ENTERED_IN_ERROR -> accepted(anyContract().markEnteredInError(changeWithReason("fel patient")));
        };
    }

    static Contract accepted(Decision decision) {
        if (decision instanceof Accepted accepted) {
            return accepted.contract();
        }
        throw new AssertionError("expected acceptance but was " + decision);
    }

    static ContractEvent event(Decision decision) {
        if (decision instanceof Accepted accepted) {
            return accepted.event();
        }
        throw new AssertionError("expected acceptance but was " + decision);
    }

    static List<Rejection> rejections(Decision decision) {
        if (decision instanceof Rejected rejected) {
            return rejected.rejections();
        }
        throw new AssertionError("expected rejection but was " + decision);
    }

    static String repeat(int length) {
        return "x".repeat(length);
    }
}
