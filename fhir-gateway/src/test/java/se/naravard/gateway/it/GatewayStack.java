package se.naravard.gateway.it;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;

/**
 * One real contract-service, transition-service and sip-service (child JVMs) with the test contracts,
 * episodes and SIPs, and one gateway in this JVM reading them (with its read cache, fed from Kafka), shared by the ITs of this JVM (starting them costs seconds). Stopped by shutdown hooks.
 */
final class GatewayStack {

    private static GatewayStack instance;

    final ServiceModuleProcess contractService;
    final ServiceModuleProcess transitionService;
    final ServiceModuleProcess sipService;
    final GatewayInstance gateway;
    final TestContracts contracts;
    final TestEpisodes episodes;
    final TestSips sips;

    private GatewayStack() {
        LogWatch.install(); // before anything logs: the services' lines come through System.out too
        contractService = ServiceModuleProcess.contractService();
        transitionService = ServiceModuleProcess.transitionService();
        sipService = ServiceModuleProcess.sipService();
        contracts = TestContracts.create(contractService);
        episodes = TestEpisodes.create(transitionService);
        sips = TestSips.create(sipService);
        gateway = GatewayInstance.startCached(
                contractService.baseUri(), transitionService.baseUri(), sipService.baseUri());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            // At JVM exit the shared PostgreSQL and Kafka stop in their own hooks at the same time, and a
            // service whose broker is gone takes long to close its clients: stop the three at once, briefly.
            java.util.List.of(contractService, transitionService, sipService).parallelStream()
                    .forEach(s -> s.close(java.time.Duration.ofSeconds(2)));
        }));
    }

    static synchronized GatewayStack get() {
        if (instance == null) {
            instance = new GatewayStack();
        }
        return instance;
    }

    /** HAPI's generic client, as a journal system uses it, with a journal system's token (every scope). */
    static IGenericClient client(String fhirBase) {
        return client(fhirBase, TestTokens.journalSystem());
    }

    /** HAPI's generic client with this bearer token. */
    static IGenericClient client(String fhirBase, String token) {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(20_000);
        IGenericClient client = fhir.newRestfulGenericClient(fhirBase);
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    IGenericClient client() {
        return client(gateway.fhirBase());
    }
}
