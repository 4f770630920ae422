package se.naravard.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PositiveIntType;
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
    void end_timeout_max_count_and_the_delivery_receipt_are_read_and_written_back() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        Subscription s = valid();
        s.setCriteria(SubscriptionTopics.TRANSITION_MESSAGES.url());
        s.setEnd(Date.from(now.plus(Duration.ofDays(7))));
        s.getChannel().addExtension(SubscriptionForm.TIMEOUT, new UnsignedIntType(5));
        s.getChannel().addExtension(SubscriptionForm.MAX_COUNT_URL, new PositiveIntType(20));
        s.getChannel().addExtension(SubscriptionForm.DELIVERY_RECEIPT, new BooleanType(true));
        SubscriptionForm.Request r = SubscriptionForm.read(s, false, now);
        assertThat(r.end()).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.maxCount()).isEqualTo(20);
        assertThat(r.deliveryReceipt()).isTrue();

        SubscriptionForm.Request plain = SubscriptionForm.read(valid(), false, now);
        assertThat(plain.end()).isNull();
        assertThat(plain.timeout()).isNull();
        assertThat(plain.maxCount()).isNull();
        assertThat(plain.deliveryReceipt()).isFalse();
    }

    @Test
    void a_past_end_a_bad_timeout_or_max_count_and_a_receipt_without_a_message_are_refused() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        Subscription s = valid(); // deadline tasks: no LUS message to give a kvittens of
        s.setEnd(Date.from(now.minusSeconds(1)));
        s.getChannel().addExtension(SubscriptionForm.TIMEOUT, new UnsignedIntType(0));
        s.getChannel().addExtension(SubscriptionForm.MAX_COUNT_URL, new PositiveIntType(101));
        s.getChannel().addExtension(SubscriptionForm.DELIVERY_RECEIPT, new BooleanType(true));
        assertThatThrownBy(() -> SubscriptionForm.read(s, false, now))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                                ((OperationOutcome) e.getOperationOutcome()).getIssue())
                        .extracting(i -> i.getDetails().getCodingFirstRep().getCode() + " "
                                + i.getExpression().get(0).getValue())
                        .containsExactlyInAnyOrder(
                                "GATEWAY-150 Subscription.end",
                                "GATEWAY-151 Subscription.channel.extension('" + SubscriptionForm.TIMEOUT + "')",
                                "GATEWAY-152 Subscription.channel.extension('" + SubscriptionForm.MAX_COUNT_URL + "')",
                                "GATEWAY-153 Subscription.channel.extension('" + SubscriptionForm.DELIVERY_RECEIPT
                                        + "')"));
        // Turning it off with a past end is fine.
        s.setStatus(Subscription.SubscriptionStatus.OFF);
        s.getChannel().getExtension().removeIf(x -> !x.getUrl().equals(SubscriptionForm.HEARTBEAT_PERIOD));
        assertThat(SubscriptionForm.read(s, false, now).status()).isEqualTo("off");
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
