package se.naravard.gateway.it;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

/**
 * One real contract-service and one real transition-service (child JVMs) with the test contracts and
 * episodes, and one gateway in this JVM reading them, shared by the ITs of this JVM (starting them costs seconds). Stopped by shutdown hooks.
 */
final class GatewayStack {

    private static GatewayStack instance;

    final ServiceModuleProcess contractService;
    final ServiceModuleProcess transitionService;
    final GatewayInstance gateway;
    final TestContracts contracts;
    final TestEpisodes episodes;

    private GatewayStack() {
        contractService = ServiceModuleProcess.contractService();
        transitionService = ServiceModuleProcess.transitionService();
        contracts = TestContracts.create(contractService);
        episodes = TestEpisodes.create(transitionService);
        gateway = GatewayInstance.start(contractService.baseUri(), transitionService.baseUri());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            contractService.close();
            transitionService.close();
        }));
    }

    static synchronized GatewayStack get() {
        if (instance == null) {
            instance = new GatewayStack();
        }
        return instance;
    }

    /** HAPI's generic client, as a journal system uses it. */
    static IGenericClient client(String fhirBase) {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(20_000);
        return fhir.newRestfulGenericClient(fhirBase);
    }

    IGenericClient client() {
        return client(gateway.fhirBase());
    }
}
