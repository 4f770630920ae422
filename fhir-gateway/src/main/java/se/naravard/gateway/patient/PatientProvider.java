package se.naravard.gateway.patient;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import se.naravard.gateway.contract.ContractDocs;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipReads;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * Patient as the identity anchor. The gateway holds no patient register: a patient exists here when
 * contract-service has a contract for them, transition-service an inpatient episode or sip-service a
 * SIP (found by the pseudonymous key, never by the number; asked in that order), or contract-service a
 * listing, so every subject the gateway serves can be read. {@code generalPractitioner} is the unit the
 * patient is listed with today (Swedish date), asked of contract-service on every read.
 */
public final class PatientProvider implements IResourceProvider {

    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private final ContractReads contracts;
    private final EpisodeReads episodes;
    private final SipReads sips;
    private final PatientResolver patients;

    public PatientProvider(ContractReads contracts, EpisodeReads episodes, SipReads sips, PatientResolver patients) {
        this.contracts = contracts;
        this.episodes = episodes;
        this.sips = sips;
        this.patients = patients;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return find(id.getIdPart()).orElseThrow(() -> FhirErrors.notFound("Patient", id.getIdPart(), null));
    }

    @Search
    public IBundleProvider search(
            RequestDetails request,
            @OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenParam id) {
        String key = null;
        if (identifier != null) {
            PatientIdentifier pid = patients.identifier(
                    identifier.getSystem(), identifier.getValue(), "identifier", "Patient.identifier");
            key = patients.keyFor(pid);
        }
        if (id != null) {
            if (key != null && !key.equals(id.getValue())) {
                return SearchResults.of(request, List.of());
            }
            key = id.getValue();
        }
        if (key == null) {
            throw FhirErrors.badParameter(
                    "identifier",
                    "Patient.identifier",
                    FhirErrors.SEARCH_NEEDS_PATIENT,
                    "search Patient by identifier (system|value) or _id");
        }
        return SearchResults.of(request, find(key).map(List::of).orElse(List.of()));
    }

    private Optional<Patient> find(String key) {
        Optional<ContractDocs.PatientListings> listed = contracts.listings(key);
        String number = null;
        List<Contract> found = contracts.forPatient(key);
        if (!found.isEmpty()) {
            number = found.get(0).patient().value();
        } else {
            List<Episode> stays = episodes.forPatient(key);
            if (!stays.isEmpty()) {
                number = stays.get(0).patient().value();
            } else {
                List<Sip> plans = sips.forPatient(key);
                if (!plans.isEmpty()) {
                    number = plans.get(0).person().value();
                } else if (listed.isPresent() && listed.get().patient() != null) {
                    number = listed.get().patient().value();
                }
            }
        }
        if (number == null) {
            return Optional.empty();
        }
        String unit = listed.flatMap(l -> l.on(LocalDate.now(SWEDEN)))
                .map(ContractDocs.Listing::unit)
                .orElse(null);
        return Optional.of(PatientMapper.toPatient(key, PatientIdentifier.parse(number), unit));
    }
}
