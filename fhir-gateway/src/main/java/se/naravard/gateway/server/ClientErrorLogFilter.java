package se.naravard.gateway.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps a client's error out of the error log. HAPI logs every exception an interceptor throws at
 * ERROR with its stack trace before it answers with it, so each request the gateway refuses in an
 * interceptor (a body that is not valid R4: 422; a token or scope refused) wrote a stack trace as if
 * the server had failed (found by FhirInputFuzzIT). This drops those lines when the exception is a
 * 4xx answer; anything else an interceptor throws is still logged. Named in {@code logback.xml}.
 */
public final class ClientErrorLogFilter extends TurboFilter {

    static final String HAPI_INTERCEPTORS = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !HAPI_INTERCEPTORS.equals(logger.getName()) || level != Level.ERROR) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null
                && params != null
                && params.length > 0
                && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        return thrown instanceof BaseServerResponseException answer && answer.getStatusCode() < 500
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }
}
