package se.naravard.sip.web;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.InternalApiAuthContract;
import se.naravard.infra.ServiceRoutes;

/**
 * sip-service's internal API accepts service credentials only: no token, a citizen's or staff
 * member's FHIR token, a forged or expired one are refused on every route; a service token is
 * accepted; health and the OpenAPI document are open ({@link InternalApiAuthContract}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalApiAuthIT extends SipServiceHarness implements InternalApiAuthContract {

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    public URI serviceUri() {
        return server.getURI();
    }

    @Override
    public List<Route> routes() {
        return ServiceRoutes.of(router);
    }

    @Override
    public String aRead() {
        return "/sips?kommun=0680&limit=1";
    }

    @Override
    public Route aWrite() {
        return new Route("POST", "/sips");
    }

    @Override
    public String aWriteBody() {
        return SipJson.draft("19121212-1212");
    }

    @Override
    public String footprint() {
        return super.footprint();
    }
}
