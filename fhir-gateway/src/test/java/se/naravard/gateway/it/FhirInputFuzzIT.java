package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.infra.InternalApiFuzzer;

/**
 * Fuzzes the FHIR input paths of the gateway with Jazzer (docs/fuzzing.md), over real HTTP against a
 * gateway in this JVM (Jazzer instruments it: coverage guides the inputs) reading the real services:
 * JSON and XML bodies that create or update CarePlan, CareTeam and Goal, transaction Bundles,
 * Communications, a Task update and Consents, and the searches of CarePlan, Patient, Encounter, Task
 * and the other types, with reads by id and version. Whatever is sent: never a 5xx, never an error
 * logged by a request thread, and every 4xx an OperationOutcome whose issue has a diagnostics message.
 *
 * <p>A body is either the fuzzer's own bytes or a valid request (read from the running stack) with
 * some of its values replaced, removed or changed in type, so that the inputs get past the parser into
 * the mappers and the services. Runs in its own Failsafe execution (its own PostgreSQL, Kafka and
 * services: its writes reach no other IT), fuzzing for {@code maxDuration}.
 */
class FhirInputFuzzIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = TestTokens.journalSystem();
    private static final Pattern XML_VALUE = Pattern.compile(" value=\"[^\"]*\"");
    private static final List<String> SEARCHED =
            List.of("CarePlan", "Patient", "Encounter", "Task", "CareTeam", "Goal", "Communication", "Consent");
    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "CarePlan",
            List.of("patient", "subject", "status", "category", "date", "_lastUpdated", "_id", "_include"),
            "Patient",
            List.of("identifier", "_id"),
            "Encounter",
            List.of("patient", "subject", "status", "date", "_lastUpdated", "_id", "_revinclude"),
            "Task",
            List.of("patient", "subject", "encounter", "status"));
    private static final List<String> COMMON =
            List.of("_count", "_format", "_summary", "_elements", "_getpagesoffset", "patient:identifier");
    private static final List<String> MODIFIERS = List.of("", "", ":identifier", ":missing", ":exact", ".identifier");
    private static final List<ILoggingEvent> ERRORS = new CopyOnWriteArrayList<>();

    static {
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                boolean requestThread = event.getThreadName().startsWith("fhir");
                boolean error = event.getLevel().isGreaterOrEqual(Level.ERROR);
                boolean unhandled =
                        event.getThrowableProxy() != null && event.getLevel().isGreaterOrEqual(Level.WARN);
                if (requestThread && (error || unhandled)) {
                    ERRORS.add(event);
                }
            }
        };
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    }

    /** A valid write, as JSON and XML, with the headers it needs. */
    private record Write(String method, String path, String json, String xml, List<String> headers) {}

    private static final class Writes {
        static final List<Write> ALL = build();

        private static List<Write> build() {
            List<Write> writes = new ArrayList<>();
            String pnr = "19810107-9294";
            String provenance = ContractWritesIT.PROVENANCE;
            writes.add(write("POST", "/CarePlan", ContractWritesIT.plan(pnr), List.of()));
            writes.add(write("POST", "", ContractWritesIT.bundle(pnr, null), List.of()));
            String contract = STACK.contracts.ids.get("active");
            writes.add(update("CarePlan/" + contract, List.of()));
            writes.add(update("CareTeam/" + contract, List.of("X-Provenance", provenance)));
            writes.add(update("Goal/" + contract + "-2", List.of("X-Provenance", provenance)));
            String episode = STACK.episodes.ids.get("utskrivningsklar");
            writes.add(write(
                    "POST",
                    "/Communication",
                    CommunicationWriteIT.message("planeringsunderlag", episode, Instant.now()),
                    List.of()));
            writes.add(write(
                    "POST",
                    "/Communication",
                    CommunicationWriteIT.admission(
                            Instant.now().minus(Duration.ofHours(1)),
                            UUID.randomUUID().toString(),
                            CommunicationWriteIT.PATIENT),
                    List.of()));
            Bundle tasks = read("/Task?encounter=" + episode, Bundle.class);
            if (!tasks.getEntry().isEmpty()) {
                Resource task = tasks.getEntryFirstRep().getResource();
                writes.add(update("Task/" + task.getIdElement().getIdPart(), List.of("X-Provenance", provenance)));
            }
            String patient = STACK.gateway
                    .context()
                    .getBean(PatientResolver.class)
                    .keyOf(TestContracts.PNR_SYSTEM, "197408232390");
            String consent =
                    """
                    {"resourceType":"Consent","status":"active",
                     "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                     "category":[{"coding":[{"system":"https://naravard.se/fhir/CodeSystem/consent-category","code":"sparr"}]}],
                     "patient":{"reference":"Patient/%s"},
                     "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTOUT"}]},
                     "organization":[{"identifier":{"system":"http://electronichealth.se/identifier/hsaid","value":"SE2321000057"}}],
                     "provision":{"type":"deny"}}"""
                            .formatted(patient);
            writes.add(write("POST", "/Consent", FHIR.newJsonParser().parseResource(consent), List.of()));
            return List.copyOf(writes);
        }

        private static Write write(String method, String path, IBaseResource resource, List<String> headers) {
            return new Write(
                    method,
                    path,
                    FHIR.newJsonParser().encodeResourceToString(resource),
                    FHIR.newXmlParser().encodeResourceToString(resource),
                    headers);
        }

        private static Write update(String path, List<String> headers) {
            Resource current = read("/" + path, Resource.class);
            List<String> all = new ArrayList<>(headers);
            all.add("If-Match");
            all.add("W/\"" + current.getMeta().getVersionId() + "\"");
            return write("PUT", "/" + path, current, all);
        }

        private static <T extends IBaseResource> T read(String path, Class<T> type) {
            HttpResponse<String> r = send("GET", path, null, null, List.of());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return type.cast(FHIR.newJsonParser().parseResource(r.body()));
        }
    }

    @FuzzTest(maxDuration = "40s")
    void fhirInputs(FuzzedDataProvider data) throws IOException {
        // Jazzer's SSRF detector reports every connection it was not told of: the gateway and its
        // services are on this machine.
        InternalApiFuzzer.allowLocalConnections();
        int kind = data.consumeInt(0, 9);
        String described;
        HttpResponse<String> answer;
        int errorsBefore = ERRORS.size();
        if (kind <= 5) {
            Write w = Writes.ALL.get(data.consumeInt(0, Writes.ALL.size() - 1));
            boolean xml = data.consumeBoolean();
            List<String> headers = headers(data, w);
            int mode = data.consumeInt(0, 3);
            String body;
            if (mode == 0) {
                body = data.consumeString(4000);
            } else if (xml) {
                body = mutateXml(w.xml(), data, mode);
            } else {
                body = mutateJson(w.json(), data, mode);
            }
            described = w.method() + " " + w.path() + " (" + (xml ? "XML" : "JSON") + ")";
            answer = answered(
                    described,
                    () -> send(
                            w.method(),
                            w.path(),
                            body,
                            xml ? "application/fhir+xml" : "application/fhir+json",
                            headers));
        } else if (kind <= 8) {
            String path = search(data);
            described = "GET " + path;
            answer = answered(described, () -> send("GET", path, null, null, List.of()));
        } else {
            String type = SEARCHED.get(data.consumeInt(0, SEARCHED.size() - 1));
            String path = "/" + type + "/" + encode(data.consumeString(40));
            if (data.consumeBoolean()) {
                path += "/_history/" + encode(data.consumeString(12));
            }
            described = "GET " + path;
            String read = path;
            answer = answered(described, () -> send("GET", read, null, null, List.of()));
        }
        check(described, answer, errorsBefore);
    }

    private static String previous = "(none)";

    /**
     * The answer, or a failure that names the request before it too: a connection the gateway closed
     * without saying so fails the next request sent on it, not the one that caused it.
     */
    private static HttpResponse<String> answered(String described, Supplier<HttpResponse<String>> request) {
        String before = previous;
        previous = described;
        try {
            return request.get();
        } catch (java.io.UncheckedIOException e) {
            throw new AssertionError(
                    described + " got no answer (" + e.getCause().getMessage()
                            + "); the request before it on this client was " + before,
                    e);
        }
    }

    private static void check(String described, HttpResponse<String> answer, int errorsBefore) {
        assertThat(answer.statusCode())
                .as("%s answered %s: %s", described, answer.statusCode(), answer.body())
                .isLessThan(500);
        assertThat(ERRORS.subList(errorsBefore, ERRORS.size()))
                .as("%s logged an error", described)
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
        if (answer.statusCode() >= 400) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            IParser parser = type.contains("xml") ? FHIR.newXmlParser() : FHIR.newJsonParser();
            OperationOutcome outcome = parser.parseResource(OperationOutcome.class, answer.body());
            assertThat(outcome.getIssue())
                    .as("%s: %s", described, answer.body())
                    .isNotEmpty();
            assertThat(outcome.getIssueFirstRep().getDiagnostics())
                    .as("%s: %s", described, answer.body())
                    .isNotBlank();
        }
    }

    private static List<String> headers(FuzzedDataProvider data, Write w) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i + 1 < w.headers().size(); i += 2) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> {} // left out
                case 1 -> {
                    headers.add(w.headers().get(i));
                    headers.add(headerValue(data.consumeString(200)));
                }
                default -> {
                    headers.add(w.headers().get(i));
                    headers.add(w.headers().get(i + 1));
                }
            }
        }
        return headers;
    }

    /** A header value HTTP can carry: visible ASCII and spaces (the client refuses the rest). */
    private static String headerValue(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().filter(c -> c >= 0x20 && c < 0x7f).forEach(c -> b.append((char) c));
        return b.toString().strip();
    }

    /** Replaces, removes or retypes up to {@code changes} values of the JSON body. */
    private static String mutateJson(String json, FuzzedDataProvider data, int changes) throws IOException {
        JsonNode root = JSON.readTree(json);
        for (int c = 0; c < changes; c++) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(data.consumeInt(0, slots.size() - 1));
            JsonNode replacement =
                    switch (data.consumeInt(0, 6)) {
                        case 0 -> null; // removed
                        case 1 -> JsonNodeFactory.instance.numberNode(data.consumeLong());
                        case 2 -> JsonNodeFactory.instance.booleanNode(data.consumeBoolean());
                        case 3 -> JsonNodeFactory.instance.objectNode();
                        case 4 -> JsonNodeFactory.instance.arrayNode();
                        case 5 -> JsonNodeFactory.instance.nullNode();
                        default -> JsonNodeFactory.instance.textNode(data.consumeString(80));
                    };
            slot.set(replacement);
        }
        return JSON.writeValueAsString(root);
    }

    /** A place in the JSON tree that holds a value. */
    private record Slot(JsonNode parent, String field, int index) {
        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                if (value == null) {
                    o.remove(field);
                } else {
                    o.set(field, value);
                }
            } else if (parent instanceof ArrayNode a) {
                if (value == null) {
                    a.remove(index);
                } else {
                    a.set(index, value);
                }
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                slots.add(new Slot(o, e.getKey(), -1));
                collect(e.getValue(), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }

    /** Replaces up to {@code changes} {@code value="…"} attributes of the XML body (or removes them). */
    private static String mutateXml(String xml, FuzzedDataProvider data, int changes) {
        String body = xml;
        for (int c = 0; c < changes; c++) {
            List<int[]> spans = new ArrayList<>();
            Matcher m = XML_VALUE.matcher(body);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                break;
            }
            int[] span = spans.get(data.consumeInt(0, spans.size() - 1));
            String value = data.consumeBoolean() ? "" : " value=\"" + escapeXml(data.consumeString(80)) + "\"";
            body = body.substring(0, span[0]) + value + body.substring(span[1]);
        }
        return body;
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@code /Type?name=value&…} with names the type supports, common ones, modified ones and the fuzzer's. */
    private static String search(FuzzedDataProvider data) {
        String type = SEARCHED.get(data.consumeInt(0, SEARCHED.size() - 1));
        List<String> known = PARAMETERS.getOrDefault(type, List.of("patient", "subject", "_id", "status"));
        StringBuilder path = new StringBuilder("/").append(type);
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            String name =
                    switch (data.consumeInt(0, 3)) {
                        case 0 -> COMMON.get(data.consumeInt(0, COMMON.size() - 1));
                        case 1 -> data.consumeString(20);
                        default -> known.get(data.consumeInt(0, known.size() - 1))
                                + MODIFIERS.get(data.consumeInt(0, MODIFIERS.size() - 1));
                    };
            path.append(i == 0 ? '?' : '&').append(encode(name)).append('=').append(encode(data.consumeString(60)));
        }
        return path.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(
            String method, String path, String body, String contentType, List<String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
