package se.naravard.gateway.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * {@code If-Match} on updates (HAPI hands its version to the provider as the id's version part):
 * required (428), and it must be the current version (412), checked again by the service inside its
 * transaction.
 */
public final class IfMatch {

    public static final String REQUIRED = "GATEWAY-042";
    public static final String STALE = "CONTRACT-030";

    private IfMatch() {}

    /** The version {@code ifMatch} names; 428 when absent, 412 when it is not a number. */
    public static int version(String ifMatch, String type) {
        if (ifMatch == null) {
            throw FhirErrors.withStatus(
                    428,
                    new FhirErrors.Issue(
                            IssueType.REQUIRED,
                            REQUIRED,
                            "send If-Match with the versionId the change is based on",
                            List.of(),
                            "http.If-Match"));
        }
        try {
            return Integer.parseInt(ifMatch);
        } catch (NumberFormatException e) {
            throw stale("If-Match is not a version of this " + type);
        }
    }

    /** 412 unless {@code version} is {@code current}. */
    public static void requireCurrent(int version, int current) {
        if (version != current) {
            throw stale("If-Match is not the current version (" + current + ")");
        }
    }

    private static RuntimeException stale(String why) {
        return FhirErrors.withStatus(
                412, new FhirErrors.Issue(IssueType.CONFLICT, STALE, why, List.of(), "http.If-Match"));
    }
}
