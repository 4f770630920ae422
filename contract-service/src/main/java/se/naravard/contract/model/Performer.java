package se.naravard.contract.model;

import se.naravard.platform.identity.HsaId;

/**
 * Who carries out a next step: a unit, optionally a named person in it. Performers outside the HSA
 * catalogue (the patient, a närstående, Försäkringskassan) have no HSA-ids and are given by name.
 *
 * @param person HSA-id of the person; may be null
 * @param unit HSA-id of the responsible unit; may be null for performers outside health care
 */
public record Performer(HsaId person, HsaId unit, String name) {

    void validate(Violations v, String pointer) {
        if (unit == null && (name == null || name.isBlank())) {
            v.add(ContractRejections.PERFORMER_EMPTY.at(pointer, "a performer needs a unit or a name"));
        }
        v.optionalText(pointer + "/name", name);
    }
}
