package se.naravard.gateway.block;

import java.time.Instant;
import java.util.UUID;

/**
 * One spärr: what {@code provider} (or only its {@code unit}) holds about the patient is not shown to
 * any other care provider (or unit), whatever their relation, until the holder lifts it (PDL 4 kap. 4 §
 * within a care provider, SVOD (2022:913) towards others; DOMAIN.md §7).
 *
 * @param provider the care provider whose records are blocked: the organisation part of an HSA-id
 * @param unit null: all of the provider's records; else only this unit's, from the provider's other
 *     units too (inre spärr)
 * @param liftedAt null while in force
 */
public record CareBlock(
        UUID id,
        String patientKey,
        String provider,
        String unit,
        Instant registeredAt,
        String registeredBy,
        String registeredByUnit,
        Instant liftedAt,
        String liftedBy,
        String liftedByUnit) {

    /** The FHIR id of its Consent: {@code sparr-<uuid>}. */
    public static final String ID_PREFIX = "sparr-";

    public boolean inForce() {
        return liftedAt == null;
    }

    /** 1 as registered, 2 once lifted (the only change a block ever has). */
    public int version() {
        return inForce() ? 1 : 2;
    }

    public String fhirId() {
        return ID_PREFIX + id;
    }

    /** The block's id in a FHIR id {@code sparr-<uuid>}, or null if it is no block's id. */
    public static UUID idOf(String fhirId) {
        if (fhirId == null || !fhirId.startsWith(ID_PREFIX) || fhirId.length() != ID_PREFIX.length() + 36) {
            return null;
        }
        try {
            return UUID.fromString(fhirId.substring(ID_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** This block as it was in {@code version} (1: before it was lifted). */
    public CareBlock asOfVersion(int version) {
        return version == 1 && !inForce()
                ? new CareBlock(
                        id, patientKey, provider, unit, registeredAt, registeredBy, registeredByUnit, null, null, null)
                : this;
    }
}
