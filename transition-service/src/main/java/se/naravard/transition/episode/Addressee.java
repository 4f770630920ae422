package se.naravard.transition.episode;

import java.util.Objects;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;

/**
 * A receiving unit of a message: a municipal unit (identified by kommunkod and HSA-id) or a
 * primary-care unit (HSA-id). {@code kommun} may be null here; {@link Episode#send} refuses a
 * municipal addressee without it, so the refusal names the field instead of throwing.
 */
public record Addressee(Kind kind, HsaId unit, Kommunkod kommun) {

    public enum Kind {
        MUNICIPAL,
        PRIMARY_CARE
    }

    public Addressee {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
    }

    public static Addressee municipal(HsaId unit, Kommunkod kommun) {
        return new Addressee(Kind.MUNICIPAL, unit, kommun);
    }

    public static Addressee primaryCare(HsaId unit) {
        return new Addressee(Kind.PRIMARY_CARE, unit, null);
    }
}
