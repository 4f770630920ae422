package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** A journal system reads patient contracts as CarePlans through the gateway, with HAPI's generic client. */
class CarePlanIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    @Test
    void an_agreed_contract_reads_as_an_active_careplan_with_its_team_goals_and_next_steps() {
        String id = STACK.contracts.ids.get("active");

        CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();

        assertThat(plan.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(plan.getMeta().getVersionId()).isEqualTo("2");
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
        assertThat(plan.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("patientkontrakt");
        assertThat(plan.getSubject().getReference()).isEqualTo("Patient/" + tolvanKey());
        assertThat(plan.getCareTeamFirstRep().getReference()).isEqualTo("CareTeam/" + id);
        assertThat(plan.getGoal())
                .extracting(r -> r.getReference())
                .containsExactly("Goal/" + id + "-1", "Goal/" + id + "-2");
        assertThat(plan.getActivity())
                .extracting(a -> a.getDetail().getDescription())
                .containsExactly("Promenad 20 minuter varje dag", "Uppföljande besök", "Hembesök");
        assertThat(plan.getActivity().get(1).getDetail().getStatus())
                .isEqualTo(CarePlan.CarePlanActivityStatus.SCHEDULED);
        assertThat(plan.getAuthor().getIdentifier().getValue()).isEqualTo(TestContracts.UNIT);
    }

    @Test
    void versions_are_readable_one_by_one_and_as_history() {
        String id = STACK.contracts.ids.get("revised");

        CarePlan first =
                fhir.read().resource(CarePlan.class).withIdAndVersion(id, "1").execute();
        Bundle history = fhir.history()
                .onInstance(new IdType("CarePlan", id))
                .returnBundle(Bundle.class)
                .execute();

        assertThat(first.getStatus()).isEqualTo(CarePlan.CarePlanStatus.DRAFT);
        assertThat(first.getMeta().getVersionId()).isEqualTo("1");
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry())
                .extracting(e -> e.getResource().getMeta().getVersionId())
                .containsExactly("3", "2", "1");
        assertThat(fhir.read().resource(CarePlan.class).withId(id).execute().getStatus())
                .as("revised is still an active plan")
                .isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
    }

    @Test
    void search_by_patient_identifier_includes_care_teams_and_goals() {
        Bundle found = fhir.search()
                .forResource(CarePlan.class)
                .where(CarePlan.PATIENT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndCode(TestContracts.PNR_SYSTEM, TestContracts.TOLVAN)))
                .include(CarePlan.INCLUDE_CARE_TEAM)
                .include(CarePlan.INCLUDE_GOAL)
                .returnBundle(Bundle.class)
                .execute();

        List<BundleEntryComponent> matches = mode(found, SearchEntryMode.MATCH);
        List<BundleEntryComponent> included = mode(found, SearchEntryMode.INCLUDE);
        assertThat(matches)
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrder(
                        STACK.contracts.ids.get("active"),
                        STACK.contracts.ids.get("revised"),
                        STACK.contracts.ids.get("completed"));
        assertThat(included)
                .filteredOn(e -> e.getResource() instanceof CareTeam)
                .hasSize(3);
        assertThat(included).filteredOn(e -> e.getResource() instanceof Goal).hasSize(6);
    }

    @Test
    void search_filters_by_status_category_and_id_and_pages_with_count() {
        String patient = "Patient/" + tolvanKey();

        Bundle active = fhir.search()
                .forResource(CarePlan.class)
                .where(CarePlan.SUBJECT.hasId(patient))
                .and(CarePlan.STATUS.exactly().code("active"))
                .and(CarePlan.CATEGORY.exactly().code("patientkontrakt"))
                .returnBundle(Bundle.class)
                .execute();
        Bundle byId = fhir.search()
                .forResource(CarePlan.class)
                .where(new TokenClientParam("_id").exactly().code(STACK.contracts.ids.get("completed")))
                .returnBundle(Bundle.class)
                .execute();
        Bundle firstPage = fhir.search()
                .forResource(CarePlan.class)
                .where(CarePlan.PATIENT.hasId(patient))
                .count(2)
                .returnBundle(Bundle.class)
                .execute();
        Bundle secondPage = fhir.loadPage().next(firstPage).execute();

        assertThat(active.getEntry()).hasSize(2);
        assertThat(byId.getEntry()).hasSize(1);
        assertThat(firstPage.getTotal()).isEqualTo(3);
        assertThat(firstPage.getEntry()).hasSize(2);
        assertThat(secondPage.getEntry()).hasSize(1);
        assertThat(secondPage.getLink(Bundle.LINK_NEXT)).isNull();
    }

    @Test
    void search_by_date_overlaps_the_period_and_by_last_updated_the_version_time() {
        String patient = "CarePlan?patient=Patient/" + tolvanKey();

        // Tolvan's three contracts were agreed on 2026-11-01 and have no end. (HAPI widens a day by
        // the time zones it may be meant in, so the day before is not far enough.)
        assertThat(count(patient + "&date=lt2026-10-15")).isZero();
        assertThat(count(patient + "&date=le2026-11-01")).isEqualTo(3);
        assertThat(count(patient + "&date=ge2030-01-01")).isEqualTo(3);
        assertThat(count(patient + "&_lastUpdated=lt2000-01-01")).isZero();
        assertThat(count(patient + "&_lastUpdated=gt2000-01-01&date=ge2026-01-01"))
                .isEqualTo(3);
    }

    private int count(String url) {
        Bundle b = fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
        assertThat(b.getTotal()).isEqualTo(b.getEntry().size());
        return b.getTotal();
    }

    @Test
    void an_unknown_contract_is_404_with_an_operation_outcome() {
        assertThatThrownBy(() -> fhir.read()
                        .resource(CarePlan.class)
                        .withId("6f1d0c1e-0000-4000-8000-000000000000")
                        .execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                                issue(e).getExpression().get(0).getValue())
                        .isEqualTo("CarePlan.id"));
        assertThatThrownBy(() -> fhir.read()
                        .resource(CarePlan.class)
                        .withId("not-a-contract")
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fhir.read()
                        .resource(CarePlan.class)
                        .withIdAndVersion(STACK.contracts.ids.get("active"), "9")
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void an_unknown_search_parameter_is_400_naming_it() {
        assertThatThrownBy(() -> fhir.search()
                        .byUrl("CarePlan?patient=Patient/" + tolvanKey() + "&activity-date=2026-01-01")
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    OperationOutcome.OperationOutcomeIssueComponent issue = issue(e);
                    assertThat(issue.getLocation().get(0).getValue()).isEqualTo("http.activity-date");
                    assertThat(issue.getExpression().get(0).getValue()).startsWith("CarePlan.");
                    assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("GATEWAY-001");
                });
    }

    @Test
    void a_date_that_does_not_parse_is_400_naming_it() {
        for (String value : new String[] {"2026-13-45", "2026-02-30", "gx2026-01-01"}) {
            assertThatThrownBy(() -> fhir.search()
                            .byUrl("CarePlan?patient=Patient/" + tolvanKey() + "&date=" + value)
                            .returnBundle(Bundle.class)
                            .execute())
                    .as(value)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        OperationOutcome.OperationOutcomeIssueComponent issue = issue(e);
                        assertThat(issue.getLocation().get(0).getValue()).isEqualTo("http.date");
                        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("CarePlan.period");
                        assertThat(issue.getDetails().getCodingFirstRep().getCode())
                                .isEqualTo("GATEWAY-051");
                    });
        }
    }

    @Test
    void an_invalid_personnummer_is_400_naming_the_identifier_and_never_echoing_it() {
        assertThatThrownBy(() -> fhir.search()
                        .forResource(CarePlan.class)
                        .where(CarePlan.PATIENT.hasChainedProperty(
                                Patient.IDENTIFIER.exactly().systemAndCode(TestContracts.PNR_SYSTEM, "191212121213")))
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    OperationOutcome.OperationOutcomeIssueComponent issue = issue(e);
                    assertThat(issue.getDetails().getCodingFirstRep().getCode()).startsWith("ID-PNR-");
                    assertThat(issue.getExpression().get(0).getValue()).isEqualTo("CarePlan.subject");
                    assertThat(issue.getLocation().get(0).getValue()).isEqualTo("http.patient.identifier");
                    assertThat(issue.getDiagnostics()).doesNotContain("121213");
                });
        assertThatThrownBy(() -> fhir.search()
                        .forResource(CarePlan.class)
                        .where(CarePlan.STATUS.exactly().code("active"))
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                                issue(e).getDetails().getCodingFirstRep().getCode())
                        .isEqualTo("GATEWAY-004"));
    }

    static String tolvanKey() {
        Bundle patients = GatewayStack.get()
                .client()
                .search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(TestContracts.PNR_SYSTEM, TestContracts.TOLVAN))
                .returnBundle(Bundle.class)
                .execute();
        return patients.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    static OperationOutcome.OperationOutcomeIssueComponent issue(BaseServerResponseException e) {
        assertThat(e.getOperationOutcome()).as(e.getMessage()).isInstanceOf(OperationOutcome.class);
        return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
    }

    private static List<BundleEntryComponent> mode(Bundle b, SearchEntryMode mode) {
        return b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == mode)
                .toList();
    }
}
