package se.naravard.contract.model;

import se.naravard.platform.identity.HsaId;

/** A named member of staff with their HSA-id and profession (e.g. "sjuksköterska", "läkare"). */
public record Person(HsaId hsaId, String name, String profession) {

    void validate(Violations v, String pointer, boolean professionRequired) {
        v.required(pointer + "/hsaId", hsaId);
        v.requiredText(pointer + "/name", name);
        if (professionRequired) {
            v.requiredText(pointer + "/profession", profession);
        } else {
            v.optionalText(pointer + "/profession", profession);
        }
    }
}
