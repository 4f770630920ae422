package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

/**
 * A journal system updates a CarePlan with If-Match: status or next steps; stale versions are 412. Who
 * changed it is the token's (a system names its person in X-Provenance), never the CarePlan's author.
 */
class UpdateIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final String HSA = "http://electronichealth.se/identifier/hsaid";
    private static final String PROVENANCE =
            """
            {"resourceType":"Provenance","recorded":"2026-11-25T10:00:00Z","target":[{"reference":"CarePlan/x"}],
             "agent":[{"who":{"identifier":{"system":"%s","value":"%s"}},
                       "onBehalfOf":{"identifier":{"system":"%s","value":"%s"}}}]}"""
                    .formatted(HSA, TestContracts.NURSE, HSA, TestContracts.UNIT)
                    .replace("\n", "");
    private final IGenericClient fhir = STACK.client();

    @Test
    void the_actor_of_a_careplan_update_is_the_tokens_person_not_the_plans_contributor() throws Exception {
        String id = draft();
        CarePlan plan = read(id);
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        java.util.Map<String, Object> claims =
                AccessRulesIT.staff("SE2321000057-L001", TestContracts.UNIT, "region", null);
        claims.put("scope", "user/*.cruds");
        IGenericClient physician = GatewayStack.client(STACK.gateway.fhirBase(), TestTokens.token(claims));

        physician
                .update()
                .resource(plan)
                .withId(id)
                .withAdditionalHeader("If-Match", "W/\"1\"")
                .execute();

        var r = STACK.contractService.send("GET", "/contracts/" + id, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode actor =
                new ObjectMapper().readTree(r.body()).path("lastChange").path("actor");
        assertThat(plan.getContributor())
                .extracting(c -> c.getIdentifier().getValue())
                .doesNotContain("SE2321000057-L001");
        assertThat(actor.path("person").asText()).isEqualTo("SE2321000057-L001");
        assertThat(actor.path("unit").asText()).isEqualTo(TestContracts.UNIT);
    }

    @Test
    void agreeing_a_draft_makes_a_new_version_and_a_stale_if_match_is_412() throws Exception {
        String id = draft();
        CarePlan plan = read(id);
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.addNote().setText("Överenskommet vid besök");

        MethodOutcome agreed = update(plan, "1");
        CarePlan stale = read(id);
        stale.getActivityFirstRep().getDetail().setDescription("Annat");

        assertThat(((CarePlan) agreed.getResource()).getMeta().getVersionId()).isEqualTo("2");
        assertThat(read(id).getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThatThrownBy(() -> update(plan, "1"))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(CarePlanIT.issue(e)
                                .getDetails()
                                .getCodingFirstRep()
                                .getCode())
                        .isEqualTo("CONTRACT-030"));
    }

    @Test
    void changed_next_steps_replace_the_part_and_an_agreed_contract_becomes_revised() throws Exception {
        String id = draft();
        CarePlan plan = read(id);
        plan.getActivity().get(1).getDetail().setDescription("Telefonsamtal i stället för besök");

        update(plan, "1");

        CarePlan changed = read(id);
        assertThat(changed.getMeta().getVersionId()).isEqualTo("2");
        assertThat(changed.getActivity().get(1).getDetail().getDescription())
                .isEqualTo("Telefonsamtal i stället för besök");
    }

    @Test
    void an_update_without_if_match_is_428_and_an_unsupported_change_is_422() throws Exception {
        String id = draft();
        CarePlan plan = read(id);
        plan.getGoal().remove(0);

        assertThatThrownBy(() -> fhir.update()
                        .resource(read(id))
                        .withId(id)
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(428));
        assertThatThrownBy(() -> update(plan, "1"))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                                CarePlanIT.issue(e).getExpression().get(0).getValue())
                        .isEqualTo("CarePlan.goal"));
    }

    private CarePlan read(String id) {
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();
        plan.setId(new IdType("CarePlan", id));
        return plan;
    }

    private MethodOutcome update(CarePlan plan, String version) {
        return fhir.update()
                .resource(plan)
                .withId(plan.getIdElement().getIdPart())
                .withAdditionalHeader("If-Match", "W/\"" + version + "\"")
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .prefer(ca.uhn.fhir.rest.api.PreferReturnEnum.REPRESENTATION)
                .execute();
    }

    private static String draft() throws Exception {
        var r = STACK.contractService.send("POST", "/contracts", TestContracts.createJson("19810107-9294"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new ObjectMapper().readTree(r.body()).get("id").asText();
    }
}
