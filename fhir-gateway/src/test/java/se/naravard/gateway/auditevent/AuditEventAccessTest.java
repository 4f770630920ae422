package se.naravard.gateway.auditevent;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.gateway.auditevent.AuditRecords.OTHER_KEY;
import static se.naravard.gateway.auditevent.AuditRecords.TOLVAN_KEY;

import org.junit.jupiter.api.Test;
import se.naravard.gateway.auditevent.AuditEventAccess.Allowed;
import se.naravard.gateway.auditevent.AuditEventAccess.Refused;
import se.naravard.gateway.auditevent.AuditEventAccess.View;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

class AuditEventAccessTest {

    private final AuditEventAccess access = new AuditEventAccess(AuditRecords.PATIENTS);

    @Test
    void a_citizen_sees_every_row_about_their_own_data() {
        assertThat(access.search(AuditRecords.citizen(), TOLVAN_KEY))
                .isEqualTo(new Allowed(new View(TOLVAN_KEY, null, null)));
        View view = ((Allowed) access.read(AuditRecords.citizen())).view();
        assertThat(view.shows(AuditRecords.staffRead())).isTrue();
        assertThat(view.shows(AuditRecords.citizen(OTHER_KEY, OTHER_KEY, "success", 200)))
                .isFalse();
    }

    @Test
    void a_citizen_asking_for_another_patients_log_is_refused() {
        assertThat(access.search(AuditRecords.citizen(), OTHER_KEY)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo(AuditEventAccess.OTHER_PATIENT);
        });
    }

    @Test
    void a_citizen_search_must_name_the_patient() {
        assertThat(access.search(AuditRecords.citizen(), null))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void staff_with_the_audit_scope_see_their_own_units_rows_only() {
        View view = ((Allowed) access.search(AuditRecords.staff("user/AuditEvent.rs"), null)).view();

        assertThat(view).isEqualTo(new View(null, AuditRecords.UNIT, null));
        assertThat(view.shows(AuditRecords.staffRead())).isTrue();
        assertThat(view.shows(AuditRecords.citizen(TOLVAN_KEY, TOLVAN_KEY, "success", 200)))
                .isFalse();
    }

    @Test
    void kommun_callers_see_their_kommuns_rows() {
        assertThat(access.search(AuditRecords.kommunStaff("user/AuditEvent.rs"), TOLVAN_KEY))
                .isEqualTo(new Allowed(new View(TOLVAN_KEY, null, "0680")));
    }

    @Test
    void a_wildcard_scope_does_not_make_a_log_reviewer() {
        assertThat(access.search(AuditRecords.staff("user/*.rs"), null)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo(AuditEventAccess.REFUSED);
        });
        assertThat(access.read(AuditRecords.staff("user/AuditEvent.s"))).isInstanceOf(Refused.class);
    }

    @Test
    void analysts_never_read_the_log() {
        Caller analyst = new Caller(
                "anna",
                Caller.Kind.ANALYST,
                "SE2321000057-A001",
                "SE2321000057-ANA1",
                Caller.OrganisationType.REGION,
                null,
                null,
                null,
                Scopes.parse("user/AuditEvent.rs"));
        assertThat(access.search(analyst, null)).isInstanceOf(Refused.class);
        assertThat(access.read(analyst)).isInstanceOf(Refused.class);
    }

    @Test
    void a_system_without_unit_or_kommun_reviews_nothing() {
        Caller system = new Caller(
                "journal",
                Caller.Kind.SYSTEM,
                "SE2321000057-SYS1",
                null,
                Caller.OrganisationType.REGION,
                null,
                null,
                null,
                Scopes.parse("system/AuditEvent.rs"));
        assertThat(access.search(system, null)).isInstanceOf(Refused.class);
        assertThat(access.search(null, null)).isInstanceOf(Refused.class);
    }
}
