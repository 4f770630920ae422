package se.naravard.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.gateway.access.AccessPolicy.Decision.ALLOW;
import static se.naravard.gateway.access.AccessPolicy.Decision.BLOCKED;
import static se.naravard.gateway.access.AccessPolicy.Decision.DENY;
import static se.naravard.gateway.access.AccessPolicy.Decision.EMERGENCY;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.ContractFixtures;
import se.naravard.gateway.EpisodeFixtures;
import se.naravard.gateway.SipFixtures;
import se.naravard.gateway.access.AccessPolicy.Shown;
import se.naravard.gateway.block.BlockMapper;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.transition.TransitionDocs;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Caller.Kind;
import se.naravard.platform.security.Caller.OrganisationType;
import se.naravard.platform.security.Scopes;

class AccessPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final Scopes ALL = Scopes.parse("user/*.cruds");

    private static final CareRelations CONTRACT_ONLY =
            CareRelations.of(List.of(ContractFixtures.anyContract("active", 3)), List.of(), List.of(), TODAY);
    private static final CareRelations EVERYTHING = CareRelations.of(
            List.of(ContractFixtures.anyContract("active", 3)),
            List.of(SipFixtures.sip("active", false, false)),
            List.of(EpisodeFixtures.episode("utskrivningsklar")),
            TODAY);
    private static final CareRelations CONSENT_REVOKED = CareRelations.of(
            List.of(ContractFixtures.anyContract("active", 3)),
            List.of(SipFixtures.sip("active", false, true)),
            List.of(EpisodeFixtures.episode("utskrivningsklar")),
            TODAY);

    private static final Shown SIP = AccessPolicy.shown(withId(new CarePlan(), "sip-" + SipFixtures.SIP));
    private static final Shown SIP_CONSENT =
            AccessPolicy.shown(withId(new Consent(), "sip-" + SipFixtures.SIP + "-c2"));
    private static final Shown TO_KOMMUN =
            AccessPolicy.shown(withId(new Communication(), EpisodeFixtures.ADMISSION_MESSAGE));

    static Caller staff(String hsaId, String unit, OrganisationType org, String kommun) {
        return new Caller("s", Kind.STAFF, hsaId, unit, org, kommun, "TREAT", null, ALL);
    }

    static Caller system(String hsaId, OrganisationType org, String kommun) {
        return new Caller("sys", Kind.SYSTEM, hsaId, null, org, kommun, null, null, Scopes.parse("system/*.rs"));
    }

    static final Caller REGION_NURSE = staff("SE2321000057-N001", "SE2321000057-VC01", OrganisationType.REGION, null);
    static final Caller OTHER_UNIT_NURSE =
            staff("SE2321000057-N099", "SE2321000057-VC99", OrganisationType.REGION, null);
    static final Caller KOMMUN_NURSE =
            staff("SE2120000530-N010", SipFixtures.HEMTJANST, OrganisationType.KOMMUN, "0680");
    static final Caller OTHER_KOMMUN_NURSE =
            staff("SE2120000999-N010", "SE2120000999-HT01", OrganisationType.KOMMUN, "0684");
    static final Caller REGION_SYSTEM = system("SE2321000057-SYS1", OrganisationType.REGION, null);
    static final Caller OTHER_REGION_SYSTEM = system("SE2321000099-SYS1", OrganisationType.REGION, null);
    static final Caller KOMMUN_SYSTEM = system("SE2120000530-SYS1", OrganisationType.KOMMUN, "0680");
    static final Caller OTHER_KOMMUN_SYSTEM = system("SE2120000530-SYS1", OrganisationType.KOMMUN, "0684");

    @Test
    void region_staff_need_a_care_relation_by_unit_or_person() {
        assertThat(AccessPolicy.decide(REGION_NURSE, CONTRACT_ONLY, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(OTHER_UNIT_NURSE, CONTRACT_ONLY, Shown.PATIENT, false))
                .isEqualTo(DENY);
        Caller fastVardkontaktElsewhere =
                staff(REGION_NURSE.hsaId(), "SE2321000057-VC77", OrganisationType.REGION, null);
        assertThat(AccessPolicy.decide(fastVardkontaktElsewhere, CONTRACT_ONLY, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(REGION_NURSE, CareRelations.NONE, Shown.PATIENT, false))
                .isEqualTo(DENY);
    }

    @Test
    void emergency_access_lets_staff_in_flagged_but_never_a_system_or_an_analyst() {
        assertThat(AccessPolicy.decide(OTHER_UNIT_NURSE, CONTRACT_ONLY, Shown.PATIENT, true))
                .isEqualTo(EMERGENCY);
        assertThat(AccessPolicy.decide(REGION_NURSE, CONTRACT_ONLY, Shown.PATIENT, true))
                .as("a relation anyway: not an emergency access")
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(OTHER_REGION_SYSTEM, CONTRACT_ONLY, Shown.PATIENT, true))
                .isEqualTo(DENY);
        Caller analyst = new Caller(
                "a",
                Kind.ANALYST,
                "SE2321000057-A001",
                "SE2321000057-ANA1",
                OrganisationType.REGION,
                null,
                null,
                null,
                ALL);
        assertThat(AccessPolicy.decide(analyst, EVERYTHING, Shown.PATIENT, true))
                .isEqualTo(DENY);
    }

    @Test
    void a_system_without_a_unit_acts_for_its_care_provider() {
        assertThat(AccessPolicy.decide(REGION_SYSTEM, CONTRACT_ONLY, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(OTHER_REGION_SYSTEM, CONTRACT_ONLY, Shown.PATIENT, false))
                .isEqualTo(DENY);
    }

    @Test
    void kommun_staff_and_systems_see_only_patients_of_their_kommun() {
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, EVERYTHING, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_SYSTEM, EVERYTHING, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(OTHER_KOMMUN_NURSE, EVERYTHING, Shown.PATIENT, false))
                .isEqualTo(DENY);
        assertThat(AccessPolicy.decide(OTHER_KOMMUN_SYSTEM, EVERYTHING, Shown.PATIENT, false))
                .as("a relation by its units, but the patient lives in another kommun")
                .isEqualTo(DENY);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, CONTRACT_ONLY, Shown.PATIENT, false))
                .as("same kommun, but no relation: no LUS message, no SIP, not in the contract")
                .isEqualTo(DENY);
    }

    @Test
    void a_kommun_sees_an_lus_message_only_when_addressed_to_it() {
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, EVERYTHING, TO_KOMMUN, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_SYSTEM, EVERYTHING, TO_KOMMUN, false))
                .isEqualTo(ALLOW);
        Shown unknownMessage = AccessPolicy.shown(withId(new Communication(), "99999999-2222-4333-8444-555555555555"));
        assertThat(AccessPolicy.decide(KOMMUN_SYSTEM, EVERYTHING, unknownMessage, false))
                .isEqualTo(DENY);
        Caller otherUnitSameKommun = staff("SE2120000530-N011", "SE2120000530-HT02", OrganisationType.KOMMUN, "0680");
        CareRelations ht02InRelation = new CareRelations(
                Set.of("0680"),
                Set.of("SE2120000530-HT02", SipFixtures.HEMTJANST),
                Set.of(),
                Map.of(),
                Map.of(
                        EpisodeFixtures.ADMISSION_MESSAGE,
                        List.of(new TransitionDocs.Addressee("municipal", SipFixtures.HEMTJANST, "0680"))),
                Map.of(),
                List.of());
        assertThat(AccessPolicy.decide(otherUnitSameKommun, ht02InRelation, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(otherUnitSameKommun, ht02InRelation, TO_KOMMUN, false))
                .as("addressed to another unit of the kommun")
                .isEqualTo(DENY);
        assertThat(AccessPolicy.decide(REGION_NURSE, EVERYTHING, TO_KOMMUN, false))
                .as("region staff with a relation see the region's own messages")
                .isEqualTo(ALLOW);
    }

    @Test
    void sip_content_needs_the_consent_in_force_except_for_its_author() {
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, EVERYTHING, SIP, false)).isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, EVERYTHING, SIP_CONSENT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_SYSTEM, EVERYTHING, SIP, false)).isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, CONSENT_REVOKED, SIP, false))
                .isEqualTo(DENY);
        assertThat(AccessPolicy.decide(KOMMUN_SYSTEM, CONSENT_REVOKED, SIP_CONSENT, false))
                .isEqualTo(DENY);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, CONSENT_REVOKED, Shown.PATIENT, false))
                .as("the revocation hides the SIP, not the LUS episode")
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(REGION_NURSE, CONSENT_REVOKED, SIP, false))
                .as("the SIP is its author's own record")
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, CONSENT_REVOKED, SIP, true))
                .isEqualTo(EMERGENCY);
        Shown otherSip = AccessPolicy.shown(withId(new Goal(), "sip-11111111-2222-4333-8444-555555555555-g1"));
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, EVERYTHING, otherSip, false))
                .isEqualTo(DENY);
    }

    @Test
    void a_consent_outside_its_dates_is_not_in_force() {
        CareRelations before = CareRelations.of(
                List.of(), List.of(SipFixtures.sip("active", false, false)), List.of(), LocalDate.of(2026, 11, 1));
        assertThat(before.sips().get(SipFixtures.SIP).consentInForce()).isFalse();
        assertThat(EVERYTHING.sips().get(SipFixtures.SIP).consentInForce()).isTrue();
        assertThat(EVERYTHING.sips().get(SipFixtures.SIP).covered()).contains(SipFixtures.HEMTJANST, SipFixtures.VC);
    }

    @Test
    void a_document_entered_in_error_still_relates_the_unit_that_wrote_it() {
        CareRelations error = CareRelations.of(
                List.of(ContractFixtures.anyContract("entered-in-error", 4)), List.of(), List.of(), TODAY);
        assertThat(AccessPolicy.decide(REGION_NURSE, error, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
    }

    @Test
    void what_a_resource_shows_follows_its_type_and_id() {
        assertThat(AccessPolicy.shown(withId(new CarePlan(), ContractFixtures.CONTRACT_ID)))
                .isEqualTo(new Shown.PatientData(ContractFixtures.CONTRACT_ID));
        assertThat(AccessPolicy.shown(withId(new Goal(), ContractFixtures.CONTRACT_ID + "-2")))
                .as("a contract's goal is held with its contract")
                .isEqualTo(new Shown.PatientData(ContractFixtures.CONTRACT_ID));
        assertThat(SIP).isEqualTo(new Shown.SipContent(SipFixtures.SIP));
        assertThat(AccessPolicy.shown(withId(new Consent(), "sip-short"))).isEqualTo(new Shown.SipContent(""));
        assertThat(AccessPolicy.shown(withId(new Task(), "x"))).isEqualTo(new Shown.PatientData("x"));
        assertThat(AccessPolicy.shown(withId(new org.hl7.fhir.r4.model.Patient(), "x")))
                .isEqualTo(Shown.PATIENT);
        assertThat(AccessPolicy.shown(BlockMapper.toConsent(block("SE2321000057", "SE2321000057-VC01"))))
                .isEqualTo(new Shown.BlockRecord("SE2321000057", "SE2321000057-VC01"));
        assertThat(TO_KOMMUN).isEqualTo(new Shown.LusMessage(EpisodeFixtures.ADMISSION_MESSAGE));
    }

    @Test
    void citizens_are_left_to_their_compartment() {
        Caller citizen = new Caller(
                "c", Kind.CITIZEN, null, null, null, null, null, "191212121212", Scopes.parse("patient/*.rs"));
        assertThat(AccessPolicy.decide(citizen, CareRelations.NONE, Shown.PATIENT, false))
                .isEqualTo(ALLOW);
    }

    private static final Shown CONTRACT = new Shown.PatientData(ContractFixtures.CONTRACT_ID);
    private static final Shown EPISODE = new Shown.PatientData(EpisodeFixtures.EPISODE);

    static CareBlock block(String provider, String unit) {
        return new CareBlock(
                java.util.UUID.randomUUID(),
                "0123456789abcdef0123456789abcdef",
                provider,
                unit,
                java.time.Instant.parse("2026-12-01T10:00:00Z"),
                "SE2321000057-N001",
                "SE2321000057-VC01",
                null,
                null,
                null);
    }

    @Test
    void a_block_of_a_care_provider_hides_its_records_from_every_other_provider_even_in_an_emergency() {
        CareRelations blocked = EVERYTHING.withBlocks(List.of(block("SE2321000057", null)));
        // The region holds the contract (written at VC01) and the episode (admitted at AVD1).
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, EVERYTHING, CONTRACT, false))
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, blocked, CONTRACT, false)).isEqualTo(BLOCKED);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, blocked, EPISODE, false)).isEqualTo(BLOCKED);
        assertThat(BLOCKED.allowed()).as("a blocked record is not shown").isFalse();
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, blocked, CONTRACT, true))
                .as("emergency access does not lift a spärr")
                .isEqualTo(BLOCKED);
        assertThat(AccessPolicy.decide(KOMMUN_SYSTEM, blocked, CONTRACT, false)).isEqualTo(BLOCKED);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, blocked, Shown.PATIENT, false))
                .as("the patient as such is no record of the holder")
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, blocked, TO_KOMMUN, false))
                .as("an LUS message still reaches its addressee: the law sends it")
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(REGION_NURSE, blocked, CONTRACT, false))
                .as("the holder's own staff")
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(REGION_SYSTEM, blocked, EPISODE, false)).isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(OTHER_KOMMUN_NURSE, blocked, CONTRACT, false))
                .as("without a relation it stays a plain refusal: nothing tells a block exists")
                .isEqualTo(DENY);
        assertThat(AccessPolicy.decide(
                        KOMMUN_NURSE, EVERYTHING.withBlocks(List.of(block("SE2321000099", null))), CONTRACT, false))
                .as("another provider's block")
                .isEqualTo(ALLOW);
    }

    @Test
    void a_block_of_a_unit_hides_its_records_from_the_providers_other_units_too() {
        CareRelations blocked = EVERYTHING.withBlocks(List.of(block("SE2321000057", "SE2321000057-VC01")));
        Caller hospitalNurse = staff("SE2321000057-N050", EpisodeFixtures.HOSPITAL, OrganisationType.REGION, null);
        assertThat(AccessPolicy.decide(hospitalNurse, blocked, EPISODE, false))
                .as("the episode is the hospital's, not VC01's")
                .isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(hospitalNurse, blocked, CONTRACT, false)).isEqualTo(BLOCKED);
        assertThat(AccessPolicy.decide(REGION_SYSTEM, blocked, CONTRACT, false))
                .as("a system of the provider is not the unit")
                .isEqualTo(BLOCKED);
        assertThat(AccessPolicy.decide(REGION_NURSE, blocked, CONTRACT, false)).isEqualTo(ALLOW);
    }

    @Test
    void a_block_itself_is_shown_to_its_holder_and_the_patient_only() {
        Shown record = new Shown.BlockRecord("SE2321000057", null);
        CareRelations blocked = EVERYTHING.withBlocks(List.of(block("SE2321000057", null)));
        assertThat(AccessPolicy.decide(REGION_NURSE, blocked, record, false)).isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(REGION_SYSTEM, blocked, record, false)).isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, blocked, record, false)).isEqualTo(BLOCKED);
        assertThat(AccessPolicy.decide(KOMMUN_NURSE, blocked, record, true)).isEqualTo(BLOCKED);
        Caller citizen = new Caller(
                "c", Kind.CITIZEN, null, null, null, null, null, "191212121212", Scopes.parse("patient/*.rs"));
        assertThat(AccessPolicy.decide(citizen, blocked, record, false)).isEqualTo(ALLOW);
        assertThat(AccessPolicy.decide(citizen, blocked, CONTRACT, false))
                .as("the patient sees their own records, blocked or not")
                .isEqualTo(ALLOW);
    }

    private static <R extends org.hl7.fhir.r4.model.Resource> R withId(R r, String id) {
        r.setId(id);
        return r;
    }
}
