package se.naravard.sip.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.sip.document.Docs.SipDocument;
import se.naravard.sip.model.Change;
import se.naravard.sip.model.Consent;
import se.naravard.sip.model.ConsentGiver;
import se.naravard.sip.model.ConsentScope;
import se.naravard.sip.model.Decision;
import se.naravard.sip.model.Goal;
import se.naravard.sip.model.Intervention;
import se.naravard.sip.model.InterventionId;
import se.naravard.sip.model.InterventionStatus;
import se.naravard.sip.model.Meeting;
import se.naravard.sip.model.MeetingId;
import se.naravard.sip.model.Participant;
import se.naravard.sip.model.ParticipantId;
import se.naravard.sip.model.Principal;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipId;
import se.naravard.sip.model.UnitRole;

class SipDocumentsTest {

    static final Instant NOW = Instant.parse("2026-03-03T09:00:00Z");
    static final HsaId VC = HsaId.of("SE2321000057-VC01");
    static final HsaId HT = HsaId.of("SE2120000530-HT01");
    static final Change CHANGE = new Change(HsaId.of("SE2321000057-N001"), VC, NOW, "SIP-möte");
    static final ParticipantId REGION = ParticipantId.of("vc");
    static final ParticipantId MUNICIPAL = ParticipantId.of("hemtjanst");

    @Test
    void every_part_of_a_sip_survives_the_document_unchanged() {
        Sip sip = everything();

        Sip read = SipDocuments.fromDocument(SipDocuments.toDocument(sip));

        assertThat(read).isEqualTo(sip);
    }

    @Test
    void a_cancelled_and_an_entered_in_error_sip_survive_the_document() {
        Sip draft = draft();
        Sip cancelled = step(draft, s -> s.cancel(CHANGE));
        Sip wrong = step(cancelled, s -> s.markEnteredInError(CHANGE));

        assertThat(SipDocuments.fromDocument(SipDocuments.toDocument(cancelled)))
                .isEqualTo(cancelled);
        assertThat(SipDocuments.fromDocument(SipDocuments.toDocument(wrong))).isEqualTo(wrong);
    }

    @Test
    void a_document_names_the_person_the_status_and_the_entries() {
        SipDocument d = SipDocuments.toDocument(everything());

        assertThat(d.person().value()).isEqualTo("191212121212");
        assertThat(d.status().code()).isEqualTo("completed");
        assertThat(d.participants()).extracting(p -> p.kind()).containsExactly("PERSON", "UNIT", "UNIT", "OTHER");
        assertThat(d.consents().get(0).givenBy().relation()).isEqualTo("god man");
        assertThat(d.consents().get(0).revocation()).isNotNull();
        assertThat(d.overallResponsibility()).isEqualTo("MUNICIPALITY");
    }

    @Test
    void a_stored_document_that_does_not_read_is_a_bug_not_input() {
        SipDocument d = SipDocuments.toDocument(draft());
        SipDocument broken = new SipDocument(
                d.id(),
                d.version(),
                d.person(),
                d.kommun(),
                d.status(),
                d.consents(),
                false,
                d.participants(),
                d.goals(),
                d.interventions(),
                "KING",
                d.meetings(),
                d.followUps(),
                d.created(),
                d.lastChange());

        assertThatThrownBy(() -> SipDocuments.fromDocument(broken)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void entry_reader_reports_each_bad_value_with_its_pointer() {
        EntryReader r = new EntryReader();

        r.participant(new Docs.ParticipantDoc("x y", "ROBOT", null, null, null, null, null, null, null), "/p");
        r.date("2026-02-30", "/date");
        r.instant("igår", "/at");

        assertThat(r.rejections())
                .extracting(x -> x.field() + " " + x.code())
                .containsExactly("/p/id SIP-004", "/p/kind SIP-077", "/date SIP-076", "/at SIP-076");
    }

    private static Sip draft() {
        var d = Sip.draft(SipId.newId(), PatientIdentifier.parse("19121212-1212"), Kommunkod.of("0680"), CHANGE);
        return ((Decision.Accepted) d).sip();
    }

    private static Sip everything() {
        Sip s = draft();
        s = step(
                s,
                x -> x.addParticipant(
                        new Participant.UnitParticipant(REGION, Principal.REGION, VC, UnitRole.PRIMARY_CARE, "Sara"),
                        CHANGE));
        s = step(
                s,
                x -> x.addParticipant(
                        new Participant.UnitParticipant(
                                MUNICIPAL, Principal.MUNICIPALITY, HT, UnitRole.SOCIAL_SERVICES, null),
                        CHANGE));
        s = step(
                s,
                x -> x.addParticipant(
                        new Participant.OtherParticipant(ParticipantId.of("fk"), "Handläggare", "Försäkringskassan"),
                        CHANGE));
        var scope = new ConsentScope("Hela planen", Set.of(REGION, MUNICIPAL), Set.of(HT));
        var consent = new Consent(
                ConsentGiver.representative("Gustav God", "god man"),
                scope,
                NOW.minusSeconds(60),
                NOW.plusSeconds(86_400 * 365),
                null);
        s = step(s, x -> x.giveConsent(consent, CHANGE));
        s = step(s, x -> x.addGoal(new Goal("Bo kvar hemma"), CHANGE));
        s = step(
                s,
                x -> x.putIntervention(
                        new Intervention(
                                InterventionId.of("i1"),
                                "Hemtjänst",
                                Principal.MUNICIPALITY,
                                HT,
                                LocalDate.parse("2026-03-10"),
                                InterventionStatus.ONGOING),
                        CHANGE));
        s = step(s, x -> x.setOverallResponsibility(Principal.MUNICIPALITY, CHANGE));
        s = step(s, x -> x.setFollowUp(LocalDate.parse("2026-04-01"), REGION, CHANGE));
        s = step(s, x -> x.planMeeting(MeetingId.of("m1"), NOW.minusSeconds(3600), "video", CHANGE));
        s = step(
                s,
                x -> x.recordMeetingHeld(
                        MeetingId.of("m1"),
                        new Meeting.Held(NOW.minusSeconds(3600), Set.of(REGION, MUNICIPAL)),
                        CHANGE));
        s = step(s, x -> x.activate(CHANGE));
        s = step(s, x -> x.recordFollowUpResult("Fungerar", CHANGE));
        s = step(s, x -> x.revokeConsent(ConsentGiver.representative("Gustav God", "god man"), CHANGE));
        return step(s, x -> x.complete(CHANGE));
    }

    private static Sip step(Sip s, Function<Sip, Decision> command) {
        Decision d = command.apply(s);
        assertThat(d).as(() -> d.toString()).isInstanceOf(Decision.Accepted.class);
        return ((Decision.Accepted) d).sip();
    }
}
