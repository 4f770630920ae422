package se.naravard.platform.identity;

/**
 * The Luhn (mod 10) check digit used by personnummer, samordningsnummer and organisationsnummer:
 * weights 2,1,2,1… from the rightmost payload digit, add the digits of each product, and choose the
 * check digit that makes the sum divisible by 10 (Skatteverket SKV 704; DOMAIN.md §6).
 */
final class Luhn {

    private Luhn() {}

    /** The check digit for {@code payload}, which must consist of ASCII digits only. */
    static int checkDigit(CharSequence payload) {
        int sum = 0;
        for (int i = payload.length() - 1, weight = 2; i >= 0; i--, weight = 3 - weight) {
            int product = (payload.charAt(i) - '0') * weight;
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether the last digit of {@code digits} (ASCII digits only, at least two) is its Luhn digit. */
    static boolean isValid(CharSequence digits) {
        int last = digits.length() - 1;
        return last > 0 && checkDigit(digits.subSequence(0, last)) == digits.charAt(last) - '0';
    }
}
