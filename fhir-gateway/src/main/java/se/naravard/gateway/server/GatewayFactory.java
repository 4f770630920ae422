package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import se.naravard.gateway.appointment.AppointmentProvider;
import se.naravard.gateway.cache.EventFeed;
import se.naravard.gateway.careplan.CarePlanProvider;
import se.naravard.gateway.careteam.CareTeamProvider;
import se.naravard.gateway.communication.CommunicationMapper;
import se.naravard.gateway.communication.CommunicationProvider;
import se.naravard.gateway.communication.CommunicationWrites;
import se.naravard.gateway.consent.ConsentProvider;
import se.naravard.gateway.contract.ContractClient;
import se.naravard.gateway.contract.ContractCreation;
import se.naravard.gateway.contract.ContractReads;
import se.naravard.gateway.contract.ContractWrites;
import se.naravard.gateway.encounter.EncounterProvider;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.goal.GoalProvider;
import se.naravard.gateway.patient.PatientProvider;
import se.naravard.gateway.sip.SipClient;
import se.naravard.gateway.sip.SipReads;
import se.naravard.gateway.sip.SipResources;
import se.naravard.gateway.task.TaskMapper;
import se.naravard.gateway.task.TaskProvider;
import se.naravard.gateway.transaction.TransactionProvider;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionClient;
import se.naravard.gateway.validation.FhirValidation;
import se.naravard.platform.events.PatientKeys;

/** Wires the framework-free pieces (client, mappers, HAPI providers) into the Micronaut context. */
@Factory
public class GatewayFactory {

    /**
     * The gateway's own context (not the JVM-wide cached one, whose options clients in the same JVM
     * share). Every resource it serves has an id, includes too, so the encoder need not walk each
     * resource looking for id-less reference targets to contain: ~20 % of the CPU of encoding a
     * CarePlan and its CareTeam (docs/benchmarks.md).
     */
    @Singleton
    FhirContext fhirContext() {
        FhirContext fhir = FhirContext.forR4();
        fhir.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return fhir;
    }

    @Singleton
    FhirValidation fhirValidation(FhirContext fhir) {
        return new FhirValidation(fhir);
    }

    /** The read caches of contracts and SIPs, fed from their topics (off without brokers). */
    @Singleton
    @Bean(preDestroy = "close")
    ReadCaches readCaches(GatewaySettings settings, PatientResolver patients) {
        return ReadCaches.start(
                new EventFeed(settings.cacheBootstrapServers(), settings.cacheCheckInterval()),
                patients,
                settings.cacheLimits());
    }

    @Singleton
    ContractClient contractClient(GatewaySettings settings, ReadCaches caches) {
        return new ContractClient(
                settings.contractService(), settings.connectTimeout(), settings.requestTimeout(), caches.contracts());
    }

    @Singleton
    TransitionClient transitionClient(GatewaySettings settings) {
        return new TransitionClient(
                settings.transitionService(), settings.transitionConnectTimeout(), settings.transitionRequestTimeout());
    }

    @Singleton
    SipClient sipClient(GatewaySettings settings, ReadCaches caches) {
        return new SipClient(
                settings.sipService(), settings.sipConnectTimeout(), settings.sipRequestTimeout(), caches.sips());
    }

    @Singleton
    PatientResolver patientResolver(PatientKeys keys) {
        return new PatientResolver(keys);
    }

    @Singleton
    GatewayRestfulServer restfulServer(
            FhirContext fhir,
            ContractClient client,
            TransitionClient transition,
            SipClient sip,
            PatientResolver patients,
            FhirValidation validation,
            GatewaySettings settings) {
        ContractReads contracts = new ContractReads(client, patients);
        EpisodeReads episodes = new EpisodeReads(transition, patients);
        SipReads sips = new SipReads(sip, patients);
        SipResources sipResources = new SipResources(sips);
        ContractWrites writes = new ContractWrites(client);
        ContractCreation creation = new ContractCreation(contracts, writes, patients);
        CarePlanProvider carePlans = new CarePlanProvider(contracts, creation, writes, patients, sipResources);
        return new GatewayRestfulServer(
                fhir,
                java.util.List.of(
                        carePlans,
                        new CareTeamProvider(contracts, writes, patients, sipResources),
                        new GoalProvider(contracts, writes, patients, sipResources),
                        new PatientProvider(contracts, episodes, sips, patients),
                        new EncounterProvider(
                                episodes, patients, CommunicationMapper::toCommunications, TaskMapper::toTasks),
                        new CommunicationProvider(
                                episodes, patients, new CommunicationWrites(transition, episodes, patients)),
                        new TaskProvider(episodes, patients, sip, settings.callInSettle()),
                        new ConsentProvider(sips, patients),
                        new AppointmentProvider(sips, patients)),
                new TransactionProvider(contracts, creation, carePlans),
                validation,
                settings.validateRequests());
    }
}
