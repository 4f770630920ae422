package se.naravard.sip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.sip.model.SipFixture.HEMTJANST;
import static se.naravard.sip.model.SipFixture.NOW;
import static se.naravard.sip.model.SipFixture.REGION_ID;
import static se.naravard.sip.model.SipFixture.accepted;
import static se.naravard.sip.model.SipFixture.activeSip;
import static se.naravard.sip.model.SipFixture.anyChange;
import static se.naravard.sip.model.SipFixture.anyConsent;
import static se.naravard.sip.model.SipFixture.anyScope;
import static se.naravard.sip.model.SipFixture.changeAt;
import static se.naravard.sip.model.SipFixture.draftWithUnits;
import static se.naravard.sip.model.SipFixture.event;
import static se.naravard.sip.model.SipFixture.rejections;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.sip.model.SipEvent.ConsentGiven;
import se.naravard.sip.model.SipEvent.ConsentRevoked;
import se.naravard.sip.model.SipStatus.Kind;

/** DOMAIN.md §4 "Consent" (HSL 16:4, SoL 10:8) and §7 "data crosses only with consent". */
class ConsentTest {

    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-09-01T00:00:00Z");

    @Test
    void a_consent_is_valid_only_within_its_period() {
        // §4 "Consent": record the period
        // given
        var consent = new Consent(ConsentGiver.thePerson(), anyScope(), FROM, TO, null);
        // then: from is inclusive, to exclusive
        assertThat(consent.isValidAt(FROM.minusSeconds(1))).isFalse();
        assertThat(consent.isValidAt(FROM)).isTrue();
        assertThat(consent.isValidAt(TO.minusSeconds(1))).isTrue();
        assertThat(consent.isValidAt(TO)).isFalse();
    }

    @Test
    void a_revoked_consent_is_valid_before_but_not_from_the_revocation() {
        // §4 "Consent ... revocable"
        // given
        var revokedAt = Instant.parse("2025-04-01T08:00:00Z");
        var consent = new Consent(
                ConsentGiver.thePerson(),
                anyScope(),
                FROM,
                null,
                new Consent.Revocation(revokedAt, ConsentGiver.thePerson()));
        // then
        assertThat(consent.isValidAt(revokedAt.minusSeconds(1))).isTrue();
        assertThat(consent.isValidAt(revokedAt)).isFalse();
        assertThat(consent.isValidAt(TO)).isFalse();
    }

    @Test
    void a_legal_representative_may_give_consent_when_named_with_relation() {
        // §4 "Consent": who gave it (the person or a legal representative)
        // given
        var byGuardian = Consent.given(ConsentGiver.representative("Karin Karlsson", "god man"), anyScope(), NOW);
        // when
        var decision = draftWithUnits().giveConsent(byGuardian, anyChange());
        // then
        assertThat(accepted(decision).content().currentConsent()).contains(byGuardian);
        assertThat(event(decision)).isEqualTo(new ConsentGiven(anyScope(), NOW, null, true));
    }

    @Test
    void a_legal_representative_without_name_or_relation_is_refused() {
        // §4 "Consent": who gave it must be recorded
        // given
        var anonymous = Consent.given(ConsentGiver.representative(" ", null), anyScope(), NOW);
        // when
        var decision = draftWithUnits().giveConsent(anonymous, anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(
                        tuple("SIP-001", "/consents/0/givenBy/representativeName"),
                        tuple("SIP-001", "/consents/0/givenBy/relation"));
    }

    @Test
    void a_consent_needs_a_period_that_ends_after_it_starts_and_a_scope() {
        // §4 "Consent": scope (what may be shared with whom) and period
        // given
        var empty = new ConsentScope("allt", Set.of(), Set.of());
        var consent = new Consent(ConsentGiver.thePerson(), empty, TO, FROM, null);
        // when
        var decision = draftWithUnits().giveConsent(consent, anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-030", "SIP-031");
    }

    @Test
    void a_consent_scope_may_only_name_participants_of_the_sip() {
        // §4 "Consent": shared with whom — a participant id must exist
        // given
        var scope = new ConsentScope("allt", Set.of(ParticipantId.of("okand")), Set.of());
        // when
        var decision = draftWithUnits().giveConsent(Consent.given(ConsentGiver.thePerson(), scope, NOW), anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-042", "/consents/0/scope/participants"));
    }

    @Test
    void revoking_consent_keeps_an_active_sip_active_but_stops_sharing_at_once() {
        // §4 "Consent ... revocable"; §7: data crosses only with consent
        // given
        var active = activeSip();
        var revokedAt = NOW.plus(Duration.ofDays(10));
        assertThat(active.isSharable(revokedAt.minusSeconds(1))).isTrue();
        // when
        var decision = active.revokeConsent(ConsentGiver.thePerson(), changeAt(revokedAt));
        // then
        var revoked = accepted(decision);
        assertThat(event(decision)).isEqualTo(new ConsentRevoked(revokedAt, false));
        assertThat(event(decision).typeName()).isEqualTo("consent-revoked");
        assertThat(revoked.status().kind()).isEqualTo(Kind.ACTIVE);
        assertThat(revoked.isSharable(revokedAt)).isFalse();
        assertThat(revoked.isSharableWith(REGION_ID, revokedAt)).isFalse();
        assertThat(revoked.isSharableWith(HEMTJANST, revokedAt)).isFalse();
        assertThat(revoked.content().currentConsent().orElseThrow().revocation())
                .isEqualTo(new Consent.Revocation(revokedAt, ConsentGiver.thePerson()));
    }

    @Test
    void a_new_consent_after_revocation_restores_sharing() {
        // §4 "Consent": a new consent can be recorded later
        // given
        var later = NOW.plus(Duration.ofDays(20));
        var revoked = accepted(activeSip().revokeConsent(ConsentGiver.thePerson(), changeAt(NOW.plusSeconds(60))));
        // when
        var renewed = accepted(
                revoked.giveConsent(Consent.given(ConsentGiver.thePerson(), anyScope(), later), changeAt(later)));
        // then
        assertThat(renewed.isSharable(later)).isTrue();
        assertThat(renewed.content().consents()).hasSize(2);
    }

    @Test
    void sharing_follows_the_consent_scope() {
        // §4 "Consent": what may be shared with whom
        // given
        var active = activeSip();
        // then
        assertThat(active.isSharableWith(REGION_ID, NOW)).isTrue();
        assertThat(active.isSharableWith(HEMTJANST, NOW)).isTrue();
        assertThat(active.isSharableWith(HsaId.of("SE2321000057-XX99"), NOW)).isFalse();
        assertThat(active.isSharableWith(Participant.ThePerson.ID, NOW)).isFalse();
    }

    @Test
    void revoking_without_an_unrevoked_consent_is_refused() {
        // §4 "Consent ... revocable": only a standing consent can be revoked
        // given
        var revoked = accepted(activeSip().revokeConsent(ConsentGiver.thePerson(), anyChange()));
        // when
        var again = revoked.revokeConsent(ConsentGiver.thePerson(), anyChange());
        var none = draftWithUnits().revokeConsent(ConsentGiver.thePerson(), anyChange());
        // then
        assertThat(rejections(again)).extracting(Rejection::code).containsExactly("SIP-032");
        assertThat(rejections(none)).extracting(Rejection::code).containsExactly("SIP-032");
    }

    @Test
    void a_representative_may_revoke_and_the_event_says_so() {
        // §4 "Consent": who gave it — the same for who withdrew it
        // given
        var guardian = ConsentGiver.representative("Karin Karlsson", "god man");
        // when
        var decision = activeSip().revokeConsent(guardian, anyChange());
        // then
        assertThat(event(decision)).isEqualTo(new ConsentRevoked(NOW, true));
    }

    @Test
    void consent_cannot_be_revoked_on_a_closed_sip() {
        // §4: a closed SIP is frozen; it is not shared anyway
        // given
        var completed = SipFixture.sipIn(Kind.COMPLETED);
        // when
        var decision = completed.revokeConsent(ConsentGiver.thePerson(), anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-010");
        assertThat(completed.isSharable(NOW)).isFalse();
    }

    @Test
    void a_draft_with_consent_is_sharable_among_its_participants() {
        // §4 "Consent: required to draw up the plan" — drafting already needs sharing
        // given
        var draft = accepted(draftWithUnits().giveConsent(anyConsent(), anyChange()));
        // then
        assertThat(draft.isSharable(NOW)).isTrue();
        assertThat(draftWithUnits().isSharable(NOW)).isFalse();
    }
}
