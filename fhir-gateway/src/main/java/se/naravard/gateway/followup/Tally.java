package se.naravard.gateway.followup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cases of one indicator and period counted into a tree: the total, its counties (macro), their
 * kommuner (meso), and under each kommun the units (micro) with cases there. Every case is in exactly
 * one node of each level, so the children of a node always add up to it: what {@link Suppression}
 * relies on.
 */
public final class Tally {

    /** The levels of DOMAIN.md §8; {@code TOTAL} is the whole population. */
    public enum Level {
        TOTAL,
        MACRO,
        MESO,
        MICRO;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A stratum value for a case without the attribute (an event without a kommun or unit). */
    public static final String UNKNOWN = "unknown";

    /** The populations a node counts: the denominator (or measure population) and the numerator. */
    public static final int DENOMINATOR = 0;

    public static final int NUMERATOR = 1;

    /** One stratum and its counts. */
    public static final class Node {
        private final Level level;
        private final String key;
        private final Node parent;
        private final Map<String, Node> children = new LinkedHashMap<>();
        private final long[] counts = new long[2];
        private final boolean[] suppressed = new boolean[2];
        private final List<Double> observations = new ArrayList<>();

        Node(Level level, String key, Node parent) {
            this.level = level;
            this.key = key;
            this.parent = parent;
        }

        public Level level() {
            return level;
        }

        /** The stratum value: a county code, a kommun code, a unit's HSA-id; null for the total. */
        public String key() {
            return key;
        }

        public Node parent() {
            return parent;
        }

        public List<Node> children() {
            return children.values().stream()
                    .sorted(Comparator.comparing(Node::key))
                    .toList();
        }

        public long count(int population) {
            return counts[population];
        }

        public boolean suppressed(int population) {
            return suppressed[population];
        }

        void suppress(int population) {
            suppressed[population] = true;
        }

        public List<Double> observations() {
            return observations;
        }

        /** The mean of the observations; null when none. */
        public Double mean() {
            return observations.isEmpty()
                    ? null
                    : observations.stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElseThrow();
        }

        /** The median of the observations (the mean of the middle two for an even count); null when none. */
        public Double median() {
            if (observations.isEmpty()) {
                return null;
            }
            double[] sorted = observations.stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        /** This node and every node under it, depth first. */
        public Stream<Node> all() {
            return Stream.concat(Stream.of(this), children().stream().flatMap(Node::all));
        }

        /** The nodes of one level under this one. */
        public List<Node> at(Level l) {
            return all().filter(n -> n.level == l).toList();
        }

        private Node child(Level l, String k) {
            return children.computeIfAbsent(k, x -> new Node(l, x, this));
        }

        private void add(Indicator.Case c) {
            counts[DENOMINATOR]++;
            if (c.inNumerator()) {
                counts[NUMERATOR]++;
            }
            observations.add(c.observation());
        }
    }

    private Tally() {}

    /** The tree of {@code cases}; {@code observations} only for a continuous-variable indicator. */
    public static Node of(List<Indicator.Case> cases) {
        Node total = new Node(Level.TOTAL, null, null);
        for (Indicator.Case c : cases) {
            String kommun = c.kommun() == null || c.kommun().isBlank() ? UNKNOWN : c.kommun();
            String county = county(kommun);
            String unit = c.unit() == null || c.unit().isBlank() ? UNKNOWN : c.unit();
            Node macro = total.child(Level.MACRO, county);
            Node meso = macro.child(Level.MESO, kommun);
            Node micro = meso.child(Level.MICRO, unit);
            for (Node n : List.of(total, macro, meso, micro)) {
                n.add(c);
            }
        }
        return total;
    }

    /** The county (län) of a kommun: the first two digits of its SCB code ({@code 0680} → {@code 06}). */
    static String county(String kommun) {
        return kommun.length() == 4 && kommun.chars().allMatch(Character::isDigit) ? kommun.substring(0, 2) : UNKNOWN;
    }
}
