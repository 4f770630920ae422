package se.naravard.sip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.sip.model.SipFixture.DAUGHTER_ID;
import static se.naravard.sip.model.SipFixture.MUNICIPAL_ID;
import static se.naravard.sip.model.SipFixture.NOW;
import static se.naravard.sip.model.SipFixture.REGION_ID;
import static se.naravard.sip.model.SipFixture.TODAY;
import static se.naravard.sip.model.SipFixture.accepted;
import static se.naravard.sip.model.SipFixture.anyChange;
import static se.naravard.sip.model.SipFixture.anyConsent;
import static se.naravard.sip.model.SipFixture.anyIntervention;
import static se.naravard.sip.model.SipFixture.daughter;
import static se.naravard.sip.model.SipFixture.event;
import static se.naravard.sip.model.SipFixture.municipalUnit;
import static se.naravard.sip.model.SipFixture.regionUnit;
import static se.naravard.sip.model.SipFixture.rejections;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.sip.model.Participant.ThePerson;
import se.naravard.sip.model.Participant.UnitParticipant;
import se.naravard.sip.model.SipDraft.PlannedFollowUp;
import se.naravard.sip.model.SipEvent.SipDrafted;

/**
 * A SIP drawn up whole (issue 6): version 1 with one event, checked by the rules of the single commands
 * on every part at once, and pointing each refusal at the part's place in the SIP document.
 */
class SipDraftTest {

    private static final Kommunkod KOMMUN = Kommunkod.of("0680");

    @Test
    void a_whole_draft_is_version_1_with_one_drafted_event_and_everything_in_it() {
        // given
        var draft = wholeDraft();
        // when
        var decision = draw(draft);
        // then
        var sip = accepted(decision);
        assertThat(sip.version()).isEqualTo(1);
        assertThat(sip.status()).isEqualTo(new SipStatus.Draft());
        assertThat(event(decision)).isEqualTo(new SipDrafted(KOMMUN));
        assertThat(sip.content().participants())
                .containsExactly(new ThePerson(), regionUnit(), municipalUnit(), daughter());
        assertThat(sip.content().goals()).containsExactly(new Goal("Bo kvar hemma"));
        assertThat(sip.content().interventions()).containsExactly(anyIntervention());
        assertThat(sip.content().overallResponsibility()).isEqualTo(Principal.MUNICIPALITY);
        assertThat(sip.content().currentConsent()).contains(anyConsent());
        assertThat(sip.content().currentFollowUp()).contains(new FollowUp(TODAY.plusMonths(3), REGION_ID, null));
    }

    @Test
    void a_whole_draft_meets_the_activation_rules_as_the_same_draft_made_command_by_command() {
        // given
        var whole = accepted(draw(wholeDraft()));
        // when
        var activated = whole.activate(anyChange());
        // then
        assertThat(accepted(activated).status().kind()).isEqualTo(SipStatus.Kind.ACTIVE);
        assertThat(accepted(activated).version()).isEqualTo(2);
    }

    @Test
    void a_draft_with_only_the_person_is_the_draft_of_old() {
        // given
        var change = anyChange();
        // when
        var whole = Sip.draft(SipId.newId(), SipFixture.tolvan(), KOMMUN, SipDraft.empty(), change);
        // then
        assertThat(accepted(whole).content()).isEqualTo(SipContent.initial());
        assertThat(event(whole)).isEqualTo(new SipDrafted(KOMMUN));
    }

    @Test
    void every_broken_rule_of_every_part_is_listed_at_once_each_at_its_place() {
        // given: a unit for no principal (3rd participant), a närstående who follows up, a consent naming a
        // participant not in the SIP, a blank goal, two interventions with one id, overall responsibility OTHER
        var participants = List.<Participant>of(
                regionUnit(),
                municipalUnit(),
                new UnitParticipant(
                        ParticipantId.of("skola"),
                        Principal.OTHER,
                        HsaId.of("SE2120000530-SK01"),
                        UnitRole.SOCIAL_SERVICES,
                        null),
                daughter());
        var consent = Consent.given(
                ConsentGiver.thePerson(),
                new ConsentScope("Hela planen", Set.of(REGION_ID, ParticipantId.of("ingen")), Set.of()),
                NOW);
        var draft = new SipDraft(
                participants,
                List.of(new Goal("Bo kvar hemma"), new Goal(" ")),
                List.of(anyIntervention(), anyIntervention()),
                Principal.OTHER,
                false,
                consent,
                new PlannedFollowUp(TODAY.plusMonths(3), DAUGHTER_ID));
        // when
        var decision = draw(draft);
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactlyInAnyOrder(
                        tuple("SIP-044", "/participants/3/principal"),
                        tuple("SIP-001", "/goals/1/text"),
                        tuple("SIP-087", "/interventions/1/id"),
                        tuple("SIP-044", "/overallResponsibility"),
                        tuple("SIP-042", "/consents/0/scope/participants"),
                        tuple("SIP-046", "/followUps/0/by"));
    }

    @Test
    void an_objection_in_the_draft_refuses_its_narstaende_rather_than_dropping_them() {
        // given
        var draft = new SipDraft(List.of(regionUnit(), daughter()), List.of(), List.of(), null, true, null, null);
        // when
        var decision = draw(draft);
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-040", "/participants/2"));
    }

    @Test
    void participant_ids_are_unique_and_the_person_is_not_given_again() {
        // given
        var draft = new SipDraft(
                List.of(regionUnit(), new ThePerson(), regionUnit()), List.of(), List.of(), null, false, null, null);
        // when
        var decision = draw(draft);
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-041", "/participants/2/id"), tuple("SIP-041", "/participants/3/id"));
    }

    @Test
    void a_follow_up_in_the_past_or_by_no_participant_is_refused() {
        // given
        var draft = new SipDraft(
                List.of(regionUnit()),
                List.of(),
                List.of(),
                null,
                false,
                null,
                new PlannedFollowUp(TODAY.minusDays(1), MUNICIPAL_ID));
        // when
        var decision = draw(draft);
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactlyInAnyOrder(tuple("SIP-026", "/followUps/0/date"), tuple("SIP-042", "/followUps/0/by"));
    }

    @Test
    void more_participants_than_a_sip_holds_are_refused_once() {
        // given
        var many = new ArrayList<Participant>();
        for (int i = 0; i < Violations.MAX_ITEMS + 2; i++) {
            many.add(new Participant.OtherParticipant(ParticipantId.of("o" + i), "Handläggare", "Försäkringskassan"));
        }
        var draft = new SipDraft(many, List.of(), List.of(), null, false, null, null);
        // when
        var decision = draw(draft);
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-003", "/participants"));
    }

    @Test
    void a_reason_too_long_is_refused_with_the_rest() {
        // given
        var change = new Change(SipFixture.NURSE, SipFixture.VARDCENTRAL, NOW, "x".repeat(Violations.MAX_TEXT + 1));
        var draft = new SipDraft(List.of(), List.of(new Goal("")), List.of(), null, false, null, null);
        // when
        var decision = Sip.draft(SipId.newId(), SipFixture.tolvan(), KOMMUN, draft, change);
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactlyInAnyOrder(tuple("SIP-002", "/reason"), tuple("SIP-001", "/goals/0/text"));
    }

    /** Both units, a daughter, a goal, an intervention, overall responsibility, consent and follow-up. */
    private static SipDraft wholeDraft() {
        return new SipDraft(
                List.of(regionUnit(), municipalUnit(), daughter()),
                List.of(new Goal("Bo kvar hemma")),
                List.of(anyIntervention()),
                Principal.MUNICIPALITY,
                false,
                anyConsent(),
                new PlannedFollowUp(TODAY.plusMonths(3), REGION_ID));
    }

    private static Decision draw(SipDraft draft) {
        return Sip.draft(SipId.newId(), SipFixture.tolvan(), KOMMUN, draft, anyChange());
    }
}
