package se.naravard.transition.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.naravard.platform.domain.Rejection;
import se.naravard.transition.Outcome;

/** County agreements are configuration (DOMAIN.md §5 "Payment liability"; issue 4). */
class AgreementLoaderTest {

    // Source: DOMAIN.md §5: default of 3 calendar days [UNVERIFIED], amounts 2019 7 800 kr and 2022 9 300 kr.
    @Test
    void the_default_agreement_counts_three_calendar_days_without_cutoff() {
        // when
        var agreement = TestAgreements.defaultAgreement();
        // then
        assertThat(agreement.name()).isEqualTo("default-3-calendar-days");
        assertThat(agreement.dayCounting()).isEqualTo(DayCounting.CALENDAR);
        assertThat(agreement.graceDays()).isEqualTo(3);
        assertThat(agreement.dayZero()).isFalse();
        assertThat(agreement.cutoff()).isEmpty();
        assertThat(agreement.dailyAmounts().rows())
                .containsExactly(
                        new DailyAmounts.Row(LocalDate.of(2019, 1, 1), 7_800),
                        new DailyAmounts.Row(LocalDate.of(2022, 1, 1), 9_300));
        assertThat(agreement.preconditions()).containsExactlyInAnyOrder(Precondition.values());
    }

    // Source: DOMAIN.md §5: Region Stockholm, 2 calendar days incl. day 0, notice before 12:00 [PRACTICE].
    @Test
    void the_stockholm_like_agreement_counts_two_calendar_days_with_day_zero_and_noon_cutoff() {
        // when
        var agreement = TestAgreements.stockholmLike();
        // then
        assertThat(agreement.dayCounting()).isEqualTo(DayCounting.CALENDAR);
        assertThat(agreement.graceDays()).isEqualTo(2);
        assertThat(agreement.dayZero()).isTrue();
        assertThat(agreement.cutoff()).contains(LocalTime.NOON);
    }

    // Source: issue 4 "County agreements as configuration": each bad key is refused, naming the key.
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "dayCounting|WEEKLY|TRANSITION-103",
                "graceDays|-1|TRANSITION-104",
                "graceDays|two|TRANSITION-104",
                "dayZero|yes|TRANSITION-105",
                "evesAreHolidays|1|TRANSITION-105",
                "noticeCutoff|25:00|TRANSITION-106",
                "noticeCutoff|noon|TRANSITION-106",
                "dailyAmounts|2019-01-01:7800, 2022-01-01:-9300|TRANSITION-107",
                "dailyAmounts|2019-01-01=7800|TRANSITION-107",
                "dailyAmounts|2022-01-01:9300, 2019-01-01:7800|TRANSITION-108",
                "dailyAmounts|2022-01-01:9300, 2022-01-01:9400|TRANSITION-108",
                "preconditions|UTSKRIVNINGSKLAR_SENT, SIP_HELD|TRANSITION-109",
                "name|'   '|TRANSITION-101",
                "graceDayz|3|TRANSITION-102"
            })
    void a_bad_key_is_refused_naming_the_key(String key, String value, String code) {
        // given
        var properties = TestAgreements.properties(TestAgreements.STOCKHOLM);
        properties.setProperty(key, value);
        // when
        var outcome = AgreementLoader.fromProperties(properties);
        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REFUSED);
        assertThat(outcome.rejections())
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(code, "/" + key));
        assertThat(outcome.rejections().get(0).reason()).startsWith(key + ":");
    }

    // Source: issue 4: refusals name every key at fault, not only the first.
    @Test
    void every_missing_required_key_is_reported() {
        // given
        var properties = TestAgreements.properties(TestAgreements.DEFAULT);
        properties.remove("dayCounting");
        properties.remove("dailyAmounts");
        // when
        var outcome = AgreementLoader.fromProperties(properties);
        // then
        assertThat(outcome.rejections())
                .extracting(Rejection::field)
                .containsExactlyInAnyOrder("/dayCounting", "/dailyAmounts");
    }

    // Source: DOMAIN.md §5: the notice cut-off is optional county configuration.
    @Test
    void a_blank_cutoff_means_no_cutoff_and_working_counting_is_accepted() {
        // when
        var agreement = TestAgreements.stockholmWith("noticeCutoff", "", "dayCounting", "working");
        // then
        assertThat(agreement.cutoff()).isEmpty();
        assertThat(agreement.dayCounting()).isEqualTo(DayCounting.WORKING);
    }
}
