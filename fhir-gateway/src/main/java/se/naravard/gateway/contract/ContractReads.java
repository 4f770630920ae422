package se.naravard.gateway.contract;

import java.util.List;
import java.util.UUID;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractDocs.VersionSummary;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.VersionHistory;

/**
 * The reads every contract-derived resource needs, with FHIR's answers for what is missing: an id
 * that is no contract id, or that contract-service does not know, is a 404 of the resource asked for.
 */
public final class ContractReads {

    private final ContractClient client;
    private final PatientResolver patients;

    public ContractReads(ContractClient client, PatientResolver patients) {
        this.client = client;
        this.patients = patients;
    }

    public Contract current(String resourceType, String id) {
        requireContractId(resourceType, id, null);
        return client.get(id).orElseThrow(() -> FhirErrors.notFound(resourceType, id, null));
    }

    public Contract version(String resourceType, String id, String version, String resourceId) {
        int v = FhirErrors.versionNumber(resourceType, resourceId, version);
        requireContractId(resourceType, id, v);
        return client.version(id, v).orElseThrow(() -> FhirErrors.notFound(resourceType, resourceId, v));
    }

    /** Every version, newest first. */
    public List<Contract> history(String resourceType, String id) {
        requireContractId(resourceType, id, null);
        List<Integer> versions =
                client.versions(id).orElseThrow(() -> FhirErrors.notFound(resourceType, id, null)).versions().stream()
                        .map(VersionSummary::version)
                        .toList();
        return VersionHistory.newestFirst(versions, v -> client.version(id, v));
    }

    public List<Contract> forPatient(String patientKey) {
        if (!PatientResolver.isKey(patientKey)) {
            return List.of();
        }
        return client.byPatientKey(patientKey);
    }

    /** The patient's listings, or empty if never listed (or the key is no patient key). */
    public java.util.Optional<ContractDocs.PatientListings> listings(String patientKey) {
        if (!PatientResolver.isKey(patientKey)) {
            return java.util.Optional.empty();
        }
        return client.listings(patientKey);
    }

    public String patientKey(Contract c) {
        return patients.keyOf(c.patient().system(), c.patient().value());
    }

    private static void requireContractId(String resourceType, String id, Integer version) {
        try {
            UUID.fromString(id);
            if (id.length() == 36) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw FhirErrors.notFound(resourceType, id, version);
    }
}
