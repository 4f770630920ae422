package se.naravard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

/** The rows AccessLogging builds for a request: emergency access and the citizen actor's own key. */
class AccessLoggingTest {

    private static final PatientResolver PATIENTS =
            new PatientResolver(new PatientKeys("a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8)));
    private static final String PNR = "http://electronichealth.se/identifier/personnummer";
    private static final String KEY = PATIENTS.keyOf(PNR, "191212121212");

    // Never asked to store anything here: its writer idles without a database.
    private final AccessLog log = new AccessLog(null);
    private final AccessLogging logging = new AccessLogging(
            log,
            FhirContext.forR4Cached(),
            PATIENTS,
            Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC));

    @AfterEach
    void stop() {
        log.close();
    }

    @Test
    void a_request_allowed_by_declared_emergency_access_is_flagged_with_its_reason() {
        SystemRequestDetails request = request(staff());
        request.getUserData().put(AccessLogging.EMERGENCY_REASON, "Medvetslös patient, akuten");

        List<AccessRecord> rows = logging.records(request, Set.of(KEY), AccessRecord.SUCCESS, 200, "c1");

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.emergency()).isTrue();
            assertThat(r.accessReason()).isEqualTo("Medvetslös patient, akuten");
            assertThat(r.patientKey()).isEqualTo(KEY);
            assertThat(r.actorPatientKey()).isNull();
        });
    }

    @Test
    void without_a_declared_reason_no_row_is_flagged() {
        SystemRequestDetails request = request(staff());
        request.getUserData().put(AccessLogging.EMERGENCY_REASON, Boolean.TRUE); // not a reason

        assertThat(logging.records(request, Set.of(KEY), AccessRecord.SUCCESS, 200, "c1"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.emergency()).isFalse();
                    assertThat(r.accessReason()).isNull();
                });
    }

    @Test
    void a_reason_longer_than_500_characters_is_cut() {
        SystemRequestDetails request = request(staff());
        request.getUserData().put(AccessLogging.EMERGENCY_REASON, "x".repeat(700));

        assertThat(logging.records(request, Set.of(KEY), AccessRecord.SUCCESS, 200, null))
                .singleElement()
                .satisfies(r -> assertThat(r.accessReason()).hasSize(AccessRecord.MAX_REASON_LENGTH));
    }

    @Test
    void a_citizen_actor_keeps_their_own_patient_key_never_their_personnummer() {
        Caller citizen = new Caller(
                "tolvan",
                Caller.Kind.CITIZEN,
                null,
                null,
                null,
                null,
                null,
                "191212121212",
                Scopes.parse("patient/*.rs"));

        assertThat(logging.records(request(citizen), Set.of(KEY), AccessRecord.SUCCESS, 200, null))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.actorPatientKey()).isEqualTo(KEY);
                    assertThat(r.toString()).doesNotContain("191212121212");
                });
    }

    private static SystemRequestDetails request(Caller caller) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRestOperationType(RestOperationTypeEnum.READ);
        request.setResourceName("CarePlan");
        // TokenAuthentication's key for the verified caller.
        request.getUserData().put(TokenAuthentication.class.getName() + ".caller", caller);
        return request;
    }

    private static Caller staff() {
        return new Caller(
                "nurse-1",
                Caller.Kind.STAFF,
                "SE2321000057-N001",
                "SE2321000057-VC01",
                Caller.OrganisationType.REGION,
                null,
                "TREAT",
                null,
                Scopes.parse("user/*.rs"));
    }
}
