package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import se.naravard.gateway.access.AccessControl;
import se.naravard.gateway.appointment.AppointmentProvider;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.audit.AccessLogging;
import se.naravard.gateway.auditevent.AuditEventProvider;
import se.naravard.gateway.block.CareBlocks;
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
import se.naravard.gateway.followup.BulkExportProvider;
import se.naravard.gateway.followup.ExportJobs;
import se.naravard.gateway.followup.FollowUpAccess;
import se.naravard.gateway.followup.FollowUpReports;
import se.naravard.gateway.followup.MeasureProvider;
import se.naravard.gateway.followup.MeasureReportProvider;
import se.naravard.gateway.followup.PaymentLiability;
import se.naravard.gateway.goal.GoalProvider;
import se.naravard.gateway.patient.PatientProvider;
import se.naravard.gateway.security.CitizenAccess;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.gateway.sip.SipClient;
import se.naravard.gateway.sip.SipCreation;
import se.naravard.gateway.sip.SipReads;
import se.naravard.gateway.sip.SipResources;
import se.naravard.gateway.sip.SipWrites;
import se.naravard.gateway.subscription.SubscriptionAccess;
import se.naravard.gateway.subscription.SubscriptionProvider;
import se.naravard.gateway.task.TaskMapper;
import se.naravard.gateway.task.TaskProvider;
import se.naravard.gateway.transaction.TransactionProvider;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionClient;
import se.naravard.gateway.validation.FhirValidation;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.security.ServiceCredentials;
import se.naravard.platform.security.TokenVerifier;

/** Wires the framework-free pieces (client, mappers, HAPI providers) into the Micronaut context. */
@Factory
public class GatewayFactory {

    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GatewayFactory.class);

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

    /** Times and traces the FHIR API's requests (a Jetty filter and a HAPI interceptor in one). */
    @Singleton
    FhirRequestObservation fhirRequestObservation(
            io.micrometer.core.instrument.MeterRegistry registry, io.opentelemetry.api.OpenTelemetry telemetry) {
        return new FhirRequestObservation(registry, telemetry);
    }

    @Singleton
    FhirValidation fhirValidation(FhirContext fhir) {
        return new FhirValidation(fhir);
    }

    /** The read caches of contracts and SIPs, fed from their topics (off without brokers). */
    @Singleton
    @Bean(preDestroy = "close")
    ReadCaches readCaches(
            GatewaySettings settings, PatientResolver patients, io.opentelemetry.api.OpenTelemetry telemetry) {
        return ReadCaches.start(
                new EventFeed(settings.cacheBootstrapServers(), settings.cacheCheckInterval(), telemetry),
                patients,
                settings.cacheLimits());
    }

    /*
     * The clients of the services' internal APIs call with the gateway's service credentials (platform's
     * ServiceCredentials bean: the token in SERVICE_TOKEN_FILE; the gateway does not start without it).
     */

    @Singleton
    ContractClient contractClient(GatewaySettings settings, ReadCaches caches, ServiceCredentials credentials) {
        return new ContractClient(
                settings.contractService(),
                settings.connectTimeout(),
                settings.requestTimeout(),
                caches.contracts(),
                credentials);
    }

    @Singleton
    TransitionClient transitionClient(GatewaySettings settings, ReadCaches caches, ServiceCredentials credentials) {
        return new TransitionClient(
                settings.transitionService(),
                settings.transitionConnectTimeout(),
                settings.transitionRequestTimeout(),
                caches.episodes(),
                credentials);
    }

    @Singleton
    SipClient sipClient(GatewaySettings settings, ReadCaches caches, ServiceCredentials credentials) {
        return new SipClient(
                settings.sipService(),
                settings.sipConnectTimeout(),
                settings.sipRequestTimeout(),
                caches.sips(),
                credentials);
    }

    @Singleton
    PatientResolver patientResolver(PatientKeys keys) {
        return new PatientResolver(keys);
    }

    /**
     * The token check of every FHIR request; absent when security is off (a development experiment
     * only). Refuses to start without the identity provider's keys and issuer: a gateway that accepted
     * any token would be worse than none.
     */
    @Singleton
    @Requires(property = "gateway.security.enabled", notEquals = "false")
    TokenAuthentication tokenAuthentication(GatewaySettings settings) {
        if (settings.jwks().isBlank() || settings.tokenIssuer().isBlank()) {
            throw new IllegalStateException("set GATEWAY_JWKS (the identity provider's JWK set, file: or https: URL)"
                    + " and GATEWAY_TOKEN_ISSUER: the gateway does not start without them");
        }
        return new TokenAuthentication(TokenVerifier.of(
                settings.jwks(), settings.tokenIssuer(), settings.tokenAudience(), java.time.Clock.systemUTC()));
    }

    /**
     * The request's metrics and trace naming, token and scope check, the citizen's compartment, the access rules of staff, systems and analysts,
     * then the access log, in that order (the log records what the rules let out, or refused).
     */
    private static java.util.List<Object> interceptors(
            FhirRequestObservation observation,
            TokenAuthentication authentication,
            PatientResolver patients,
            GatewaySettings settings,
            AccessLog accessLog,
            FhirContext fhir,
            AccessControl access) {
        java.util.List<Object> interceptors = new java.util.ArrayList<>();
        interceptors.add(observation);
        if (authentication != null) {
            interceptors.add(authentication);
            interceptors.add(new FollowUpAccess());
            interceptors.add(new CitizenAccess(patients));
            interceptors.add(access);
            interceptors.add(new SubscriptionAccess());
        }
        if (settings.accessLogEnabled()) {
            interceptors.add(new AccessLogging(accessLog, fhir, patients, java.time.Clock.systemUTC()));
        } else {
            LOG.warn("gateway.access-log.enabled=false: answers with patient data are NOT logged (benchmark only)");
        }
        return interceptors;
    }

    /**
     * The access log in the gateway's own database. Micronaut's DataSource only lends the connection of
     * a current transaction; the log manages its own, so it gets the pool itself.
     */
    @Singleton
    @Bean(preDestroy = "close")
    AccessLog accessLog(DataSource dataSource) {
        return new AccessLog(DelegatingDataSource.unwrapDataSource(dataSource));
    }

    /** The patients' spärrar, in the gateway's own database (read on every decision: no cache). */
    @Singleton
    CareBlocks careBlocks(DataSource dataSource) {
        return new CareBlocks(DelegatingDataSource.unwrapDataSource(dataSource), java.time.Clock.systemUTC());
    }

    @Singleton
    GatewayRestfulServer restfulServer(
            FhirContext fhir,
            ContractClient client,
            TransitionClient transition,
            SipClient sip,
            PatientResolver patients,
            FhirValidation validation,
            GatewaySettings settings,
            @Nullable TokenAuthentication authentication,
            AccessLog accessLog,
            CareBlocks blocks,
            FollowUpReports followUp,
            ExportJobs exportJobs,
            SubscriptionProvider subscriptions,
            FhirRequestObservation observation) {
        if (authentication == null) {
            LOG.warn("gateway.security.enabled=false: FHIR requests need NO token. Never do this with real data.");
        }
        ContractReads contracts = new ContractReads(client, patients);
        EpisodeReads episodes = new EpisodeReads(transition, patients);
        SipReads sips = new SipReads(sip, patients);
        SipWrites sipWrites = new SipWrites(sip, sips);
        SipCreation sipCreation = new SipCreation(sip, patients, key -> knownPatient(contracts, sips, key));
        SipResources sipResources = new SipResources(sips, sipCreation, sipWrites);
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
                        new ConsentProvider(sips, patients, blocks, sipWrites),
                        new AppointmentProvider(sips, patients, sipWrites),
                        new AuditEventProvider(accessLog, patients, java.time.Clock.systemUTC()),
                        new MeasureProvider(followUp),
                        new MeasureReportProvider(
                                followUp, new PaymentLiability(transition, java.time.Clock.systemUTC())),
                        subscriptions),
                java.util.List.of(
                        new TransactionProvider(contracts, creation, carePlans, sipResources),
                        new BulkExportProvider(exportJobs, java.time.Clock.systemUTC())),
                validation,
                settings.validateRequests(),
                interceptors(
                        observation,
                        authentication,
                        patients,
                        settings,
                        accessLog,
                        fhir,
                        new AccessControl(
                                contracts::forPatient,
                                sips::forPatient,
                                episodes::forPatient,
                                blocks::inForce,
                                () -> LocalDate.now(SWEDEN),
                                patients)));
    }

    /** The identifier of a patient the gateway knows by key: from their contracts, else their SIPs. */
    private static java.util.Optional<PatientIdentifier> knownPatient(
            ContractReads contracts, SipReads sips, String key) {
        var contract = contracts.forPatient(key).stream().findFirst();
        if (contract.isPresent()) {
            return java.util.Optional.of(
                    PatientIdentifier.parse(contract.get().patient().value()));
        }
        return sips.forPatient(key).stream()
                .findFirst()
                .map(s -> PatientIdentifier.parse(s.person().value()));
    }
}
