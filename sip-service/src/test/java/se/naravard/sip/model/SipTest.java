package se.naravard.sip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.sip.model.SipFixture.MUNICIPAL_ID;
import static se.naravard.sip.model.SipFixture.NOW;
import static se.naravard.sip.model.SipFixture.REGION_ID;
import static se.naravard.sip.model.SipFixture.TODAY;
import static se.naravard.sip.model.SipFixture.accepted;
import static se.naravard.sip.model.SipFixture.activeSip;
import static se.naravard.sip.model.SipFixture.anyChange;
import static se.naravard.sip.model.SipFixture.changeAt;
import static se.naravard.sip.model.SipFixture.emptyDraft;
import static se.naravard.sip.model.SipFixture.event;
import static se.naravard.sip.model.SipFixture.rejections;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.sip.model.Participant.ThePerson;
import se.naravard.sip.model.SipEvent.MeetingHeld;
import se.naravard.sip.model.SipEvent.SipChanged;
import se.naravard.sip.model.SipEvent.SipDrafted;
import se.naravard.sip.model.SipEvent.SipFollowedUp;

/** DOMAIN.md §4 content and participants; versions with who/when/why (issue 5 "Domain"). */
class SipTest {

    @Test
    void a_drafted_sip_is_version_1_with_the_person_as_only_participant() {
        // given
        var change = anyChange();
        // when
        var decision = Sip.draft(SipId.newId(), SipFixture.tolvan(), Kommunkod.of("0680"), change);
        // then
        var sip = accepted(decision);
        assertThat(sip.version()).isEqualTo(1);
        assertThat(sip.status()).isEqualTo(new SipStatus.Draft());
        assertThat(sip.content().participants()).containsExactly(new ThePerson());
        assertThat(sip.created()).isEqualTo(change);
        assertThat(event(decision)).isEqualTo(new SipDrafted(Kommunkod.of("0680")));
        assertThat(event(decision).typeName()).isEqualTo("sip-drafted");
    }

    @Test
    void every_accepted_change_increments_the_version_and_records_who_when_why() {
        // given
        var draft = emptyDraft();
        var change = new Change(SipFixture.SOCIAL_WORKER, SipFixture.HEMTJANST, NOW.plusSeconds(600), "SIP-möte 1");
        // when
        var decision = draft.addGoal(new Goal("Kunna bo kvar hemma"), change);
        // then
        var next = accepted(decision);
        assertThat(next.version()).isEqualTo(draft.version() + 1);
        assertThat(next.lastChange()).isEqualTo(change);
        assertThat(next.created()).isEqualTo(draft.created());
        assertThat(event(decision)).isEqualTo(new SipChanged(SipPart.GOALS));
        assertThat(event(decision).typeName()).isEqualTo("sip-changed");
    }

    @Test
    void a_refused_change_leaves_the_version_untouched() {
        // given
        var draft = emptyDraft();
        // when
        var decision = draft.addGoal(new Goal(" "), anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-001", "/goals/0/text"));
        assertThat(draft.version()).isEqualTo(1);
    }

    @Test
    void the_person_cannot_be_removed_or_added_twice() {
        // §4 "Participants": the person always takes part
        // given
        var draft = emptyDraft();
        // then
        assertThat(rejections(draft.removeParticipant(ThePerson.ID, anyChange())))
                .extracting(Rejection::code)
                .containsExactly("SIP-043");
        assertThat(rejections(draft.addParticipant(new ThePerson(), anyChange())))
                .extracting(Rejection::code)
                .containsExactly("SIP-041");
    }

    @Test
    void a_unit_participant_acts_for_region_or_municipality_and_others_need_an_organisation() {
        // §4 "Participants": region and municipal units; others for measures by others
        // given
        var school = new Participant.UnitParticipant(
                ParticipantId.of("skola"), Principal.OTHER, SipFixture.HEMTJANST, UnitRole.SOCIAL_SERVICES, null);
        var nameless = new Participant.OtherParticipant(ParticipantId.of("fk"), "Handläggare", "");
        // then
        assertThat(rejections(emptyDraft().addParticipant(school, anyChange())))
                .extracting(Rejection::code)
                .containsExactly("SIP-044");
        assertThat(rejections(emptyDraft().addParticipant(nameless, anyChange())))
                .extracting(Rejection::field)
                .containsExactly("/participants/1/organisation");
        assertThat(accepted(emptyDraft().addParticipant(SipFixture.forsakringskassan(), anyChange()))
                        .content()
                        .participants())
                .hasSize(2);
    }

    @Test
    void who_follows_up_must_be_a_participant_and_cannot_leave_while_due() {
        // §4 "Required content" (practice): who follows up
        // given
        var active = activeSip();
        // then
        assertThat(rejections(active.setFollowUp(TODAY, ParticipantId.of("okand"), anyChange())))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-042", "/followUps/0/by"));
        assertThat(rejections(active.setFollowUp(TODAY.minusDays(1), REGION_ID, anyChange())))
                .extracting(Rejection::code)
                .containsExactly("SIP-026");
        var withSchool = accepted(active.addParticipant(SipFixture.forsakringskassan(), anyChange()));
        var byFk = accepted(withSchool.setFollowUp(TODAY, ParticipantId.of("fk"), anyChange()));
        assertThat(rejections(byFk.removeParticipant(ParticipantId.of("fk"), anyChange())))
                .extracting(Rejection::code)
                .containsExactly("SIP-045");
    }

    @Test
    void a_follow_up_result_is_recorded_on_an_active_sip_and_the_next_one_is_added_after_it() {
        // §4 "Required content" (practice): follow-up and its result
        // given
        var active = activeSip();
        var at = NOW.plus(Duration.ofDays(90));
        // when
        var decision = active.recordFollowUpResult("Fungerar bra hemma", changeAt(at));
        // then
        var followedUp = accepted(decision);
        assertThat(event(decision)).isEqualTo(new SipFollowedUp(TODAY.plusMonths(3), at));
        assertThat(followedUp.content().currentFollowUp().orElseThrow().result())
                .isEqualTo(new FollowUp.Result("Fungerar bra hemma", at));
        assertThat(rejections(followedUp.recordFollowUpResult("igen", changeAt(at))))
                .extracting(Rejection::code)
                .containsExactly("SIP-060");
        var next = accepted(followedUp.setFollowUp(TODAY.plusMonths(6), MUNICIPAL_ID, changeAt(at)));
        assertThat(next.content().followUps()).hasSize(2);
        assertThat(rejections(SipFixture.readyDraft().recordFollowUpResult("x", anyChange())))
                .extracting(Rejection::code)
                .containsExactly("SIP-061");
    }

    @Test
    void a_held_meeting_records_attendees_among_participants() {
        // §4 "Participants" and meetings: planned, held, who attended
        // given
        var meeting = MeetingId.of("m1");
        var planned = accepted(activeSip().planMeeting(meeting, NOW, "Vårdcentralen", anyChange()));
        var later = changeAt(NOW.plusSeconds(7200));
        var held = new Meeting.Held(NOW, Set.of(ThePerson.ID, REGION_ID));
        // when
        var decision = planned.recordMeetingHeld(meeting, held, later);
        // then
        assertThat(event(decision)).isEqualTo(new MeetingHeld(meeting, NOW, held.attendees()));
        assertThat(event(decision).typeName()).isEqualTo("meeting-held");
        assertThat(accepted(decision).content().meeting(meeting).orElseThrow().held())
                .isEqualTo(held);
        var stranger = new Meeting.Held(NOW, Set.of(ParticipantId.of("okand")));
        assertThat(rejections(planned.recordMeetingHeld(meeting, stranger, later)))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-042", "/meetings/0/held/attendees"));
        assertThat(rejections(accepted(decision).recordMeetingHeld(meeting, held, later)))
                .extracting(Rejection::code)
                .containsExactly("SIP-051");
        assertThat(rejections(planned.recordMeetingHeld(MeetingId.of("m9"), held, later)))
                .extracting(Rejection::code)
                .containsExactly("SIP-050");
    }

    @Test
    void an_intervention_is_replaced_by_id() {
        // §4 "Required content" 1–2: interventions and their status
        // given
        var active = activeSip();
        var i = SipFixture.anyIntervention();
        var ongoing = new Intervention(
                i.id(), i.what(), i.responsiblePrincipal(), i.responsibleUnit(), i.start(), InterventionStatus.ONGOING);
        // when
        var next = accepted(active.putIntervention(ongoing, anyChange()));
        // then
        assertThat(next.content().interventions()).containsExactly(ongoing);
    }
}
