package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import se.naravard.gateway.careplan.CarePlanProvider;
import se.naravard.gateway.careteam.CareTeamProvider;
import se.naravard.gateway.communication.CommunicationProvider;
import se.naravard.gateway.communication.CommunicationWrites;
import se.naravard.gateway.contract.ContractClient;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.encounter.EncounterProvider;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.goal.GoalProvider;
import se.naravard.gateway.patient.PatientProvider;
import se.naravard.gateway.task.TaskProvider;
import se.naravard.gateway.transaction.TransactionProvider;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionClient;
import se.naravard.gateway.validation.FhirValidation;
import se.naravard.platform.events.PatientKeys;

/** Wires the framework-free pieces (client, mappers, HAPI providers) into the Micronaut context. */
@Factory
public class GatewayFactory {

    @Singleton
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Singleton
    FhirValidation fhirValidation(FhirContext fhir) {
        return new FhirValidation(fhir);
    }

    @Singleton
    ContractClient contractClient(GatewaySettings settings) {
        return new ContractClient(settings.contractService(), settings.connectTimeout(), settings.requestTimeout());
    }

    @Singleton
    TransitionClient transitionClient(GatewaySettings settings) {
        return new TransitionClient(
                settings.transitionService(), settings.transitionConnectTimeout(), settings.transitionRequestTimeout());
    }

    @Singleton
    PatientResolver patientResolver(PatientKeys keys) {
        return new PatientResolver(keys);
    }

    @Singleton
    GatewayRestfulServer restfulServer(
            FhirContext fhir, ContractClient client, TransitionClient transition, PatientResolver patients) {
        ContractReads contracts = new ContractReads(client, patients);
        EpisodeReads episodes = new EpisodeReads(transition, patients);
        ContractWrites writes = new ContractWrites(client);
        return new GatewayRestfulServer(
                fhir,
                java.util.List.of(
                        new CarePlanProvider(contracts, writes, patients),
                        new CareTeamProvider(contracts, patients),
                        new GoalProvider(contracts, patients),
                        new PatientProvider(contracts, episodes, patients),
                        new EncounterProvider(episodes, patients),
                        new CommunicationProvider(
                                episodes, patients, new CommunicationWrites(transition, episodes, patients)),
                        new TaskProvider(episodes, patients)),
                new TransactionProvider(contracts, writes, patients));
    }
}
