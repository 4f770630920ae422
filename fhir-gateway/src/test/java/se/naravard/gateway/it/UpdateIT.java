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

/** A journal system updates a CarePlan with If-Match: status or next steps; stale versions are 412. */
class UpdateIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

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

        assertThatThrownBy(() -> fhir.update().resource(read(id)).withId(id).execute())
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
                .prefer(ca.uhn.fhir.rest.api.PreferReturnEnum.REPRESENTATION)
                .execute();
    }

    private static String draft() throws Exception {
        var r = STACK.contractService.send("POST", "/contracts", TestContracts.createJson("19810107-9294"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new ObjectMapper().readTree(r.body()).get("id").asText();
    }
}
