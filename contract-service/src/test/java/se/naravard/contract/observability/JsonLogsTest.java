package se.naravard.contract.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.micronaut.serde.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.naravard.platform.observability.TraceScope;

/**
 * The service's own logback.xml with {@code LOG_FORMAT=json} writes one JSON object a line with the
 * trace and span ids of the current trace; with the default it writes plain text
 * (docs/operations.md "Observability").
 */
class JsonLogsTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    @Test
    void json_format_writes_a_json_object_a_line_with_the_trace_id() throws Exception {
        String out = logOneLine("json");

        String json =
                out.lines().filter(l -> l.contains("an event")).findFirst().orElseThrow();
        Map<?, ?> line = ObjectMapper.getDefault().readValue(json, Map.class);
        assertThat(line.get("level")).isEqualTo("INFO");
        assertThat(line.get("formattedMessage")).isEqualTo("an event 42");
        Map<?, ?> mdc = (Map<?, ?>) line.get("mdc");
        assertThat(mdc.get("trace_id")).isEqualTo(TRACE);
        assertThat(mdc.get("span_id")).isEqualTo(SPAN);
    }

    @Test
    void plain_format_is_the_default() throws Exception {
        String out = logOneLine(null);

        assertThat(out).contains("- an event 42").doesNotContain("{\"");
    }

    private static String logOneLine(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        // The MDC the application writes to (TraceScope puts the ids there).
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        if (format != null) {
            context.putProperty("LOG_FORMAT", format);
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator config = new JoranConfigurator();
            config.setContext(context);
            config.doConfigure(JsonLogsTest.class.getClassLoader().getResource("logback.xml"));
            Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
            try (TraceScope ignored = TraceScope.activate(span)) {
                context.getLogger("se.naravard.contract").info("an event {}", 42);
            }
        } finally {
            context.stop();
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
