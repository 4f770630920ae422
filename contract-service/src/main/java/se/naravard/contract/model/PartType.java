package se.naravard.contract.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four parts of a patientkontrakt (DOMAIN.md §2). The slug names the part in URLs and in the
 * JSON pointers of rejections ({@code /parts/nasta-steg/steps/0/what}).
 */
public enum PartType {
    /** Sammanhållen planering: one coherent plan across all the patient's care and omsorg contacts. */
    PLANNING("sammanhallen-planering"),
    /** Fast vårdkontakt: the named person who coordinates the patient's care (PL 6 kap.). */
    FAST_VARDKONTAKT("fast-vardkontakt"),
    /** Fast läkarkontakt: the named physician in primary care chosen by the patient (HSL 7 kap. 3 §). */
    FAST_LAKARKONTAKT("fast-lakarkontakt"),
    /** Nästa steg: the next agreed actions and who owns them. */
    NEXT_STEPS("nasta-steg");

    private final String slug;

    PartType(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    /** JSON pointer of this part inside the contract document. */
    public String pointer() {
        return "/parts/" + slug;
    }

    public static Optional<PartType> fromSlug(String slug) {
        return Arrays.stream(values()).filter(t -> t.slug.equals(slug)).findFirst();
    }
}
