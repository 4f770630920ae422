package se.naravard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/**
 * A refusal an interceptor throws is no server error (found by FhirInputFuzzIT: a CarePlan that is not
 * valid R4 was answered 422 and logged at ERROR with its stack trace; input kept as {@code
 * FhirInputFuzzITInputs/fhirInputs/invalid-r4-careplan-logged-as-error}).
 */
class ClientErrorLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ClientErrorLogFilter filter = new ClientErrorLogFilter();

    @Test
    void hapis_error_line_for_a_4xx_thrown_by_an_interceptor_is_dropped() {
        Object[] params = {
            "SERVER_INCOMING_REQUEST_POST_PROCESSED", "x", new UnprocessableEntityException("GATEWAY-035")
        };

        FilterReply reply = filter.decide(
                null,
                context.getLogger(ClientErrorLogFilter.HAPI_INTERCEPTORS),
                Level.ERROR,
                "Exception thrown by interceptor for pointcut {}: {}",
                params,
                null);

        assertThat(reply).isEqualTo(FilterReply.DENY);
    }

    @Test
    void a_5xx_or_any_other_logger_is_still_logged() {
        Object[] failure = {"p", "x", new InternalErrorException("boom")};
        Object[] refusal = {"p", "x", new UnprocessableEntityException("GATEWAY-035")};

        assertThat(filter.decide(
                        null,
                        context.getLogger(ClientErrorLogFilter.HAPI_INTERCEPTORS),
                        Level.ERROR,
                        "f",
                        failure,
                        null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("se.naravard.gateway"), Level.ERROR, "f", refusal, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
