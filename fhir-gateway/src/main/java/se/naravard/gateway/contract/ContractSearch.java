package se.naravard.gateway.contract;

import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * The contracts a search means: those of one patient ({@code patient}/{@code subject}), one contract
 * ({@code _id}), or both. A search must name one of them: listing every contract of the region is
 * not what a journal system needs, and contract-service pages are per query.
 */
public final class ContractSearch {

    private ContractSearch() {}

    public static List<Contract> find(ContractReads contracts, String patientKey, TokenParam id, String type) {
        if (id != null && id.getValue() != null && !id.getValue().isEmpty()) {
            String contractId = type.equals("Goal") ? stripGoalNumber(id.getValue()) : id.getValue();
            Contract c;
            try {
                c = contracts.current(type, contractId);
            } catch (ResourceNotFoundException e) {
                return List.of();
            }
            return patientKey == null || patientKey.equals(contracts.patientKey(c)) ? List.of(c) : List.of();
        }
        if (patientKey == null) {
            throw FhirErrors.badParameter(
                    "patient",
                    type + ".subject",
                    FhirErrors.SEARCH_NEEDS_PATIENT,
                    "search " + type + " by patient, subject or _id");
        }
        return contracts.forPatient(patientKey);
    }

    static String stripGoalNumber(String goalId) {
        int dash = goalId.lastIndexOf('-');
        return dash == 36 ? goalId.substring(0, dash) : goalId;
    }
}
