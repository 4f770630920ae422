package se.naravard.gateway.server;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.citizen.CitizenPage;
import se.naravard.gateway.followup.DashboardPage;
import se.naravard.gateway.validation.FhirValidation;

/**
 * HAPI's RestfulServer on an embedded Jetty 12 at {@code /fhir} (and the citizen's page at {@code
 * /min-plan/}, which uses it), on its own port beside Micronaut's
 * Netty (STACK.md §2, way B). Eager: the context starts it, after warming the validator, so a
 * healthy gateway answers FHIR at once; {@link #stop()} closes it with the context.
 */
@Context
public class FhirServer {

    private static final Logger LOG = LoggerFactory.getLogger(FhirServer.class);

    private final Server jetty;
    private final ServerConnector connector;

    public FhirServer(
            GatewaySettings settings,
            GatewayRestfulServer restful,
            FhirValidation validation,
            FhirRequestObservation observation) {
        if (settings.warmUpValidator() && settings.validateRequests()) {
            LOG.info("FHIR validator warmed up in {} ms", validation.warmUp());
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("fhir");
        jetty = new Server(threads);
        connector = new ServerConnector(jetty);
        connector.setPort(settings.fhirPort());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("fhir", restful);
        holder.setInitOrder(0);
        context.addServlet(holder, "/fhir/*");
        // First: the request's span and timer cover everything after it, a refused body too.
        context.addFilter(new FilterHolder(observation), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(
                new FilterHolder(new BodySizeLimit(settings.maxRequestBytes(), restful.getFhirContext())),
                "/fhir/*",
                EnumSet.of(DispatcherType.REQUEST));
        // The citizen's page, beside /fhir on the same origin: it calls the FHIR API like any client.
        context.addServlet(
                new ServletHolder("citizen-page", new CitizenPage()), "/min-plan/*"); // also /min-plan, redirected
        // The managers' dashboard of the joint follow-up, likewise a plain FHIR client of /fhir.
        context.addServlet(new ServletHolder("dashboard", new DashboardPage()), "/uppfoljning/*"); // also /uppfoljning
        jetty.setHandler(context);
        // Jetty's own refusals (bad request line or header, ambiguous URI, no such path) as OperationOutcome.
        FhirErrorHandler errors = new FhirErrorHandler(restful.getFhirContext());
        jetty.setErrorHandler(errors);
        context.setErrorHandler(errors);
        jetty.setStopTimeout(5_000);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot start the FHIR server on port " + settings.fhirPort() + ": " + e, e);
        }
        LOG.info(
                "FHIR R4 server on http://localhost:{}/fhir, the citizen's page on http://localhost:{}{},"
                        + " the managers' dashboard on http://localhost:{}{} (contract-service at {})",
                port(),
                port(),
                CitizenPage.PATH,
                port(),
                DashboardPage.PATH,
                settings.contractService());
    }

    public int port() {
        return connector.getLocalPort();
    }

    @PreDestroy
    public void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("FHIR server did not stop cleanly", e);
        }
    }
}
