package se.naravard.transition.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;

/** The amount per vårddygn is a dated table (DOMAIN.md §5 "Amount"). */
class DailyAmountsTest {

    private final DailyAmounts amounts = TestAgreements.defaultAgreement().dailyAmounts();

    // Source: DOMAIN.md §5: 2019 7 800 kr (HSLF-FS 2018:67), 2022 9 300 kr.
    @Test
    void the_amount_switches_on_the_first_day_of_the_new_row() {
        assertThat(amounts.rowFor(LocalDate.of(2021, 12, 31)).orElseThrow().kronor())
                .isEqualTo(7_800);
        assertThat(amounts.rowFor(LocalDate.of(2022, 1, 1)).orElseThrow().kronor())
                .isEqualTo(9_300);
        assertThat(amounts.rowFor(LocalDate.of(2026, 3, 1)).orElseThrow().validFrom())
                .isEqualTo(LocalDate.of(2022, 1, 1));
    }

    // Source: DOMAIN.md §5 "Model the amount as a dated table": no amount is guessed.
    @Test
    void a_date_before_the_first_row_is_refused() {
        // when
        var outcome = amounts.rowFor(LocalDate.of(2018, 12, 31));
        // then
        assertThat(outcome.rejections()).extracting(Rejection::code).containsExactly("TRANSITION-201");
    }
}
