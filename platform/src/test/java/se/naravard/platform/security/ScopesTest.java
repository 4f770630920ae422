package se.naravard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void a_v2_scope_grants_exactly_its_letters_on_its_type() {
        Scopes s = Scopes.parse("openid patient/CarePlan.rs");

        assertThat(s.permits("CarePlan", 'r')).isTrue();
        assertThat(s.permits("CarePlan", 's')).isTrue();
        assertThat(s.permits("CarePlan", 'u')).isFalse();
        assertThat(s.permits("CareTeam", 'r')).isFalse();
        assertThat(s.has(Scopes.Context.PATIENT)).isTrue();
        assertThat(s.has(Scopes.Context.USER)).isFalse();
    }

    @Test
    void a_wildcard_type_covers_every_type() {
        Scopes s = Scopes.parse("user/*.cruds");

        assertThat(s.permits("Encounter", 'c')).isTrue();
        assertThat(s.permits("AuditEvent", 'd')).isTrue();
    }

    @Test
    void v1_words_read_write_and_star_are_understood() {
        assertThat(Scopes.parse("system/Communication.read").permits("Communication", 's'))
                .isTrue();
        assertThat(Scopes.parse("system/Communication.read").permits("Communication", 'c'))
                .isFalse();
        assertThat(Scopes.parse("system/Communication.write").permits("Communication", 'c'))
                .isTrue();
        assertThat(Scopes.parse("system/Communication.write").permits("Communication", 'r'))
                .isFalse();
        assertThat(Scopes.parse("system/Task.*").permits("Task", 'u')).isTrue();
    }

    @Test
    void malformed_scopes_grant_nothing() {
        for (String bad : new String[] {
            "patient/CarePlan.sr", // out of order
            "patient/CarePlan.rr", // repeated
            "patient/CarePlan.rx", // unknown letter
            "patient/CarePlan.", // no permissions
            "clinic/CarePlan.rs", // unknown context
            "patient/careplan.rs", // not a FHIR type
            "patient/.rs",
            "CarePlan.rs",
            "patient/CarePlan"
        }) {
            Scopes s = Scopes.parse(bad);
            assertThat(s.grants()).as(bad).isEmpty();
            assertThat(s.permits("CarePlan", 'r')).as(bad).isFalse();
        }
        assertThat(Scopes.parse(null).grants()).isEmpty();
        assertThat(Scopes.parse("   ").grants()).isEmpty();
    }
}
