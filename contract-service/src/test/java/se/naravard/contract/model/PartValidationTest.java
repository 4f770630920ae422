package se.naravard.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static se.naravard.contract.model.ContractFixture.NURSE;
import static se.naravard.contract.model.ContractFixture.TODAY;
import static se.naravard.contract.model.ContractFixture.VARDCENTRAL;
import static se.naravard.contract.model.ContractFixture.VERKSAMHETSCHEF;
import static se.naravard.contract.model.ContractFixture.anyContactPath;
import static se.naravard.contract.model.ContractFixture.anyFastLakarkontakt;
import static se.naravard.contract.model.ContractFixture.anyFastVardkontakt;
import static se.naravard.contract.model.ContractFixture.anyNextStep;
import static se.naravard.contract.model.ContractFixture.anyNextSteps;
import static se.naravard.contract.model.ContractFixture.anyNurse;
import static se.naravard.contract.model.ContractFixture.anyPlanning;
import static se.naravard.contract.model.ContractFixture.fastVardkontaktReachedBy;
import static se.naravard.contract.model.ContractFixture.nextSteps;
import static se.naravard.contract.model.ContractFixture.planningWithGoals;
import static se.naravard.contract.model.ContractFixture.repeat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.naravard.platform.domain.Rejection;

/** User input is checked by {@link Part#validate()}: each fault is a rejection pointing at its field. */
class PartValidationTest {

    static List<Part> validParts() {
        return ContractFixture.allParts();
    }

    @ParameterizedTest
    @MethodSource("validParts")
    void the_fixture_parts_are_valid(Part part) {
        assertThat(part.validate()).isEmpty();
    }

    @Test
    void a_goal_must_have_text() {
        var planning = planningWithGoals(List.of(new Goal("Orka gå ut"), new Goal("")));
        assertFaults(planning).containsExactly(tuple("CONTRACT-001", "/parts/sammanhallen-planering/goals/1/text"));
    }

    @Test
    void a_goal_longer_than_2000_characters_is_refused() {
        var planning = planningWithGoals(List.of(new Goal(repeat(2001))));
        assertFaults(planning).containsExactly(tuple("CONTRACT-002", "/parts/sammanhallen-planering/goals/0/text"));
    }

    @Test
    void a_goal_of_exactly_2000_characters_is_accepted() {
        assertThat(planningWithGoals(List.of(new Goal(repeat(2000)))).validate())
                .isEmpty();
    }

    @Test
    void more_than_50_goals_are_refused() {
        var planning = planningWithGoals(Collections.nCopies(51, new Goal("Må bra")));
        assertFaults(planning).containsExactly(tuple("CONTRACT-003", "/parts/sammanhallen-planering/goals"));
    }

    @Test
    void self_care_entries_and_contacts_and_linked_plans_are_checked() {
        var p = anyPlanning();
        var planning = new Planning(
                p.owner(),
                p.delegates(),
                p.goals(),
                List.of(" "),
                List.of(new CareContact("", null, null, new ContactPath(null, null, "8-16"))),
                List.of(new PlanLink(null, "")),
                repeat(2001),
                null);
        assertFaults(planning)
                .containsExactly(
                        tuple("CONTRACT-001", "/parts/sammanhallen-planering/selfCare/0"),
                        tuple("CONTRACT-001", "/parts/sammanhallen-planering/contacts/0/name"),
                        tuple("CONTRACT-004", "/parts/sammanhallen-planering/contacts/0/path"),
                        tuple("CONTRACT-001", "/parts/sammanhallen-planering/linkedPlans/0/kind"),
                        tuple("CONTRACT-001", "/parts/sammanhallen-planering/linkedPlans/0/reference"),
                        tuple("CONTRACT-002", "/parts/sammanhallen-planering/medicationListReference"));
    }

    @Test
    void a_care_contact_needs_a_contact_path() {
        var p = anyPlanning();
        var planning = new Planning(
                p.owner(),
                p.delegates(),
                p.goals(),
                List.of(),
                List.of(new CareContact("Apoteket", null, null, null)),
                List.of(),
                null,
                null);
        assertFaults(planning).containsExactly(tuple("CONTRACT-001", "/parts/sammanhallen-planering/contacts/0/path"));
    }

    @Test
    void a_contact_path_with_an_e_service_only_is_reachable() {
        var reach = new ContactPath(null, "1177 meddelande", null);
        assertThat(fastVardkontaktReachedBy(reach).validate()).isEmpty();
    }

    @Test
    void fast_vardkontakt_must_be_reachable_by_phone_or_e_service() {
        var part = fastVardkontaktReachedBy(new ContactPath("", " ", "vardagar 8-16"));
        assertFaults(part).containsExactly(tuple("CONTRACT-004", "/parts/fast-vardkontakt/reach"));
    }

    @Test
    void fast_vardkontakt_records_person_unit_reach_from_date_and_who_appointed() {
        var part = new FastVardkontakt(VARDCENTRAL, null, null, null, null, null, null, null);
        assertFaults(part)
                .containsExactly(
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/person"),
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/unit"),
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/reach"),
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/from"),
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/appointedBy"));
    }

    @Test
    void fast_vardkontakt_person_needs_hsa_id_name_and_profession() {
        var part = new FastVardkontakt(
                VARDCENTRAL,
                Set.of(),
                new Person(null, " ", null),
                VARDCENTRAL,
                anyContactPath(),
                new Person(NURSE, "", null),
                TODAY,
                VERKSAMHETSCHEF);
        assertFaults(part)
                .containsExactly(
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/person/hsaId"),
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/person/name"),
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/person/profession"),
                        tuple("CONTRACT-001", "/parts/fast-vardkontakt/substitute/name"));
    }

    @Test
    void fast_lakarkontakt_records_physician_vardcentral_from_date_and_booking() {
        var f = anyFastLakarkontakt();
        var part = new FastLakarkontakt(
                f.owner(),
                f.delegates(),
                new Person(f.physician().hsaId(), "", null),
                null,
                null,
                new ContactPath(null, null, null));
        assertFaults(part)
                .containsExactly(
                        tuple("CONTRACT-001", "/parts/fast-lakarkontakt/physician/name"),
                        tuple("CONTRACT-001", "/parts/fast-lakarkontakt/vardcentral"),
                        tuple("CONTRACT-001", "/parts/fast-lakarkontakt/from"),
                        tuple("CONTRACT-004", "/parts/fast-lakarkontakt/booking"));
    }

    @Test
    void a_next_step_must_say_what() {
        var steps = nextSteps(anyNextStep(), step("2", "Blodprov"), step("3", " "));
        assertFaults(steps).containsExactly(tuple("CONTRACT-001", "/parts/nasta-steg/steps/2/what"));
    }

    @Test
    void a_window_may_not_end_before_it_starts() {
        var s = anyNextStep();
        var steps = nextSteps(new NextStep("1", s.what(), s.who(), TODAY, TODAY.minusDays(1), s.how(), s.status()));
        assertFaults(steps).containsExactly(tuple("CONTRACT-005", "/parts/nasta-steg/steps/0/windowEnd"));
    }

    @Test
    void a_window_needs_a_first_date() {
        var s = anyNextStep();
        var steps = nextSteps(new NextStep("1", s.what(), s.who(), null, TODAY, s.how(), s.status()));
        assertFaults(steps).containsExactly(tuple("CONTRACT-005", "/parts/nasta-steg/steps/0/date"));
    }

    @Test
    void a_window_of_one_day_is_accepted() {
        var s = anyNextStep();
        var steps = nextSteps(new NextStep("1", s.what(), s.who(), TODAY, TODAY, s.how(), s.status()));
        assertThat(steps.validate()).isEmpty();
    }

    @Test
    void next_step_ids_are_unique() {
        var steps = nextSteps(anyNextStep(), step("1", "Blodprov"));
        assertFaults(steps).containsExactly(tuple("CONTRACT-006", "/parts/nasta-steg/steps/1/id"));
    }

    @Test
    void a_performer_needs_a_unit_or_a_name() {
        var s = anyNextStep();
        var steps = nextSteps(
                new NextStep("1", s.what(), new Performer(NURSE, null, " "), s.date(), null, s.how(), s.status()),
                new NextStep(
                        "2",
                        s.what(),
                        new Performer(null, null, "Patientens dotter"),
                        s.date(),
                        null,
                        s.how(),
                        s.status()));
        assertFaults(steps).containsExactly(tuple("CONTRACT-007", "/parts/nasta-steg/steps/0/who"));
    }

    @Test
    void a_next_step_needs_an_id_a_contact_method_and_a_status() {
        var steps = nextSteps(new NextStep(null, "Hembesök", null, null, null, null, null));
        assertFaults(steps)
                .containsExactly(
                        tuple("CONTRACT-001", "/parts/nasta-steg/steps/0/id"),
                        tuple("CONTRACT-001", "/parts/nasta-steg/steps/0/how"),
                        tuple("CONTRACT-001", "/parts/nasta-steg/steps/0/status"));
    }

    @Test
    void a_next_step_without_performer_or_date_is_valid_and_left_to_the_review() {
        var steps = nextSteps(
                new NextStep("1", "Ring om provsvar", null, null, null, ContactMethod.PHONE, NextStepStatus.PLANNED));
        assertThat(steps.validate()).isEmpty();
    }

    @Test
    void more_than_50_next_steps_are_refused() {
        var many = java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> step(String.valueOf(i), "Steg " + i))
                .toArray(NextStep[]::new);
        assertFaults(nextSteps(many)).containsExactly(tuple("CONTRACT-003", "/parts/nasta-steg/steps"));
    }

    @Test
    void a_part_needs_an_owner() {
        var p = anyNextSteps();
        assertFaults(new NextSteps(null, p.delegates(), p.steps()))
                .containsExactly(tuple("CONTRACT-001", "/parts/nasta-steg/owner"));
        var f = anyFastVardkontakt();
        var person = anyNurse();
        assertFaults(new FastVardkontakt(null, Set.of(), person, f.unit(), f.reach(), null, f.from(), f.appointedBy()))
                .containsExactly(tuple("CONTRACT-001", "/parts/fast-vardkontakt/owner"));
    }

    private static NextStep step(String id, String what) {
        var s = anyNextStep();
        return new NextStep(id, what, s.who(), LocalDate.of(2025, 4, 1), null, s.how(), s.status());
    }

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ?> assertFaults(Part part) {
        return assertThat(part.validate()).extracting(Rejection::code, Rejection::field);
    }
}
