package se.naravard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** Only reads of health, metrics and the OpenAPI documents go without a service token. */
class ServiceAuthFilterTest {

    @Test
    void health_and_openapi_reads_are_open() {
        assertThat(ServiceAuthFilter.open(HttpMethod.GET, "/health")).isTrue();
        assertThat(ServiceAuthFilter.open(HttpMethod.HEAD, "/health")).isTrue();
        assertThat(ServiceAuthFilter.open(HttpMethod.GET, "/health/liveness")).isTrue();
        assertThat(ServiceAuthFilter.open(HttpMethod.GET, "/prometheus")).isTrue();
        assertThat(ServiceAuthFilter.open(HttpMethod.POST, "/prometheus")).isFalse();
        assertThat(ServiceAuthFilter.open(HttpMethod.GET, "/prometheus/x")).isFalse();
        assertThat(ServiceAuthFilter.open(HttpMethod.GET, "/openapi/contract-service-v1.yml"))
                .isTrue();
    }

    @Test
    void everything_else_needs_a_token() {
        assertThat(ServiceAuthFilter.open(HttpMethod.POST, "/health")).isFalse();
        assertThat(ServiceAuthFilter.open(HttpMethod.DELETE, "/openapi/contract-service-v1.yml"))
                .isFalse();
        assertThat(ServiceAuthFilter.open(HttpMethod.OPTIONS, "/health")).isFalse();
        for (String path : new String[] {
            "/",
            "/contracts",
            "/healthz",
            "/health/",
            "/health/../contracts",
            "/health/x/y",
            "//health",
            "/contracts/health",
            "/openapi",
            "/openapi/",
            "/openapi/../contracts",
            "/openapi/a/..",
            "/openapi/.hidden",
            "/openapi/a/../../contracts"
        }) {
            assertThat(ServiceAuthFilter.open(HttpMethod.GET, path)).as(path).isFalse();
        }
    }
}
