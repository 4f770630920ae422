package se.naravard.gateway.followup;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Small-cell suppression of one indicator's {@link Tally} (docs/followup.md "Suppression"). A cell is a
 * count of one population in one stratum; a suppressed cell is published without its count (and
 * without a score that would reveal it).
 *
 * <ol>
 *   <li><b>Primary</b>: a count of 1 to 4 ({@value #MIN_CELL} and up is shown; 0 is shown). For a
 *       proportion the numerator's complement (denominator − numerator) is a cell too: a numerator whose
 *       complement is 1 to 4 is suppressed, and a suppressed denominator suppresses its numerator.
 *   <li><b>Complementary</b>, so that no suppressed cell can be recovered by subtracting shown cells from
 *       their parent (the total, a county, a kommun): the children of a shown parent that are
 *       suppressed must be at least two, together at least {@value #MIN_CELL}; else the smallest shown
 *       sibling (non-zero first) is suppressed too, and where none is left, the parent. The children of a
 *       suppressed parent must have at least two suppressed (or all, if there is one), or the parent
 *       would be their sum.
 * </ol>
 *
 * Repeated until nothing changes (suppression only grows, so it ends). Reports are monthly only, and
 * every level partitions the same cases, so no other published figure adds up to a suppressed one.
 */
public final class Suppression {

    public static final int MIN_CELL = 5;

    private Suppression() {}

    public static void apply(Tally.Node total, Indicator.Scoring scoring) {
        boolean proportion = scoring == Indicator.Scoring.PROPORTION;
        List<Tally.Node> nodes = total.all().toList();
        for (Tally.Node n : nodes) {
            primary(n, proportion);
        }
        int[] populations = proportion ? new int[] {Tally.DENOMINATOR, Tally.NUMERATOR} : new int[] {Tally.DENOMINATOR};
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int p : populations) {
                for (Tally.Node n : nodes) {
                    changed |= protect(n, p);
                }
            }
            if (proportion) {
                for (Tally.Node n : nodes) {
                    if (n.suppressed(Tally.DENOMINATOR) && !n.suppressed(Tally.NUMERATOR)) {
                        n.suppress(Tally.NUMERATOR);
                        changed = true;
                    }
                }
            }
        }
    }

    private static void primary(Tally.Node n, boolean proportion) {
        long denominator = n.count(Tally.DENOMINATOR);
        if (small(denominator)) {
            n.suppress(Tally.DENOMINATOR);
        }
        if (proportion) {
            long numerator = n.count(Tally.NUMERATOR);
            if (small(numerator) || small(denominator - numerator) || n.suppressed(Tally.DENOMINATOR)) {
                n.suppress(Tally.NUMERATOR);
            }
        }
    }

    static boolean small(long count) {
        return count > 0 && count < MIN_CELL;
    }

    /** One step of the complementary rule for {@code parent}'s children; true if it suppressed a cell. */
    private static boolean protect(Tally.Node parent, int p) {
        List<Tally.Node> children = parent.children();
        if (children.isEmpty()) {
            return false;
        }
        List<Tally.Node> hidden = children.stream().filter(c -> c.suppressed(p)).toList();
        if (parent.suppressed(p)) {
            if (hidden.size() >= Math.min(2, children.size())) {
                return false;
            }
            smallestShown(children, p).orElseThrow().suppress(p);
            return true;
        }
        long hiddenSum = hidden.stream().mapToLong(c -> c.count(p)).sum();
        if (hidden.isEmpty() || (hidden.size() >= 2 && hiddenSum >= MIN_CELL)) {
            return false;
        }
        Optional<Tally.Node> next = smallestShown(children, p);
        if (next.isPresent()) {
            next.get().suppress(p);
        } else {
            parent.suppress(p);
        }
        return true;
    }

    private static Optional<Tally.Node> smallestShown(List<Tally.Node> children, int p) {
        return children.stream()
                .filter(c -> !c.suppressed(p))
                .min(Comparator.comparingInt((Tally.Node c) -> c.count(p) == 0 ? 1 : 0)
                        .thenComparingLong(c -> c.count(p))
                        .thenComparing(Tally.Node::key));
    }
}
