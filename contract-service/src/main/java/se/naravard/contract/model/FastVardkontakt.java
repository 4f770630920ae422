package se.naravard.contract.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;

/**
 * Fast vårdkontakt: the named person who coordinates the patient's care, appointed when the patient
 * asks or when security, continuity and coordination need it (PL 6 kap.). The verksamhetschef is
 * responsible for the appointment (HSLF 2017:80 4 kap.), hence {@code appointedBy}.
 *
 * @param person the fast vårdkontakt; the profession is required, since any profession may hold it
 * @param unit the care unit the person works at
 * @param reach how the patient reaches the person
 * @param substitute who stands in during absence; may be null
 * @param appointedBy HSA-id of the verksamhetschef, or their delegate, who appointed the person
 */
public record FastVardkontakt(
        HsaId owner,
        Set<HsaId> delegates,
        Person person,
        HsaId unit,
        ContactPath reach,
        Person substitute,
        LocalDate from,
        HsaId appointedBy)
        implements Part {

    public FastVardkontakt {
        delegates = delegates == null ? Set.of() : Set.copyOf(delegates);
    }

    @Override
    public PartType type() {
        return PartType.FAST_VARDKONTAKT;
    }

    @Override
    public List<Rejection> validate() {
        var v = new Violations();
        var p = type().pointer();
        v.required(p + "/owner", owner);
        if (v.required(p + "/person", person)) {
            person.validate(v, p + "/person", true);
        }
        v.required(p + "/unit", unit);
        if (v.required(p + "/reach", reach)) {
            reach.validate(v, p + "/reach");
        }
        if (substitute != null) {
            substitute.validate(v, p + "/substitute", false);
        }
        v.required(p + "/from", from);
        v.required(p + "/appointedBy", appointedBy);
        return v.toList();
    }
}
