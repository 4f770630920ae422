package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.HttpTestClient;
import se.naravard.infra.InternalApiAuthContract;
import se.naravard.infra.ServiceRoutes;

/**
 * contract-service's internal API accepts service credentials only: no token, a citizen's or staff
 * member's FHIR token, a forged or expired one are refused on every route; a service token is
 * accepted; health and the OpenAPI document are open ({@link InternalApiAuthContract}). The service
 * does not start without the identity provider's settings, and runs open only when told so.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalApiAuthIT extends ContractServiceHarness implements InternalApiAuthContract {

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
        return "/contracts?limit=1";
    }

    @Override
    public Route aWrite() {
        return new Route("POST", "/contracts");
    }

    @Override
    public String aWriteBody() {
        return ContractJson.create(ContractJson.TOLVAN);
    }

    @Override
    public String footprint() {
        return super.footprint();
    }

    @Test
    void the_service_does_not_start_without_the_identity_provider_and_runs_open_only_when_told_so() {
        Map<String, Object> noKeys = new HashMap<>(getProperties());
        noKeys.put("naravard.service-auth.jwks", "");
        Map<String, Object> noIssuer = new HashMap<>(getProperties());
        noIssuer.remove("naravard.service-auth.issuer");
        Map<String, Object> off = new HashMap<>(getProperties());
        off.put("naravard.service-auth.enabled", "false");

        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, noKeys).close())
                .hasStackTraceContaining("SERVICE_JWKS");
        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, noIssuer).close())
                .hasStackTraceContaining("SERVICE_TOKEN_ISSUER");
        try (EmbeddedServer open = ApplicationContext.run(EmbeddedServer.class, off)) {
            HttpResponse<String> r = new HttpTestClient(open::getURI).send("GET", aRead(), null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }
}
