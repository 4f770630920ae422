package se.naravard.contract.model;

import se.naravard.platform.identity.HsaId;

/**
 * One of the patient's contacts in care or omsorg, with how to reach it. {@code unit} is null for
 * organisations outside the HSA catalogue (e.g. a private home-care company or Försäkringskassan).
 */
public record CareContact(String name, HsaId unit, String role, ContactPath path) {

    void validate(Violations v, String pointer) {
        v.requiredText(pointer + "/name", name);
        v.optionalText(pointer + "/role", role);
        if (v.required(pointer + "/path", path)) {
            path.validate(v, pointer + "/path");
        }
    }
}
