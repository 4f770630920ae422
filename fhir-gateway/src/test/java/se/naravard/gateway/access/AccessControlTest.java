package se.naravard.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.ContractFixtures;
import se.naravard.gateway.EpisodeFixtures;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.gateway.transition.TransitionDocs;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.security.Caller;

/**
 * The three checkpoints of {@link AccessControl} on hand-made requests and answers: before the
 * provider, the search narrowing, and the last look at the answer.
 */
class AccessControlTest {

    private static final String PATIENT = "0123456789abcdef0123456789abcdef";
    private static final String NOT_ADDRESSED = "99999999-2222-4333-8444-555555555555";
    private final Episode episode = withUnaddressedMessage(EpisodeFixtures.episode("utskrivningsklar"));
    private final AccessControl control = control(key -> List.of(episode));

    private static AccessControl control(Function<String, List<Episode>> episodes) {
        return new AccessControl(
                key -> PATIENT.equals(key) ? List.of(ContractFixtures.anyContract("active", 3)) : List.of(),
                key -> List.of(),
                key -> PATIENT.equals(key) ? episodes.apply(key) : List.of(),
                key -> List.of(),
                () -> LocalDate.of(2026, 12, 5),
                new PatientResolver(new PatientKeys("access-control-test-secret".getBytes(StandardCharsets.UTF_8))));
    }

    /** The episode with one more message, to the primary-care unit only. */
    private static Episode withUnaddressedMessage(Episode e) {
        List<TransitionDocs.Message> messages = new ArrayList<>(e.messagesOrEmpty());
        messages.add(new TransitionDocs.Message(
                NOT_ADDRESSED,
                "utskrivningsmeddelande",
                "2026-11-24T10:00:00Z",
                EpisodeFixtures.HOSPITAL,
                List.of(new TransitionDocs.Addressee("primary-care", EpisodeFixtures.PRIMARY, null)),
                null,
                List.of(),
                null));
        return new Episode(
                e.id(),
                e.version(),
                e.patient(),
                e.admittingUnit(),
                e.kommun(),
                e.admittedAt(),
                e.admissionKind(),
                e.physicianAssessedAt(),
                e.expectedDischargeDate(),
                e.needsBothPrincipals(),
                e.mayNeedHelpAfterDischarge(),
                e.status(),
                messages,
                e.tasksOrEmpty(),
                e.lastChange());
    }

    @Test
    void an_analyst_is_refused_before_any_provider_runs() {
        SystemRequestDetails request = request(analyst(), RestOperationTypeEnum.READ, "CarePlan");
        assertThatThrownBy(() -> control.beforeProvider(request))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(code(e)).isEqualTo(AccessControl.AGGREGATES_ONLY);
                });
    }

    @Test
    void a_search_naming_a_patient_without_relation_is_refused_before_anything_is_read() {
        SystemRequestDetails request =
                request(AccessPolicyTest.OTHER_KOMMUN_NURSE, RestOperationTypeEnum.SEARCH_TYPE, "CarePlan");
        request.setParameters(Map.of("patient", new String[] {"Patient/" + PATIENT}));
        assertThatThrownBy(() -> control.beforeProvider(request))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(code(e)).isEqualTo(AccessControl.NO_RELATION);
                });

        SystemRequestDetails allowed =
                request(AccessPolicyTest.KOMMUN_NURSE, RestOperationTypeEnum.SEARCH_TYPE, "CarePlan");
        allowed.setParameters(Map.of("patient", new String[] {"Patient/" + PATIENT}));
        control.beforeProvider(allowed);
        assertThat(allowed.getUserData()).containsKey(SearchResults.VISIBLE);
    }

    @Test
    void the_search_keeps_only_what_the_caller_may_see() {
        SystemRequestDetails request =
                request(AccessPolicyTest.KOMMUN_NURSE, RestOperationTypeEnum.SEARCH_TYPE, "Communication");
        control.beforeProvider(request);
        @SuppressWarnings("unchecked")
        Predicate<IBaseResource> visible =
                (Predicate<IBaseResource>) request.getUserData().get(SearchResults.VISIBLE);
        assertThat(visible.test(message(EpisodeFixtures.ADMISSION_MESSAGE))).isTrue();
        assertThat(visible.test(message(NOT_ADDRESSED))).isFalse();
    }

    @Test
    void an_included_resource_the_caller_may_not_see_is_taken_out_of_the_answer() {
        SystemRequestDetails request =
                request(AccessPolicyTest.KOMMUN_NURSE, RestOperationTypeEnum.SEARCH_TYPE, "Encounter");
        control.beforeProvider(request);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Encounter encounter = new Encounter();
        encounter.setId(EpisodeFixtures.EPISODE);
        encounter.setSubject(new Reference("Patient/" + PATIENT));
        bundle.addEntry().setResource(encounter).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        bundle.addEntry()
                .setResource(message(EpisodeFixtures.ADMISSION_MESSAGE))
                .getSearch()
                .setMode(Bundle.SearchEntryMode.INCLUDE);
        bundle.addEntry().setResource(message(NOT_ADDRESSED)).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);

        control.beforeAnswer(request, response(bundle));

        assertThat(bundle.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(EpisodeFixtures.EPISODE, EpisodeFixtures.ADMISSION_MESSAGE);
    }

    @Test
    void a_match_or_a_read_the_caller_may_not_see_makes_the_answer_403() {
        SystemRequestDetails request = request(AccessPolicyTest.KOMMUN_NURSE, RestOperationTypeEnum.GET_PAGE, null);
        control.beforeProvider(request);
        Bundle page = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        page.addEntry().setResource(message(NOT_ADDRESSED)).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        assertThatThrownBy(() -> control.beforeAnswer(request, response(page)))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(403));

        SystemRequestDetails read = request(AccessPolicyTest.OTHER_UNIT_NURSE, RestOperationTypeEnum.READ, "CarePlan");
        control.beforeProvider(read);
        CarePlan plan = new CarePlan();
        plan.setId("0b9f6a52-6a5e-4c7e-9a57-3f1d2a9c4e11");
        plan.setSubject(new Reference("Patient/" + PATIENT));
        assertThatThrownBy(() -> control.beforeAnswer(read, response(plan)))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(code(e))
                        .isEqualTo(AccessControl.NO_RELATION));
    }

    @Test
    void emergency_access_is_flagged_with_its_reason_only_when_it_was_needed() {
        SystemRequestDetails needed =
                request(AccessPolicyTest.OTHER_UNIT_NURSE, RestOperationTypeEnum.READ, "CarePlan");
        needed.addHeader(AccessControl.EMERGENCY_HEADER, "Medvetslös patient på akuten");
        control.beforeProvider(needed);
        CarePlan plan = new CarePlan();
        plan.setId("0b9f6a52-6a5e-4c7e-9a57-3f1d2a9c4e11");
        plan.setSubject(new Reference("Patient/" + PATIENT));
        control.beforeAnswer(needed, response(plan));
        assertThat(needed.getUserData()).containsEntry(AccessControl.EMERGENCY_REASON, "Medvetslös patient på akuten");

        SystemRequestDetails notNeeded = request(AccessPolicyTest.KOMMUN_NURSE, RestOperationTypeEnum.READ, "CarePlan");
        notNeeded.addHeader(AccessControl.EMERGENCY_HEADER, "Medvetslös patient på akuten");
        control.beforeProvider(notNeeded);
        control.beforeAnswer(notNeeded, response(plan));
        assertThat(notNeeded.getUserData()).doesNotContainKey(AccessControl.EMERGENCY_REASON);
    }

    @Test
    void emergency_access_needs_a_reason_and_a_person() {
        SystemRequestDetails blank = request(AccessPolicyTest.OTHER_UNIT_NURSE, RestOperationTypeEnum.READ, "CarePlan");
        blank.addHeader(AccessControl.EMERGENCY_HEADER, "  ");
        assertThatThrownBy(() -> control.beforeProvider(blank))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(code(e)).isEqualTo(AccessControl.BAD_EMERGENCY);
                });
        SystemRequestDetails tooLong =
                request(AccessPolicyTest.OTHER_UNIT_NURSE, RestOperationTypeEnum.READ, "CarePlan");
        tooLong.addHeader(AccessControl.EMERGENCY_HEADER, "x".repeat(AccessControl.MAX_REASON + 1));
        assertThatThrownBy(() -> control.beforeProvider(tooLong))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(400));
        SystemRequestDetails bySystem = request(AccessPolicyTest.REGION_SYSTEM, RestOperationTypeEnum.READ, "CarePlan");
        bySystem.addHeader(AccessControl.EMERGENCY_HEADER, "Akut");
        assertThatThrownBy(() -> control.beforeProvider(bySystem))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(403));
    }

    @Test
    void a_source_that_is_down_is_skipped_when_the_others_allow_and_is_the_answer_when_they_do_not() {
        AccessControl transitionDown = control(key -> {
            throw FhirErrors.unavailable("transition-service", "not reachable");
        });
        CarePlan plan = new CarePlan();
        plan.setId("0b9f6a52-6a5e-4c7e-9a57-3f1d2a9c4e11");
        plan.setSubject(new Reference("Patient/" + PATIENT));

        SystemRequestDetails byContract =
                request(AccessPolicyTest.REGION_NURSE, RestOperationTypeEnum.READ, "CarePlan");
        transitionDown.beforeProvider(byContract);
        transitionDown.beforeAnswer(byContract, response(plan));

        SystemRequestDetails byEpisode = request(AccessPolicyTest.KOMMUN_NURSE, RestOperationTypeEnum.READ, "CarePlan");
        transitionDown.beforeProvider(byEpisode);
        assertThatThrownBy(() -> transitionDown.beforeAnswer(byEpisode, response(plan)))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(503));
    }

    private static Communication message(String id) {
        Communication c = new Communication();
        c.setId(id);
        c.setSubject(new Reference("Patient/" + PATIENT));
        return c;
    }

    private static SystemRequestDetails request(Caller caller, RestOperationTypeEnum op, String type) {
        SystemRequestDetails r = new SystemRequestDetails();
        r.setRestOperationType(op);
        r.setResourceName(type);
        r.getUserData().put(TokenAuthentication.CALLER, caller);
        return r;
    }

    private static ResponseDetails response(IBaseResource body) {
        ResponseDetails r = new ResponseDetails(body);
        r.setResponseCode(200);
        return r;
    }

    private static Caller analyst() {
        return new Caller(
                "a",
                Caller.Kind.ANALYST,
                "SE2321000057-A001",
                "SE2321000057-ANA1",
                Caller.OrganisationType.REGION,
                null,
                null,
                null,
                se.naravard.platform.security.Scopes.parse("user/*.rs"));
    }

    private static String code(BaseServerResponseException e) {
        return ((OperationOutcome) e.getOperationOutcome())
                .getIssueFirstRep()
                .getDetails()
                .getCodingFirstRep()
                .getCode();
    }
}
