package se.naravard.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.gateway.followup.FollowUpFixtures.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.followup.Indicator.Case;
import se.naravard.gateway.followup.Indicator.Scoring;

class SuppressionTest {

    private static List<Case> cases(String unit, String kommun, int denominator, int numerator) {
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < denominator; i++) {
            out.add(Case.of(unit, kommun, i < numerator));
        }
        return out;
    }

    private static Tally.Node suppressed(List<Case> cases) {
        Tally.Node total = Tally.of(cases);
        Suppression.apply(total, Scoring.PROPORTION);
        return total;
    }

    private static Tally.Node node(Tally.Node total, String key) {
        return total.all().filter(n -> key.equals(n.key())).findFirst().orElseThrow();
    }

    /** No shown parent has exactly one suppressed child, nor suppressed children adding up to under 5. */
    private static void assertNothingRecoverable(Tally.Node total) {
        total.all().forEach(parent -> {
            for (int p : new int[] {Tally.DENOMINATOR, Tally.NUMERATOR}) {
                List<Tally.Node> hidden =
                        parent.children().stream().filter(c -> c.suppressed(p)).toList();
                if (hidden.isEmpty()) {
                    continue;
                }
                if (!parent.suppressed(p)) {
                    assertThat(hidden)
                            .as("hidden children of shown %s", parent.key())
                            .hasSizeGreaterThan(1);
                    assertThat(hidden.stream().mapToLong(c -> c.count(p)).sum()).isGreaterThanOrEqualTo(5);
                }
            }
        });
    }

    @Test
    void counts_of_1_to_4_are_suppressed_and_0_and_5_are_shown() {
        assertThat(Suppression.small(0)).isFalse();
        assertThat(Suppression.small(1)).isTrue();
        assertThat(Suppression.small(4)).isTrue();
        assertThat(Suppression.small(5)).isFalse();
    }

    @Test
    void a_small_unit_and_its_smallest_sibling_are_suppressed_so_the_kommun_total_does_not_reveal_it() {
        var cases = IndicatorsTest.concat(
                cases(VC01, JONKOPING, 10, 10),
                cases(VC02, JONKOPING, 3, 3),
                cases("SE2321000057-VC04", JONKOPING, 20, 20),
                cases(VC03, NASSJO, 6, 6));

        Tally.Node total = suppressed(cases);

        assertThat(node(total, VC02).suppressed(Tally.DENOMINATOR))
                .as("primary: 3")
                .isTrue();
        assertThat(node(total, VC01).suppressed(Tally.DENOMINATOR))
                .as("complementary: the smallest sibling")
                .isTrue();
        assertThat(node(total, "SE2321000057-VC04").suppressed(Tally.DENOMINATOR))
                .isFalse();
        assertThat(node(total, JONKOPING).suppressed(Tally.DENOMINATOR)).isFalse();
        assertThat(node(total, VC03).suppressed(Tally.DENOMINATOR)).isFalse();
        assertNothingRecoverable(total);
    }

    @Test
    void a_numerator_whose_complement_is_small_is_suppressed() {
        Tally.Node total = suppressed(IndicatorsTest.concat(
                cases(VC01, JONKOPING, 10, 8), cases(VC02, JONKOPING, 10, 5), cases(VC03, JONKOPING, 10, 6)));

        // VC01: 10 with 8 → 2 without: those 2 would be known.
        assertThat(node(total, VC01).suppressed(Tally.NUMERATOR)).isTrue();
        assertThat(node(total, VC01).suppressed(Tally.DENOMINATOR)).isFalse();
        assertNothingRecoverable(total);
    }

    @Test
    void suppression_cascades_to_the_only_unit_of_a_kommun_suppressed_to_protect_a_sibling_kommun() {
        Tally.Node total = suppressed(IndicatorsTest.concat(cases(VC01, JONKOPING, 3, 3), cases(VC03, NASSJO, 10, 10)));

        // 0680 (3) is small; the county (13) is shown, so 0682 is suppressed too; 0682's one unit equals it.
        assertThat(node(total, JONKOPING).suppressed(Tally.DENOMINATOR)).isTrue();
        assertThat(node(total, NASSJO).suppressed(Tally.DENOMINATOR)).isTrue();
        assertThat(node(total, VC03).suppressed(Tally.DENOMINATOR)).isTrue();
        assertThat(node(total, "06").suppressed(Tally.DENOMINATOR)).isFalse();
        assertNothingRecoverable(total);
    }

    @Test
    void when_no_sibling_is_left_the_parent_is_suppressed() {
        Tally.Node total = suppressed(cases(VC01, JONKOPING, 3, 3));

        assertThat(total.all()).allMatch(n -> n.suppressed(Tally.DENOMINATOR) && n.suppressed(Tally.NUMERATOR));
    }

    @Test
    void a_continuous_measure_suppresses_small_populations_only() {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cases.add(Case.observed(VC01, JONKOPING, i));
        }
        cases.add(Case.observed(VC02, JONKOPING, 2));
        Tally.Node total = Tally.of(cases);

        Suppression.apply(total, Scoring.CONTINUOUS_VARIABLE);

        assertThat(node(total, VC02).suppressed(Tally.DENOMINATOR)).isTrue();
        assertThat(node(total, VC01).suppressed(Tally.DENOMINATOR)).isTrue();
        assertThat(node(total, JONKOPING).suppressed(Tally.DENOMINATOR)).isFalse();
    }
}
