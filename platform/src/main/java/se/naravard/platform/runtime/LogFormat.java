package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.util.Set;

/**
 * Checks {@code naravard.log-format} ({@code LOG_FORMAT}) at start-up. The services' logback.xml includes the
 * platform's appender file of that name ({@code plain} or {@code json}) before the application starts; any other value
 * would leave the service logging nothing, so it does not start instead (docs/operations.md
 * "Observability").
 */
@Context
public class LogFormat {

    static final Set<String> KNOWN = Set.of("plain", "json");

    public LogFormat(@Value("${naravard.log-format:plain}") String format) {
        if (!KNOWN.contains(format)) {
            throw new IllegalStateException("LOG_FORMAT must be plain or json, not " + format);
        }
    }
}
