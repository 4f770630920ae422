package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What Jetty refuses itself, before FHIR processing, is still answered as an OperationOutcome
 * ({@code GATEWAY-080}), never Jetty's HTML page: found by FhirInputFuzzIT (its kept input {@code
 * crash-e5bc0a38…}).
 */
class HttpRefusalIT {

    /** How late the slow client's body comes after its headers. */
    private static final java.time.Duration SLOW_CLIENT = java.time.Duration.ofMillis(300);

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void an_ambiguous_path_and_a_path_nothing_serves_are_operation_outcomes() throws Exception {
        for (String path : new String[] {"/CarePlan/a%2Fb", "/CarePlan/%2e%2e/x", "/../nothing"}) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path))
                            .header("Authorization", "Bearer " + TestTokens.journalSystem())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(400, 499);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as(path + ": " + r.body())
                    .contains("fhir+json");
            assertThat(r.body()).as(path).contains("\"resourceType\":\"OperationOutcome\"");
        }
    }

    @Test
    void a_malformed_header_is_an_operation_outcome() throws Exception {
        URI base = URI.create(STACK.gateway.fhirBase());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nBad\u0001Name: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).containsIgnoringCase("Content-Type: application/fhir+json");
            assertThat(answer).contains("GATEWAY-080");
        }
    }

    /**
     * A write refused before its body is read (here a bad token) keeps the connection usable. The client
     * writes the body after the headers, as the JDK's HttpClient does: Jetty used to find the body unread
     * when the answer was done, close the connection without saying so, and the client's next request on
     * it got no answer at all ("HTTP/1.1 header parser received no bytes", SecurityIT and FhirInputFuzzIT
     * in CI).
     */
    @Test
    void a_refused_write_whose_body_comes_late_keeps_the_connection() throws Exception {
        URI base = URI.create(STACK.gateway.fhirBase());
        byte[] body = "{\"resourceType\":\"CarePlan\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            try {
                out.write(("PUT /fhir/CarePlan/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token\r\n"
                                + "Content-Type: application/fhir+json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                // The scenario itself, not a wait for a condition: the gateway now reads the body before it
                // answers, so there is no signal to await; the body simply comes late, as a slow client's does.
                Thread.sleep(SLOW_CLIENT.toMillis());
                out.write(body);
                out.flush();
                out.write("GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closed) {
                // the connection was closed under the client: what arrived is checked below
            }
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answers);
            } catch (IOException reset) {
                // likewise
            }
            List<String> statusLines = statusLines(answers.toString(StandardCharsets.UTF_8));
            assertThat(statusLines).containsExactly("HTTP/1.1 401 Unauthorized", "HTTP/1.1 200 OK");
        }
    }

    /**
     * A request Jetty refuses itself and then closes the connection on (a NUL in the path) says so with
     * {@code Connection: close}: otherwise a kept-alive client sends its next request on the closed
     * connection and gets no answer (FhirInputFuzzIT in CI: the request after {@code GET /CarePlan/%00…}).
     */
    @Test
    void a_refusal_that_closes_the_connection_says_so() throws Exception {
        URI base = URI.create(STACK.gateway.fhirBase());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            try {
                out.write("GET /fhir/CarePlan/%00%00 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                out.write("GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closed) {
                // checked below
            }
            try {
                socket.getInputStream().transferTo(answers);
            } catch (IOException reset) {
                // likewise
            }
            String all = answers.toString(StandardCharsets.UTF_8);
            List<String> statusLines = statusLines(all);
            assertThat(statusLines).as(all).isNotEmpty();
            assertThat(statusLines.get(0)).startsWith("HTTP/1.1 4");
            if (statusLines.size() == 1) {
                String head = all.substring(0, all.indexOf("\r\n\r\n"));
                assertThat(head)
                        .as("closed after the refusal without saying so")
                        .containsIgnoringCase("Connection: close");
            }
        }
    }

    private static List<String> statusLines(String answers) {
        Matcher m = Pattern.compile("(?m)^HTTP/1\\.1 \\d{3} [^\r\n]*").matcher(answers);
        return m.results().map(r -> r.group()).toList();
    }
}
