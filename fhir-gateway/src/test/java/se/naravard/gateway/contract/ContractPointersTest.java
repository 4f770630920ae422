package se.naravard.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.http.ProblemTranslation;
import se.naravard.gateway.http.ProblemTranslation.FieldError;
import se.naravard.gateway.http.ProblemTranslation.Problem;

class ContractPointersTest {

    @Test
    void a_refusal_keeps_its_status_and_codes_and_points_at_the_fhir_element() {
        Problem problem = new Problem(
                "The part is not valid",
                "CONTRACT-040",
                List.of(
                        new FieldError("/parts/nasta-steg/steps/1/date", "CONTRACT-040", "not a date"),
                        new FieldError("/parts/fast-vardkontakt/person/hsaId", "ID-HSA-002", "bad HSA-id"),
                        new FieldError("If-Match", "CONTRACT-030", "stale")));

        BaseServerResponseException e = translate(422, problem);

        OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
        assertThat(e.getStatusCode()).isEqualTo(422);
        assertThat(oo.getIssue())
                .extracting(i -> i.getDetails().getCodingFirstRep().getCode())
                .containsExactly("CONTRACT-040", "ID-HSA-002", "CONTRACT-030");
        assertThat(oo.getIssue().get(0).getExpression().get(0).getValue())
                .isEqualTo("CarePlan.activity[1].detail.scheduled");
        assertThat(oo.getIssue().get(1).getExpression().get(0).getValue()).isEqualTo("CareTeam.participant");
        assertThat(oo.getIssue().get(2).getLocation().get(0).getValue()).isEqualTo("http.If-Match");
    }

    @Test
    void a_failing_service_is_a_502_bad_gateway() {
        BaseServerResponseException e = translate(500, null);

        assertThat(e.getStatusCode()).isEqualTo(502);
        assertThat(((OperationOutcome) e.getOperationOutcome())
                        .getIssueFirstRep()
                        .getDetails()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("GATEWAY-022");
    }

    private static BaseServerResponseException translate(int status, Problem problem) {
        return ProblemTranslation.toException(
                "contract-service", status, problem, (pointer, code) -> ContractPointers.expression(pointer));
    }
}
