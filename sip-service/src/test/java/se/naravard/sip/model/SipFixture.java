package se.naravard.sip.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.sip.model.Decision.Accepted;
import se.naravard.sip.model.Decision.Rejected;
import se.naravard.sip.model.Participant.OtherParticipant;
import se.naravard.sip.model.Participant.RelatedPerson;
import se.naravard.sip.model.Participant.UnitParticipant;
import se.naravard.sip.model.SipStatus.Kind;

/** Valid SIPs and entries by default; tests change only what their rule is about. */
final class SipFixture {

    /** Test personnummer from Skatteverket's series (DOMAIN.md §6). */
    static final String TOLVAN = "19121212-1212";

    static final HsaId VARDCENTRAL = HsaId.of("SE2321000057-VC01");
    static final HsaId HEMTJANST = HsaId.of("SE2120000530-HT01");
    static final HsaId NURSE = HsaId.of("SE2321000057-SSK1");
    static final HsaId SOCIAL_WORKER = HsaId.of("SE2120000530-BIS1");

    static final ParticipantId REGION_ID = ParticipantId.of("vc");
    static final ParticipantId MUNICIPAL_ID = ParticipantId.of("hemtjanst");
    static final ParticipantId DAUGHTER_ID = ParticipantId.of("dotter");

    static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2025-03-03");

    private SipFixture() {}

    static Change anyChange() {
        return new Change(NURSE, VARDCENTRAL, NOW, "SIP-möte");
    }

    static Change changeAt(Instant at) {
        return new Change(NURSE, VARDCENTRAL, at, "SIP-möte");
    }

    static Change changeWithReason(String reason) {
        return new Change(SOCIAL_WORKER, HEMTJANST, NOW.plusSeconds(3600), reason);
    }

    static PatientIdentifier tolvan() {
        return PatientIdentifier.parse(TOLVAN);
    }

    static UnitParticipant regionUnit() {
        return new UnitParticipant(
                REGION_ID, Principal.REGION, VARDCENTRAL, UnitRole.PRIMARY_CARE, "Sara Sjuksköterska");
    }

    static UnitParticipant municipalUnit() {
        return new UnitParticipant(MUNICIPAL_ID, Principal.MUNICIPALITY, HEMTJANST, UnitRole.SOCIAL_SERVICES, null);
    }

    static RelatedPerson daughter() {
        return new RelatedPerson(DAUGHTER_ID, "Anna Andersson", "dotter");
    }

    static OtherParticipant forsakringskassan() {
        return new OtherParticipant(ParticipantId.of("fk"), "Handläggare", "Försäkringskassan");
    }

    static ConsentScope anyScope() {
        return new ConsentScope("SIP:ens innehåll", Set.of(REGION_ID, MUNICIPAL_ID), Set.of(VARDCENTRAL, HEMTJANST));
    }

    static Consent anyConsent() {
        return Consent.given(ConsentGiver.thePerson(), anyScope(), NOW.minusSeconds(60));
    }

    static Intervention anyIntervention() {
        return new Intervention(
                InterventionId.of("hemtjanst"),
                "Hemtjänst morgon och kväll",
                Principal.MUNICIPALITY,
                HEMTJANST,
                TODAY,
                InterventionStatus.PLANNED);
    }

    /** A new draft, version 1: only the person takes part. */
    static Sip emptyDraft() {
        return accepted(Sip.draft(SipId.newId(), tolvan(), Kommunkod.of("0680"), anyChange()));
    }

    /** A draft with both units as participants but nothing else. */
    static Sip draftWithUnits() {
        var sip = emptyDraft();
        sip = accepted(sip.addParticipant(regionUnit(), anyChange()));
        return accepted(sip.addParticipant(municipalUnit(), anyChange()));
    }

    /** A draft that meets every activation rule at {@link #NOW}. */
    static Sip readyDraft() {
        var sip = draftWithUnits();
        sip = accepted(sip.giveConsent(anyConsent(), anyChange()));
        sip = accepted(sip.addGoal(new Goal("Klara mig hemma"), anyChange()));
        sip = accepted(sip.putIntervention(anyIntervention(), anyChange()));
        sip = accepted(sip.setOverallResponsibility(Principal.MUNICIPALITY, anyChange()));
        return accepted(sip.setFollowUp(TODAY.plusMonths(3), MUNICIPAL_ID, anyChange()));
    }

    static Sip activeSip() {
        return accepted(readyDraft().activate(anyChange()));
    }

    /** A SIP in the given status, reached through legal operations. */
    static Sip sipIn(Kind kind) {
        return switch (kind) {
            case DRAFT -> readyDraft();
            case ACTIVE -> activeSip();
            case COMPLETED -> accepted(activeSip().complete(anyChange()));
            case CANCELLED -> accepted(readyDraft().cancel(changeWithReason("personen vill inte ha SIP")));
            case ENTERED_IN_ERROR -> accepted(readyDraft().markEnteredInError(changeWithReason("fel person")));
        };
    }

    static Sip accepted(Decision decision) {
        if (decision instanceof Accepted accepted) {
            return accepted.sip();
        }
        throw new AssertionError("expected acceptance but was " + decision);
    }

    static SipEvent event(Decision decision) {
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
}
