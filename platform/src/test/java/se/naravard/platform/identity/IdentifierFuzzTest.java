package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.TestPersonnummer.CLOCK;
import static se.naravard.platform.identity.TestPersonnummer.TODAY;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.function.Function;
import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;

/**
 * Fuzzes every identifier parser of the platform with Jazzer (docs/fuzzing.md): whatever the input,
 * a parser either returns a value that reads back as itself (from its stored value and from its
 * display form) or refuses it with a {@link RejectedException} carrying a stable code, a field and a
 * reason that does not repeat the input. Any other exception, or a value that does not round-trip,
 * is a finding.
 *
 * <p>One {@code @FuzzTest} for all parsers, chosen by the first bytes: Jazzer fuzzes only one fuzz
 * test per JVM, and this way one bounded run covers them all. In a plain build the method runs in
 * fuzzing mode for its {@code maxDuration} (the module's Surefire sets {@code JAZZER_FUZZ}); without
 * it, it replays the inputs kept in {@code IdentifierFuzzTestInputs/identifiers/}.
 */
class IdentifierFuzzTest {

    private static final Pattern CODE = Pattern.compile("ID-(PNR|SNR|HSA|KOM|ORG)-\\d{3}");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    @FuzzTest(maxDuration = "15s")
    void identifiers(FuzzedDataProvider data) {
        int parser = data.consumeInt(0, 6);
        boolean fixCheckDigit = data.consumeBoolean();
        String input = data.consumeRemainingAsString();
        if (fixCheckDigit) {
            input = withLuhnDigit(input);
        }
        switch (parser) {
            case 0 -> check(input, in -> Personnummer.of(in, CLOCK), IdentifierFuzzTest::personnummerRoundTrips);
            case 1 -> check(
                    input, in -> Samordningsnummer.of(in, CLOCK), IdentifierFuzzTest::samordningsnummerRoundTrips);
            case 2 -> check(input, in -> PatientIdentifier.parse(in, CLOCK), IdentifierFuzzTest::patientRoundTrips);
            case 3 -> check(input, HsaId::of, (in, hsa) -> {
                assertThat(hsa.value()).isEqualTo(in);
                assertThat(HsaId.of(hsa.value())).isEqualTo(hsa);
            });
            case 4 -> check(input, Kommunkod::of, (in, kommun) -> {
                assertThat(Kommunkod.of(kommun.value())).isEqualTo(kommun);
                assertThat(kommun.name()).isNotBlank();
                assertThat(kommun.lanskod()).matches("\\d{2}");
            });
            case 5 -> check(input, Organisationsnummer::of, (in, org) -> {
                assertThat(Organisationsnummer.of(org.value())).isEqualTo(org);
                assertThat(Organisationsnummer.of(org.display())).isEqualTo(org);
            });
            default -> check(input, Personnummer::new, (in, p) -> personnummerRoundTrips(in, p));
        }
    }

    private interface RoundTrip<T> {
        void check(String input, T parsed);
    }

    private static <T> void check(String input, Function<String, T> parser, RoundTrip<T> roundTrip) {
        T parsed;
        try {
            parsed = parser.apply(input);
        } catch (RejectedException refused) {
            assertWellFormed(input, refused);
            return;
        }
        assertThat(parsed).isNotNull();
        roundTrip.check(input, parsed);
    }

    private static void assertWellFormed(String input, RejectedException refused) {
        assertThat(refused.rejections()).isNotEmpty();
        for (Rejection r : refused.rejections()) {
            assertThat(r.code()).matches(CODE);
            assertThat(r.field()).startsWith("/");
            assertThat(r.reason()).isNotBlank();
        }
        // A refusal never repeats the number it refuses (it may be someone's personnummer).
        String digits = input == null ? "" : input.replaceAll("\\D", "");
        if (digits.length() >= 6) {
            assertThat(refused.getMessage()).doesNotContain(digits);
            refused.rejections().forEach(r -> assertThat(r.reason()).doesNotContain(digits));
        }
    }

    private static void personnummerRoundTrips(String input, Personnummer p) {
        assertThat(p.value()).matches(TWELVE_DIGITS);
        assertThat(Personnummer.of(p.value(), CLOCK)).isEqualTo(p);
        assertThat(new Personnummer(p.value())).isEqualTo(p);
        assertThat(p.birthDate()).isBeforeOrEqualTo(TODAY);
        assertThat(p.toString()).isEqualTo("Personnummer[" + p.value().substring(0, 8) + "-****]");
        displayRoundTrips(p, in -> Personnummer.of(in, CLOCK));
    }

    private static void samordningsnummerRoundTrips(String input, Samordningsnummer s) {
        assertThat(s.value()).matches(TWELVE_DIGITS);
        assertThat(Samordningsnummer.of(s.value(), CLOCK)).isEqualTo(s);
        assertThat(new Samordningsnummer(s.value())).isEqualTo(s);
        assertThat(s.birthDate()).isBeforeOrEqualTo(TODAY);
        assertThat(s.toString()).isEqualTo("Samordningsnummer[" + s.value().substring(0, 8) + "-****]");
        displayRoundTrips(s, in -> Samordningsnummer.of(in, CLOCK));
    }

    private static void patientRoundTrips(String input, PatientIdentifier id) {
        assertThat(PatientIdentifier.parse(id.value(), CLOCK)).isEqualTo(id);
        displayRoundTrips(id, in -> PatientIdentifier.parse(in, CLOCK));
    }

    /**
     * The 10-digit display form reads back as the same number, for everyone the form can name: it
     * carries no century, only '+' for 100 or more, so it names births of the last 200 years.
     */
    private static <T extends PatientIdentifier> void displayRoundTrips(T id, Function<String, T> parser) {
        if (id.birthDate().getYear() > TODAY.getYear() - 200) {
            assertThat(parser.apply(id.display(TODAY))).isEqualTo(id);
        }
    }

    /** The input with its last digit replaced by the Luhn digit of the nine digits before it. */
    private static String withLuhnDigit(String input) {
        int last = -1;
        int seen = 0;
        StringBuilder nine = new StringBuilder();
        for (int i = input.length() - 1; i >= 0 && seen < 10; i--) {
            char c = input.charAt(i);
            if (c >= '0' && c <= '9') {
                if (last < 0) {
                    last = i;
                } else {
                    nine.insert(0, c);
                }
                seen++;
            }
        }
        if (seen < 10 || !DIGITS.matcher(nine).matches()) {
            return input;
        }
        return input.substring(0, last) + Luhn.checkDigit(nine) + input.substring(last + 1);
    }
}
