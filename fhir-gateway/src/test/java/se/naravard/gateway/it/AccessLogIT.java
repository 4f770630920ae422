package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

/**
 * The access log: every answer with patient data has its record (who, unit, organisation, patient key,
 * what, outcome) before it is sent; a refused request too; the table refuses UPDATE, DELETE and
 * TRUNCATE; a log that cannot be written means nothing is disclosed (503).
 */
class AccessLogIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    record Row(
            String actorKind,
            String hsaId,
            String organisationType,
            String patientKey,
            String action,
            String resourceType,
            String resourceId,
            String parameters,
            String outcome,
            int status) {}

    @Test
    void a_read_and_a_search_each_leave_a_record_naming_the_patient_and_the_actor() throws Exception {
        String id = STACK.contracts.ids.get("active");
        String tolvan = SipIT.key(TestContracts.TOLVAN.substring(0, 8) + "-" + TestContracts.TOLVAN.substring(8));

        CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();
        fhir.search()
                .byUrl("CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + TestContracts.TOLVAN
                        + "&category=patientkontrakt")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(plan.getSubject().getReference()).isEqualTo("Patient/" + tolvan);
        List<Row> rows = rows(tolvan);
        assertThat(rows)
                .anySatisfy(r -> {
                    assertThat(r.action()).isEqualTo("read");
                    assertThat(r.resourceType()).isEqualTo("CarePlan");
                    assertThat(r.resourceId()).isEqualTo(id);
                    assertThat(r.actorKind()).isEqualTo("system");
                    assertThat(r.hsaId()).isEqualTo("SE2321000057-SYS1");
                    assertThat(r.organisationType()).isEqualTo("region");
                    assertThat(r.outcome()).isEqualTo("success");
                    assertThat(r.status()).isEqualTo(200);
                })
                .anySatisfy(r -> {
                    assertThat(r.action()).isEqualTo("search");
                    assertThat(r.parameters()).isEqualTo("category,patient.identifier");
                });
        assertNoPersonnummerStored();
    }

    @Test
    void a_search_for_a_person_without_care_relation_is_refused_and_still_on_their_log() throws Exception {
        String nobody = "195001182046"; // a valid test number with no data here
        assertThatThrownBy(() -> fhir.search()
                        .byUrl("CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + nobody
                                + "&category=patientkontrakt")
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(403));

        String key = STACK.gateway
                .context()
                .getBean(se.naravard.gateway.fhir.PatientResolver.class)
                .keyOf(TestContracts.PNR_SYSTEM, nobody);
        assertThat(rows(key)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("search");
            assertThat(r.outcome()).isEqualTo("denied");
        });
    }

    @Test
    void a_refusal_after_the_token_was_accepted_is_logged_as_denied() throws Exception {
        String id = STACK.contracts.ids.get("draft");
        String teamsOnly = TestTokens.token(Map.of(
                "sub", "nurse-x",
                "scope", "user/CareTeam.rs",
                "hsa_id", "SE2321000057-N099",
                "care_unit", "SE2321000057-VC01",
                "org_type", "region"));
        IGenericClient limited = GatewayStack.client(STACK.gateway.fhirBase(), teamsOnly);

        assertThatThrownBy(
                        () -> limited.read().resource(CarePlan.class).withId(id).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(403));

        try (Connection c = STACK.gateway.database();
                PreparedStatement s = c.prepareStatement(
                        "SELECT outcome, http_status, resource_id FROM access_log WHERE actor_hsa_id = 'SE2321000057-N099'")) {
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("denied");
                assertThat(rs.getInt(2)).isEqualTo(403);
                assertThat(rs.getString(3)).isEqualTo(id);
            }
        }
    }

    @Test
    void the_log_is_append_only_for_the_database_itself() throws Exception {
        fhir.read()
                .resource(CarePlan.class)
                .withId(STACK.contracts.ids.get("active"))
                .execute();
        try (Connection c = STACK.gateway.database();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE access_log SET outcome = 'forged'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM access_log"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE access_log"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM access_log WHERE outcome = 'forged'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void when_the_log_cannot_be_written_nothing_is_disclosed() throws Exception {
        try (GatewayInstance alone = GatewayInstance.start(STACK.contractService.baseUri())) {
            IGenericClient client = GatewayStack.client(alone.fhirBase());
            String id = STACK.contracts.ids.get("active");
            client.read().resource(CarePlan.class).withId(id).execute();
            try (Connection c = alone.database();
                    Statement s = c.createStatement()) {
                s.execute("ALTER TABLE access_log RENAME TO access_log_away");
                try {
                    assertThatThrownBy(() -> client.read()
                                    .resource(CarePlan.class)
                                    .withId(id)
                                    .execute())
                            .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                                assertThat(e.getStatusCode()).isEqualTo(503);
                                assertThat(CarePlanIT.issue(e)
                                                .getDetails()
                                                .getCodingFirstRep()
                                                .getCode())
                                        .isEqualTo("GATEWAY-072");
                                assertThat(e.getResponseBody()).doesNotContain("Kunna gå till affären");
                            });
                } finally {
                    s.execute("ALTER TABLE access_log_away RENAME TO access_log");
                }
            }
            assertThat(client.read()
                            .resource(CarePlan.class)
                            .withId(id)
                            .execute()
                            .getIdElement()
                            .getIdPart())
                    .isEqualTo(id);
        }
    }

    private static List<Row> rows(String patientKey) throws SQLException {
        try (Connection c = STACK.gateway.database();
                PreparedStatement s =
                        c.prepareStatement("SELECT actor_kind, actor_hsa_id, organisation_type, patient_key,"
                                + " action, resource_type, resource_id, query_parameters, outcome, http_status"
                                + " FROM access_log WHERE patient_key = ?")) {
            s.setString(1, patientKey);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getInt(10)));
                }
            }
            return rows;
        }
    }

    /**
     * No personnummer (12 digits, or 8+4 with a dash) in the columns a request's words reach (the keys and
     * ids are hex and can hold digit runs by chance, so they are checked for a whole number only).
     */
    private static void assertNoPersonnummerStored() throws SQLException {
        try (Connection c = STACK.gateway.database();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM access_log"
                        + " WHERE coalesce(query_parameters, '') || ' ' || coalesce(actor_subject, '')"
                        + " ~ '(19|20)[0-9]{6}-?[0-9]{4}' OR resource_id ~ '^(19|20)[0-9]{6}-?[0-9]{4}$'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
