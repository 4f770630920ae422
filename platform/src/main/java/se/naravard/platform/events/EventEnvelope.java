package se.naravard.platform.events;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels: the CloudEvents 1.0 context attributes plus our three extensions, and the
 * JSON payload. The payload is the aggregate's full state after the change plus what changed
 * (event-carried state transfer), so a consumer never has to call back.
 *
 * <ul>
 *   <li>{@code id}: the idempotency key; consumers store it to ignore duplicates.
 *   <li>{@code source}: the producing service, e.g. {@code /naravard/contract-service}.
 *   <li>{@code type}: {@code se.naravard.<service>.<name>.v<N>}; see {@link EventType}.
 *   <li>{@code subject}: the aggregate id.
 *   <li>{@code patientKey}: the pseudonymous patient key ({@link PatientKeys}); also the Kafka record
 *       key, so one patient's events stay in order on one partition.
 *   <li>{@code kommun}: the municipality code of the patient's residence, for routing and filtering
 *       (may be null when unknown).
 *   <li>{@code aggregateVersion}: the aggregate's version after the change; consumers use it to
 *       discard stale state.
 * </ul>
 */
public record EventEnvelope(
        UUID id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String patientKey,
        String kommun,
        long aggregateVersion,
        byte[] data) {

    public static final String DATA_CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(data, "data");
        if (!EventType.isValid(type)) {
            throw new IllegalArgumentException("event type must look like se.naravard.<service>.<name>.v<N>: " + type);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventEnvelope e
                && id.equals(e.id)
                && source.equals(e.source)
                && type.equals(e.type)
                && subject.equals(e.subject)
                && time.isEqual(e.time)
                && patientKey.equals(e.patientKey)
                && Objects.equals(kommun, e.kommun)
                && aggregateVersion == e.aggregateVersion
                && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "EventEnvelope[id=" + id + ", type=" + type + ", subject=" + subject + ", version=" + aggregateVersion
                + ", bytes=" + data.length + "]";
    }
}
