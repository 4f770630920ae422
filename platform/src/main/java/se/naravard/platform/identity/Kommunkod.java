package se.naravard.platform.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;

/**
 * A kommunkod: SCB's four-digit code of one of Sweden's 290 municipalities (kommuner). The first
 * two digits are the länskod (county), e.g. 0680 Jönköping in 06 Jönköpings län, 2380 Östersund in
 * 23 Jämtlands län. Only codes of existing municipalities are accepted: the list ships as {@code
 * kommuner.tsv} next to this class (code TAB name), taken from the CC0 data set
 * sjbrg/swedish-geodata (SCB codes) and checked against a second independent list; the codes have
 * not changed since 2007. Update the file when SCB changes the division.
 *
 * <p>Refusals are {@link RejectedException}s whose rejection has field {@code /kommunkod} and one
 * of:
 *
 * <table>
 *   <caption>Kommunkod rejection codes</caption>
 *   <tr><th>Code</th><th>Refused input</th></tr>
 *   <tr><td>ID-KOM-001</td><td>null or blank</td></tr>
 *   <tr><td>ID-KOM-002</td><td>not exactly four digits</td></tr>
 *   <tr><td>ID-KOM-003</td><td>four digits, but no municipality has that code (0000, 0199 …)</td></tr>
 * </table>
 */
public record Kommunkod(String value) {

    private static final String FIELD = "/kommunkod";
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");

    public Kommunkod {
        if (value == null || value.isBlank()) {
            throw refusal("ID-KOM-001", "a kommunkod is required");
        }
        if (!FOUR_DIGITS.matcher(value).matches()) {
            throw refusal("ID-KOM-002", "a kommunkod has four digits");
        }
        if (!Municipalities.NAMES.containsKey(value)) {
            throw refusal("ID-KOM-003", "no Swedish municipality has this kommunkod");
        }
    }

    public static Kommunkod of(String input) {
        return new Kommunkod(input);
    }

    /** The municipality's short name as SCB writes it, e.g. {@code Jönköping}. */
    public String name() {
        return Municipalities.NAMES.get(value);
    }

    /** The two-digit county code, e.g. {@code 06}. */
    public String lanskod() {
        return value.substring(0, 2);
    }

    /** Every known code, for tests of the shipped list. */
    static Set<String> knownCodes() {
        return Municipalities.NAMES.keySet();
    }

    private static RejectedException refusal(String code, String reason) {
        return new RejectedException(new Rejection(code, FIELD, reason));
    }

    /** Loads the list once, on first use (initialization-on-demand holder). */
    private static final class Municipalities {
        static final Map<String, String> NAMES = load();

        private static Map<String, String> load() {
            try (InputStream in = Kommunkod.class.getResourceAsStream("kommuner.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("kommuner.tsv is missing from the classpath");
                }
                Map<String, String> names = new TreeMap<>();
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        .lines()
                        .filter(line -> !line.isBlank())
                        .map(line -> line.split("\t", 2))
                        .forEach(columns -> names.put(columns[0], columns[1]));
                return Map.copyOf(names);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
