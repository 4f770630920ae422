package se.naravard.transition.liability;

/** Formats whole kronor the Swedish way for explanations: {@code 9 300 kr}. */
final class Kronor {

    private Kronor() {}

    static String format(long kronor) {
        var digits = Long.toString(Math.abs(kronor));
        var out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(' ');
            }
            out.append(digits.charAt(i));
        }
        return (kronor < 0 ? "-" : "") + out + " kr";
    }
}
