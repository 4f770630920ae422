package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import se.naravard.gateway.validation.FhirValidation;

/**
 * HAPI's plain RestfulServer with the gateway's providers. HAPI does the protocol: content
 * negotiation and {@code _format}, Bundles, paging ({@code _count}, {@code _getpages}), {@code
 * _include} of the references a provider fills in, OperationOutcomes from exceptions, and the
 * CapabilityStatement generated from the providers' annotations (so it lists exactly what exists).
 */
public final class GatewayRestfulServer extends RestfulServer {

    private static final long serialVersionUID = 1L;

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    public GatewayRestfulServer(
            FhirContext fhir,
            List<IResourceProvider> providers,
            List<Object> systemProviders,
            FhirValidation validation,
            boolean validateRequests,
            List<Object> security) {
        super(fhir);
        setResourceProviders(providers);
        systemProviders.forEach(this::registerProvider);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
        paging.setDefaultPageSize(DEFAULT_PAGE);
        paging.setMaximumPageSize(MAX_PAGE);
        setPagingProvider(paging);
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);
        setServerName("Nära vård FHIR gateway");
        setImplementationDescription("Patient contracts (patientkontrakt) as CarePlan, CareTeam and Goal;"
                + " inpatient episodes (LUS) as Encounter, Communication and Task; joint follow-up indicators as"
                + " Measure and MeasureReport, with a Bulk Data $export for analysts");
        // First: nothing else looks at a request whose token, scope or access is refused.
        security.forEach(this::registerInterceptor);
        registerInterceptor(new SearchParameterGuard(fhir));
        if (validateRequests) {
            registerInterceptor(new IncomingValidation(validation));
        }
    }
}
