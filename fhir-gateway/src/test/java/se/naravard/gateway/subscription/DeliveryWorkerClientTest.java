package se.naravard.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The receivers' HTTP client (issue 8: the endpoint policy must not be bypassed through a redirect). */
class DeliveryWorkerClientTest {

    @Test
    void the_delivery_client_never_follows_a_redirect() {
        var settings = new SubscriptionSettings(
                null,
                "g",
                1,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                1,
                Duration.ofDays(1),
                EndpointAllowList.parse("", EndpointAllowList.SYSTEM));
        assertThat(DeliveryWorker.client(settings).followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    }
}
