package se.naravard.contract.listing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import se.naravard.contract.document.Docs.PatientDoc;

/**
 * A patient's listings as the API answers them (docs/contract-api.md "Listings").
 *
 * @param patientKey the pseudonymous key of the events
 * @param version the number of changes so far (the {@code ETag})
 * @param current the listing in force today (Swedish date); absent when none
 * @param listings every listing in force at some time, oldest first (superseded ones left out)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListingsDocument(
        String patientKey, PatientDoc patient, int version, @Nullable Listing current, List<Listing> listings) {}
