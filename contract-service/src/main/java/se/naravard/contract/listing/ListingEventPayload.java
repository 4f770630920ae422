package se.naravard.contract.listing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The payload of {@code se.naravard.contract.listing-changed.v1} (docs/events.md): the listing the
 * change concerns (the new one, or the one ended) and the patient's whole listing history after it, so
 * that a consumer keeping only the newest version per patient key is right whatever the order of
 * arrival. No personnummer: the patient is the envelope's key.
 *
 * @param change {@code listed} (a new listing, the earlier one ended or superseded) or {@code ended}
 * @param at when the change was recorded (RFC 3339)
 * @param listings every listing in force at some time, oldest first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListingEventPayload(
        String event,
        String change,
        String at,
        String patientKey,
        int version,
        String unit,
        String kommun,
        String county,
        String from,
        @Nullable String to,
        List<String> targetGroups,
        List<Listing> listings) {}
