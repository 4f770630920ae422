package se.naravard.contract.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;

/**
 * Fast läkarkontakt: the physician in primary care the patient has chosen at the vårdcentral where
 * they are listed (HSL 7 kap. 3 §, PL 6 kap.).
 *
 * @param vardcentral HSA-id of the primary-care unit where the patient is listed
 * @param booking how the patient books or reaches the physician
 */
public record FastLakarkontakt(
        HsaId owner, Set<HsaId> delegates, Person physician, HsaId vardcentral, LocalDate from, ContactPath booking)
        implements Part {

    public FastLakarkontakt {
        delegates = delegates == null ? Set.of() : Set.copyOf(delegates);
    }

    @Override
    public PartType type() {
        return PartType.FAST_LAKARKONTAKT;
    }

    @Override
    public List<Rejection> validate() {
        var v = new Violations();
        var p = type().pointer();
        v.required(p + "/owner", owner);
        if (v.required(p + "/physician", physician)) {
            physician.validate(v, p + "/physician", false);
        }
        v.required(p + "/vardcentral", vardcentral);
        v.required(p + "/from", from);
        if (v.required(p + "/booking", booking)) {
            booking.validate(v, p + "/booking");
        }
        return v.toList();
    }
}
