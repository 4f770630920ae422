package se.naravard.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Duration;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;

class SubscriptionFormTest {

    private static Subscription valid() {
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        s.setCriteria(SubscriptionTopics.DEADLINE_TASKS.url());
        s.getCriteriaElement()
                .addExtension(
                        SubscriptionForm.FILTER_CRITERIA,
                        new StringType("Task?kommun=0680&addressee=SE2120000530-HT01"));
        s.getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint("https://hemtjanst.example.se/hook")
                .setPayload("application/fhir+json")
                .addHeader("Authorization: Bearer x");
        s.getChannel()
                .getPayloadElement()
                .addExtension(SubscriptionForm.PAYLOAD_CONTENT, new CodeType("full-resource"));
        s.getChannel().addExtension(SubscriptionForm.HEARTBEAT_PERIOD, new UnsignedIntType(60));
        return s;
    }

    @Test
    void a_backport_shaped_subscription_is_read_and_written_back_alike() {
        SubscriptionForm.Request r = SubscriptionForm.read(valid(), false);
        assertThat(r.topic()).isEqualTo(SubscriptionTopics.DEADLINE_TASKS);
        assertThat(r.kommun()).isEqualTo("0680");
        assertThat(r.addresseeUnit()).isEqualTo("SE2120000530-HT01");
        assertThat(r.content()).isEqualTo("full-resource");
        assertThat(r.heartbeat()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.headers()).containsExactly("Authorization: Bearer x");
    }

    @Test
    void every_fault_is_named_with_its_element() {
        Subscription s = valid();
        s.setStatus(Subscription.SubscriptionStatus.ACTIVE);
        s.getCriteriaElement().getExtension().clear();
        s.getCriteriaElement()
                .addExtension(SubscriptionForm.FILTER_CRITERIA, new StringType("Task?kommun=9999&unit=x"));
        s.getChannel().setEndpoint("ftp://example.se/x").addHeader("Content-Type: text/plain");
        s.getChannel().getExtension().clear();
        s.getChannel().addExtension(SubscriptionForm.HEARTBEAT_PERIOD, new UnsignedIntType(1));
        assertThatThrownBy(() -> SubscriptionForm.read(s, false))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                                ((OperationOutcome) e.getOperationOutcome()).getIssue())
                        .extracting(i -> i.getDetails().getCodingFirstRep().getCode() + " "
                                + i.getExpression().get(0).getValue())
                        .contains(
                                "GATEWAY-110 Subscription.status",
                                "GATEWAY-104 Subscription.criteria.extension('" + SubscriptionForm.FILTER_CRITERIA
                                        + "')",
                                "GATEWAY-106 Subscription.channel.endpoint",
                                "GATEWAY-107 Subscription.channel.header[1]",
                                "GATEWAY-109 Subscription.channel.extension('" + SubscriptionForm.HEARTBEAT_PERIOD
                                        + "')"));
    }

    @Test
    void active_is_kept_only_by_an_update_of_an_active_subscription() {
        Subscription s = valid().setStatus(Subscription.SubscriptionStatus.ACTIVE);
        assertThat(SubscriptionForm.read(s, true).status()).isEqualTo("active");
        assertThatThrownBy(() -> SubscriptionForm.read(s, false)).isInstanceOf(UnprocessableEntityException.class);
    }

    @Test
    void the_wait_doubles_up_to_the_ceiling_with_jitter_and_never_ends() {
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(5);
        for (int failures = 1; failures <= 1000; failures++) {
            Duration d = DeliveryWorker.backoff(failures, first, max);
            long ceiling = Math.min(max.toMillis(), first.toMillis() << Math.min(failures - 1, 30));
            assertThat(d.toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }
}
