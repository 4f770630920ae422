package se.naravard.gateway.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Provenance;

/**
 * Who makes a change and why, for the updates whose resource does not say it (CareTeam, Goal): the
 * {@code X-Provenance} header of FHIR R4 (http.html#provenance), a Provenance in JSON whose first
 * agent's {@code who} is the Practitioner and {@code onBehalfOf} the unit, both by HSA-id, and whose
 * {@code reason.text} is the why. The security issue brings the actor from the access token; until
 * then the journal system names it here and contract-service checks that the unit may change the part.
 */
public final class RequestActor {

    public static final String HEADER = "X-Provenance";
    public static final String MISSING_ACTOR = "GATEWAY-043";

    /** HSA-ids of the person and the unit, and the reason (may be null). */
    public record Actor(String person, String unit, String reason) {}

    private RequestActor() {}

    public static Actor from(RequestDetails request) {
        String header = request.getHeader(HEADER);
        if (header == null || header.isBlank()) {
            throw refused("send X-Provenance: a Provenance whose agent names the Practitioner (who) and the unit"
                    + " (onBehalfOf) by HSA-id");
        }
        Provenance provenance;
        try {
            provenance = request.getFhirContext().newJsonParser().parseResource(Provenance.class, header);
        } catch (DataFormatException | ClassCastException e) {
            throw refused("X-Provenance is not a Provenance in JSON: " + e.getMessage());
        }
        if (!provenance.hasAgent()) {
            throw refused("X-Provenance has no agent");
        }
        Provenance.ProvenanceAgentComponent agent = provenance.getAgentFirstRep();
        String person = References.hsaId(agent.getWho());
        String unit = References.hsaId(agent.getOnBehalfOf());
        if (person == null || unit == null) {
            throw refused("X-Provenance.agent needs who (Practitioner) and onBehalfOf (Organization) with HSA-id"
                    + " identifiers");
        }
        String reason = provenance.hasReason() ? provenance.getReasonFirstRep().getText() : null;
        return new Actor(person, unit, reason);
    }

    private static RuntimeException refused(String why) {
        return FhirErrors.withStatus(
                400, new FhirErrors.Issue(IssueType.REQUIRED, MISSING_ACTOR, why, List.of(), "http." + HEADER));
    }
}
