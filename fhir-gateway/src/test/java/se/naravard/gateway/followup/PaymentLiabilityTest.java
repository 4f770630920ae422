package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.transition.TransitionDocs.LiabilityLine;
import se.naravard.gateway.transition.TransitionDocs.LiabilityMonth;
import se.naravard.gateway.validation.Validations;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

class PaymentLiabilityTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    private static LiabilityLine line(String episode, int days, long kronor) {
        List<String> dates = java.util.stream.IntStream.range(0, days)
                .mapToObj(d -> "2026-11-" + String.format("%02d", d + 1))
                .toList();
        return new LiabilityLine(episode, "default-3-calendar-days", dates, kronor, List.of());
    }

    private static Caller caller(Caller.Kind kind, Caller.OrganisationType org, String kommun) {
        return new Caller(
                "sub",
                kind,
                "SE2321000057-C001",
                "SE2321000057-VC01",
                org,
                kommun,
                null,
                null,
                Scopes.parse("user/Measure.rs user/MeasureReport.rs"));
    }

    @Test
    void the_report_has_the_services_totals_and_masks_a_small_number_of_episodes() {
        var month = new LiabilityMonth(
                "0680",
                "2026-11",
                "2026-11-30",
                7,
                65_100,
                "SEK",
                List.of(line("e1", 4, 37_200), line("e2", 3, 27_900), line("e3", 0, 0)));

        MeasureReport r = PaymentLiability.toReport(month, NOVEMBER, CLOCK);

        assertThat(r.getIdPart()).isEqualTo("payment-liability-0680-2026-11");
        assertThat(r.getMeasure()).isEqualTo("https://naravard.se/fhir/Measure/payment-liability");
        assertThat(r.getStatus()).isEqualTo(MeasureReport.MeasureReportStatus.COMPLETE);
        assertThat(r.getGroup().get(0).getMeasureScore().getValue()).isEqualByComparingTo("7");
        assertThat(r.getGroup().get(1).getMeasureScore().getValue()).isEqualByComparingTo("65100");
        assertThat(r.getGroup().get(1).getMeasureScore().getCode()).isEqualTo("SEK");
        var episodes = r.getGroup().get(0).getPopulationFirstRep();
        assertThat(episodes.getCountElement().hasValue())
                .as("2 liable episodes: a small cell")
                .isFalse();
        assertThat(MeasureReportMapper.isMasked(episodes.getCountElement())).isTrue();
        assertThat(Validations.errors("MeasureReport liability", r)).isEmpty();
        assertThat(Validations.errors("Measure liability", PaymentLiability.measure()))
                .isEmpty();
    }

    @Test
    void the_current_month_is_pending_through_the_day_the_service_counted() {
        var month = new LiabilityMonth("0680", "2026-12", "2026-12-05", 0, 0, "SEK", List.of());

        MeasureReport r = PaymentLiability.toReport(month, YearMonth.of(2026, 12), CLOCK);

        assertThat(r.getStatus()).isEqualTo(MeasureReport.MeasureReportStatus.PENDING);
        assertThat(r.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-12-05");
        assertThat(r.getGroup().get(0).getPopulationFirstRep().getCount())
                .as("0 is shown")
                .isZero();
    }

    @Test
    void a_kommuns_manager_sees_their_own_kommun_a_regions_every_kommun_a_private_provider_none() {
        PaymentLiability.allowed(caller(Caller.Kind.STAFF, Caller.OrganisationType.KOMMUN, "0680"), "0680");
        PaymentLiability.allowed(caller(Caller.Kind.STAFF, Caller.OrganisationType.REGION, null), "0687");
        PaymentLiability.allowed(caller(Caller.Kind.ANALYST, Caller.OrganisationType.REGION, null), "0687");
        assertThatThrownBy(() -> PaymentLiability.allowed(
                        caller(Caller.Kind.STAFF, Caller.OrganisationType.KOMMUN, "0680"), "0682"))
                .isInstanceOf(BaseServerResponseException.class)
                .hasMessageContaining(PaymentLiability.NOT_YOURS);
        assertThatThrownBy(() -> PaymentLiability.allowed(
                        caller(Caller.Kind.STAFF, Caller.OrganisationType.PRIVATE, null), "0680"))
                .hasMessageContaining(PaymentLiability.NOT_YOURS);
    }

    @Test
    void kommun_and_month_are_checked_before_the_service_is_asked() {
        var liability = new PaymentLiability(null, CLOCK);
        assertThatThrownBy(() -> PaymentLiability.kommun("9999")).hasMessageContaining(PaymentLiability.BAD_KOMMUN);
        assertThatThrownBy(() -> PaymentLiability.kommun(null)).hasMessageContaining(PaymentLiability.BAD_KOMMUN);
        assertThat(PaymentLiability.kommun("0680")).isEqualTo("0680");
        assertThatThrownBy(() -> liability.month("2026-13")).hasMessageContaining(PaymentLiability.BAD_MONTH);
        assertThatThrownBy(() -> liability.month("2026-11-01")).hasMessageContaining(PaymentLiability.BAD_MONTH);
        assertThatThrownBy(() -> liability.month("2027-01")).hasMessageContaining(PaymentLiability.BAD_MONTH);
        assertThat(liability.month("2026-12")).isEqualTo(YearMonth.of(2026, 12));
    }
}
