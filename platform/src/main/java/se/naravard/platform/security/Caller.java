package se.naravard.platform.security;

import java.util.List;

/**
 * Who calls, from a verified token: the claims the access rules need (ARCHITECTURE.md "Security and
 * privacy"). Staff and systems carry HSA-ids; a citizen carries their personnummer (or
 * samordningsnummer), never shown in logs ({@link #toString} leaves it out).
 *
 * @param subject the token's {@code sub}
 * @param kind citizen, staff, system or analyst
 * @param hsaId the acting person's or system's HSA-id ({@code hsa_id}); null for a citizen
 * @param careUnit the care unit acted for ({@code care_unit}, an HSA-id); may be null
 * @param organisationType region, kommun or private provider ({@code org_type}); null for a citizen
 * @param kommun the municipality code a kommun's staff and systems act for ({@code kommun})
 * @param purposeOfUse why ({@code purpose_of_use}, e.g. {@code TREAT}, {@code ETREAT}); may be null
 * @param personnummer the citizen's own identifier ({@code personnummer}); null for everyone else
 * @param scopes the SMART scopes granted
 */
public record Caller(
        String subject,
        Kind kind,
        String hsaId,
        String careUnit,
        OrganisationType organisationType,
        String kommun,
        String purposeOfUse,
        String personnummer,
        Scopes scopes) {

    /** The kinds of caller the access rules tell apart. */
    public enum Kind {
        CITIZEN,
        STAFF,
        SYSTEM,
        ANALYST
    }

    /** {@code org_type}. */
    public enum OrganisationType {
        REGION,
        KOMMUN,
        PRIVATE;

        static OrganisationType parse(String claim) {
            if (claim == null) {
                return null;
            }
            return switch (claim) {
                case "region" -> REGION;
                case "kommun" -> KOMMUN;
                case "private" -> PRIVATE;
                default -> throw new TokenException(
                        TokenException.Reason.BAD_CLAIM, "org_type must be region, kommun or private");
            };
        }
    }

    /** The claims a token of each kind must carry. */
    static List<String> requiredClaims(Kind kind) {
        return switch (kind) {
            case CITIZEN -> List.of("personnummer");
            case STAFF, ANALYST -> List.of("hsa_id", "care_unit", "org_type");
            case SYSTEM -> List.of("hsa_id", "org_type");
        };
    }

    @Override
    public String toString() {
        return "Caller[" + kind + " " + (hsaId == null ? subject : hsaId) + (careUnit == null ? "" : " at " + careUnit)
                + (kommun == null ? "" : " kommun " + kommun) + "]";
    }
}
