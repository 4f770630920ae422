package se.naravard.sip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.sip.model.SipFixture.DAUGHTER_ID;
import static se.naravard.sip.model.SipFixture.accepted;
import static se.naravard.sip.model.SipFixture.activeSip;
import static se.naravard.sip.model.SipFixture.anyChange;
import static se.naravard.sip.model.SipFixture.daughter;
import static se.naravard.sip.model.SipFixture.event;
import static se.naravard.sip.model.SipFixture.rejections;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.sip.model.SipEvent.NarstaendeObjectionRecorded;

/** DOMAIN.md §4 "Consent": närstående take part only if the person does not object (HSL 16:4, SoL 10:9). */
class NarstaendeTest {

    @Test
    void narstaende_may_take_part_when_the_person_does_not_object() {
        // given
        var sip = activeSip();
        // when
        var decision = sip.addParticipant(daughter(), anyChange());
        // then
        assertThat(accepted(decision).content().participant(DAUGHTER_ID)).contains(daughter());
    }

    @Test
    void adding_narstaende_while_the_person_objects_is_refused() {
        // given
        var objecting = accepted(activeSip().recordObjectionToNarstaende(true, anyChange()));
        // when
        var decision = objecting.addParticipant(daughter(), anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(org.assertj.core.api.Assertions.tuple("SIP-040", "/participants/3"));
    }

    @Test
    void an_objection_recorded_later_removes_narstaende_from_the_sip_and_from_sharing() {
        // given
        var withDaughter = accepted(activeSip().addParticipant(daughter(), anyChange()));
        // when
        var decision = withDaughter.recordObjectionToNarstaende(true, anyChange());
        // then
        var objecting = accepted(decision);
        assertThat(event(decision)).isEqualTo(new NarstaendeObjectionRecorded(true, List.of(DAUGHTER_ID)));
        assertThat(event(decision).typeName()).isEqualTo("narstaende-objection-recorded");
        assertThat(objecting.content().objectsToNarstaende()).isTrue();
        assertThat(objecting.content().participant(DAUGHTER_ID)).isEmpty();
        assertThat(objecting.isSharableWith(DAUGHTER_ID, SipFixture.NOW)).isFalse();
        assertThat(objecting.content().participant(SipFixture.REGION_ID)).isPresent();
    }

    // DOMAIN.md §4: an objection takes effect at once, so a närstående may not hold a duty the plan
    // cannot lose: following it up [DESIGN].
    @Test
    void a_narstaende_cannot_be_the_one_who_follows_up() {
        // given
        var withDaughter = accepted(activeSip().addParticipant(daughter(), anyChange()));
        // when
        var decision = withDaughter.setFollowUp(SipFixture.TODAY.plusMonths(1), DAUGHTER_ID, anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-046");
    }

    @Test
    void withdrawing_the_objection_allows_narstaende_again_but_brings_nobody_back() {
        // given
        var withDaughter = accepted(activeSip().addParticipant(daughter(), anyChange()));
        var objecting = accepted(withDaughter.recordObjectionToNarstaende(true, anyChange()));
        // when
        var withdrawn = accepted(objecting.recordObjectionToNarstaende(false, anyChange()));
        // then
        assertThat(withdrawn.content().participant(DAUGHTER_ID)).isEmpty();
        assertThat(accepted(withdrawn.addParticipant(daughter(), anyChange()))
                        .content()
                        .participant(DAUGHTER_ID))
                .isPresent();
    }

    @Test
    void narstaende_need_a_name_and_a_relation() {
        // given
        var nameless = new Participant.RelatedPerson(DAUGHTER_ID, "", null);
        // when
        var decision = activeSip().addParticipant(nameless, anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::field)
                .containsExactly("/participants/3/name", "/participants/3/relation");
    }
}
