package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * Refuses a request body larger than the limit with 413 and an OperationOutcome ({@code GATEWAY-005},
 * location {@code http.Content-Length}) before HAPI reads it: at once when {@code Content-Length} says
 * so, and after at most limit + 1 bytes when the body comes chunked. A contract's transaction Bundle is a
 * few kilobytes; a body of a megabyte is a mistake or an attack, and HAPI would hold all of it in memory.
 *
 * <p>Every other body is read whole before FHIR processing starts, so a request refused before HAPI
 * reads its body (a missing scope, a bad token) still leaves the connection clean. Otherwise Jetty,
 * finding the body unread when the answer is complete and not yet arrived (a client that writes the
 * headers and the body separately, as the JDK's does), closes the kept-alive connection without a
 * {@code Connection: close}, and the client's next request on it gets no answer at all. A form body
 * ({@code POST _search}) is left to the servlet container, which reads it for the parameters.
 */
public final class BodySizeLimit implements Filter {

    public static final String TOO_LARGE = "GATEWAY-005";

    private final long maxBytes;
    private final FhirContext fhir;

    public BodySizeLimit(long maxBytes, FhirContext fhir) {
        this.maxBytes = maxBytes;
        this.fhir = fhir;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long declared = http.getContentLengthLong();
        if (declared > maxBytes) {
            refuse((HttpServletResponse) response);
            return;
        }
        boolean chunked = declared < 0 && hasBody(http);
        if ((declared <= 0 && !chunked) || isForm(http)) {
            chain.doFilter(request, response);
            return;
        }
        // Read at most one byte more than allowed (a chunked body says its size only at its end), then
        // hand the buffered body on.
        byte[] body = readAtMost(http.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            refuse((HttpServletResponse) response);
            return;
        }
        chain.doFilter(new Buffered(http, body), response);
    }

    private static boolean hasBody(HttpServletRequest r) {
        return !"GET".equals(r.getMethod()) && !"HEAD".equals(r.getMethod()) && !"DELETE".equals(r.getMethod());
    }

    private static boolean isForm(HttpServletRequest r) {
        String type = r.getContentType();
        return type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(chunk, 0, (int) Math.min(chunk.length, limit - total))) > 0) {
            out.write(chunk, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    private void refuse(HttpServletResponse response) throws IOException {
        FhirErrors.Issue issue = new FhirErrors.Issue(
                IssueType.TOOCOSTLY,
                TOO_LARGE,
                "the request body is larger than " + maxBytes + " bytes",
                List.of(),
                "http.Content-Length");
        byte[] json = fhir.newJsonParser()
                .encodeResourceToString(FhirErrors.outcome(List.of(issue)))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(413);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setHeader("Connection", "close");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The request with its body already read. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
