package se.naravard.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Envelopes for tests: valid by default. */
public final class TestEvents {

    private TestEvents() {}

    public static EventEnvelope anEvent(String patientKey, long version) {
        String json = "{\"version\":" + version + "}";
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/test",
                "se.naravard.test.thing-happened.v1",
                "aggregate-" + patientKey,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0),
                patientKey,
                "0680",
                version,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
