package se.naravard.contract.listing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The target groups (målgrupper) a listing may flag, a small closed code set of this service
 * (docs/contract-api.md "Listings"): the denominators of the target-group indicators of DOMAIN.md §8.
 * The region's listing system sets them from its own risk tools; a code not listed here is refused.
 */
public enum TargetGroup {
    /** Sköra äldre: frail elderly, e.g. flagged by a risk tool. */
    FRAIL_ELDERLY("frail-elderly"),
    /** Multisjuka: several chronic conditions needing coordinated care. */
    MULTIMORBIDITY("multimorbidity"),
    /** Mest vårdkrävande: frequent attenders of emergency and inpatient care. */
    FREQUENT_ATTENDER("frequent-attender");

    private final String code;

    TargetGroup(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<TargetGroup> fromCode(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst();
    }

    /** Every code, for error messages. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(TargetGroup::code).toList();
    }
}
