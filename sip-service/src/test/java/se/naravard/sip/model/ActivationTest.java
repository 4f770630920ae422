package se.naravard.sip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.sip.model.SipFixture.MUNICIPAL_ID;
import static se.naravard.sip.model.SipFixture.NOW;
import static se.naravard.sip.model.SipFixture.REGION_ID;
import static se.naravard.sip.model.SipFixture.TODAY;
import static se.naravard.sip.model.SipFixture.accepted;
import static se.naravard.sip.model.SipFixture.anyChange;
import static se.naravard.sip.model.SipFixture.anyConsent;
import static se.naravard.sip.model.SipFixture.anyIntervention;
import static se.naravard.sip.model.SipFixture.changeAt;
import static se.naravard.sip.model.SipFixture.emptyDraft;
import static se.naravard.sip.model.SipFixture.event;
import static se.naravard.sip.model.SipFixture.readyDraft;
import static se.naravard.sip.model.SipFixture.rejections;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.sip.model.SipEvent.SipActivated;

/** DOMAIN.md §4 "Software rules" (HSL 16 kap. 4 §, SoL 2025:400 10 kap. 8–9 §§). */
class ActivationTest {

    @Test
    void a_draft_meeting_every_rule_becomes_active() {
        // given
        var draft = readyDraft();
        // when
        var decision = draft.activate(anyChange());
        // then
        var active = accepted(decision);
        assertThat(active.status()).isEqualTo(new SipStatus.Active(NOW, SipFixture.NURSE));
        assertThat(event(decision)).isEqualTo(new SipActivated(NOW));
    }

    @Test
    void activation_requires_a_consent_valid_at_the_activation_time() {
        // §4 "Consent": required to draw up the plan (HSL 16:4, SoL 10:8)
        // given: consent only from tomorrow
        var sip = withFreshConsent(
                Consent.given(ConsentGiver.thePerson(), SipFixture.anyScope(), NOW.plus(Duration.ofDays(1))));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-020", "/consents"));
    }

    @Test
    void activation_is_refused_after_the_consent_was_revoked() {
        // §4 "Consent ... revocable"
        // given
        var sip = accepted(readyDraft().revokeConsent(ConsentGiver.thePerson(), changeAt(NOW.minusSeconds(10))));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-020");
    }

    @Test
    void activation_requires_a_region_participant() {
        // §4 "Software rules": ≥1 region participant
        // given
        var sip = accepted(readyDraft().removeParticipant(REGION_ID, anyChange()));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-021", "/participants"));
    }

    @Test
    void activation_requires_a_municipal_participant() {
        // §4 "Software rules": ≥1 municipal participant
        // given: the follow-up is moved to the region unit so the municipal one may leave
        var sip = accepted(readyDraft().setFollowUp(TODAY.plusMonths(3), REGION_ID, anyChange()));
        sip = accepted(sip.removeParticipant(MUNICIPAL_ID, anyChange()));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-022");
    }

    @Test
    void activation_requires_a_responsible_principal_and_unit_for_every_intervention() {
        // §4 "Required content" 2 and "Software rules": a responsible org per activity
        // given
        var i = anyIntervention();
        var noUnit = new Intervention(InterventionId.of("rehab"), "Rehab", Principal.REGION, null, null, i.status());
        var noPrincipal = new Intervention(
                InterventionId.of("dagverksamhet"), "Dagverksamhet", null, SipFixture.HEMTJANST, null, i.status());
        var sip = accepted(readyDraft().putIntervention(noUnit, anyChange()));
        sip = accepted(sip.putIntervention(noPrincipal, anyChange()));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-023", "/interventions/1"), tuple("SIP-023", "/interventions/2"));
    }

    @Test
    void activation_requires_an_overall_responsible_principal() {
        // §4 "Required content" 4: which principal has overall responsibility
        // given
        var sip = SipFixture.draftWithUnits();
        sip = accepted(sip.giveConsent(anyConsent(), anyChange()));
        sip = accepted(sip.setFollowUp(TODAY, REGION_ID, anyChange()));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-024", "/overallResponsibility"));
    }

    @Test
    void activation_requires_a_follow_up_date() {
        // §4 "Required content" (practice): follow-up date and who follows up
        // given
        var sip = SipFixture.draftWithUnits();
        sip = accepted(sip.giveConsent(anyConsent(), anyChange()));
        sip = accepted(sip.setOverallResponsibility(Principal.REGION, anyChange()));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-025", "/followUps"));
    }

    @Test
    void activation_refuses_a_follow_up_date_that_has_passed() {
        // §4 "Software rules": a follow-up date (not in the past at activation)
        // given: set today, activated a week later
        var sip = readyDraft();
        sip = accepted(sip.setFollowUp(TODAY, MUNICIPAL_ID, anyChange()));
        // when
        var decision = sip.activate(changeAt(NOW.plus(Duration.ofDays(7))));
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(tuple("SIP-026", "/followUps/0/date"));
    }

    @Test
    void every_broken_activation_rule_is_reported_together() {
        // §4 "Software rules": all reported at once
        // given: only the person, one intervention without responsible
        var sip = accepted(emptyDraft()
                .putIntervention(
                        new Intervention(InterventionId.of("x"), "Något", null, null, null, InterventionStatus.PLANNED),
                        anyChange()));
        // when
        var decision = sip.activate(anyChange());
        // then
        assertThat(rejections(decision))
                .extracting(Rejection::code)
                .containsExactly("SIP-020", "SIP-021", "SIP-022", "SIP-023", "SIP-024", "SIP-025");
    }

    @Test
    void an_active_sip_cannot_lose_what_activation_required() {
        // §4 "Software rules" hold for as long as the SIP is active
        // given
        var active = SipFixture.activeSip();
        // when
        var decision = active.removeParticipant(REGION_ID, anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-021");
    }

    @Test
    void overall_responsibility_lies_with_region_or_municipality() {
        // §4 "Required content" 4: one of the two principals
        // given
        var draft = emptyDraft();
        // when
        var decision = draft.setOverallResponsibility(Principal.OTHER, anyChange());
        // then
        assertThat(rejections(decision)).extracting(Rejection::code).containsExactly("SIP-044");
    }

    private static Sip withFreshConsent(Consent consent) {
        var sip = SipFixture.draftWithUnits();
        sip = accepted(sip.giveConsent(consent, anyChange()));
        sip = accepted(sip.putIntervention(anyIntervention(), anyChange()));
        sip = accepted(sip.setOverallResponsibility(Principal.MUNICIPALITY, anyChange()));
        return accepted(sip.setFollowUp(TODAY.plusMonths(3), MUNICIPAL_ID, anyChange()));
    }
}
