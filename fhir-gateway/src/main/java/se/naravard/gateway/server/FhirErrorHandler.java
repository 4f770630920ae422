package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * The errors Jetty answers itself, before any FHIR processing (a malformed request line or header, an
 * ambiguous URI such as an encoded {@code /} or {@code ..} in the path, a path nothing serves), as an
 * OperationOutcome ({@value #REFUSED}) in JSON rather than Jetty's HTML page: a FHIR client gets a
 * FHIR answer to every request. Found by the gateway's fuzz test. No stack, no cause: the reason only.
 */
final class FhirErrorHandler extends ErrorHandler {

    static final String REFUSED = "GATEWAY-080";
    private static final String FHIR_JSON = "application/fhir+json;charset=utf-8";

    private final FhirContext fhir;

    FhirErrorHandler(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, FHIR_JSON);
        // Jetty 12.1.2 closes the connection after a request it refused as malformed (a NUL in the path)
        // without telling the client, whose next request on it then gets no answer (FhirInputFuzzIT).
        // A request refused before FHIR processing ends its connection, and says so.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(outcome(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, FHIR_JSON);
        return ByteBuffer.wrap(outcome(status, reason));
    }

    private byte[] outcome(int code, String message) {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        IssueType type = code == 404 ? IssueType.NOTFOUND : code < 500 ? IssueType.INVALID : IssueType.EXCEPTION;
        FhirErrors.Issue issue = new FhirErrors.Issue(
                type, REFUSED, "the HTTP request was refused before FHIR processing: " + reason, List.of(), null);
        return fhir.newJsonParser()
                .encodeResourceToString(FhirErrors.outcome(List.of(issue)))
                .getBytes(StandardCharsets.UTF_8);
    }
}
