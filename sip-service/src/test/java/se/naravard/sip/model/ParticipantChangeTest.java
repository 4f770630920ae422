package se.naravard.sip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.sip.model.SipFixture.DAUGHTER_ID;
import static se.naravard.sip.model.SipFixture.MUNICIPAL_ID;
import static se.naravard.sip.model.SipFixture.REGION_ID;
import static se.naravard.sip.model.SipFixture.VARDCENTRAL;
import static se.naravard.sip.model.SipFixture.accepted;
import static se.naravard.sip.model.SipFixture.activeSip;
import static se.naravard.sip.model.SipFixture.anyChange;
import static se.naravard.sip.model.SipFixture.daughter;
import static se.naravard.sip.model.SipFixture.event;
import static se.naravard.sip.model.SipFixture.rejections;

import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.sip.model.Participant.RelatedPerson;
import se.naravard.sip.model.Participant.ThePerson;
import se.naravard.sip.model.Participant.UnitParticipant;
import se.naravard.sip.model.SipEvent.SipChanged;

/** A participant's details changed in place (issue 6): same id, kind and unit, never the person. */
class ParticipantChangeTest {

    @Test
    void a_narstaendes_name_and_relation_change_in_place() {
        // given
        var sip = accepted(activeSip().addParticipant(daughter(), anyChange()));
        var renamed = new RelatedPerson(DAUGHTER_ID, "Anna Berg", "dotter, god man");
        // when
        var decision = sip.changeParticipant(renamed, anyChange());
        // then
        var changed = accepted(decision);
        assertThat(changed.version()).isEqualTo(sip.version() + 1);
        assertThat(changed.content().participants()).hasSameSizeAs(sip.content().participants());
        assertThat(changed.content().participants().get(3)).isEqualTo(renamed);
        assertThat(event(decision)).isEqualTo(new SipChanged(SipPart.PARTICIPANTS));
    }

    @Test
    void a_units_contact_changes() {
        // given
        var sip = activeSip();
        var contact = new UnitParticipant(REGION_ID, Principal.REGION, VARDCENTRAL, UnitRole.PRIMARY_CARE, "Olle Ny");
        // when
        var changed = accepted(sip.changeParticipant(contact, anyChange()));
        // then
        assertThat(changed.content().participant(REGION_ID)).contains(contact);
    }

    @Test
    void the_person_no_one_another_kind_and_another_unit_are_refused() {
        // given
        var sip = accepted(activeSip().addParticipant(daughter(), anyChange()));
        // when / then
        assertThat(rejections(sip.changeParticipant(new ThePerson(), anyChange())))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-088", "/participants/0"));
        assertThat(rejections(
                        sip.changeParticipant(new RelatedPerson(ParticipantId.of("ingen"), "A", "b"), anyChange())))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-042", "/participantId"));
        assertThat(rejections(sip.changeParticipant(
                        new Participant.OtherParticipant(DAUGHTER_ID, "Anna", "Skolan"), anyChange())))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-089", "/participants/3/kind"));
        assertThat(rejections(sip.changeParticipant(
                        new UnitParticipant(
                                REGION_ID,
                                Principal.REGION,
                                HsaId.of("SE2321000057-VC99"),
                                UnitRole.PRIMARY_CARE,
                                null),
                        anyChange())))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-089", "/participants/1/unit"));
    }

    @Test
    void the_rules_of_the_kind_hold_as_when_added() {
        // given
        var sip = accepted(activeSip().addParticipant(daughter(), anyChange()));
        // when
        var decision = sip.changeParticipant(new RelatedPerson(DAUGHTER_ID, " ", null), anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(
                        tuple("SIP-001", "/participants/3/name"), tuple("SIP-001", "/participants/3/relation"));
    }

    @Test
    void an_active_sip_keeps_its_municipal_participant() {
        // given: the only municipal unit would become a region unit
        var sip = activeSip();
        var moved = new UnitParticipant(
                MUNICIPAL_ID, Principal.REGION, HsaId.of("SE2120000530-HT01"), UnitRole.SOCIAL_SERVICES, null);
        // when
        var decision = sip.changeParticipant(moved, anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-022");
    }
}
