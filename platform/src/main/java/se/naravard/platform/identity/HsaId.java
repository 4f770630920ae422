package se.naravard.platform.identity;

import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;

/**
 * An HSA-id: the identity of a person, unit or function in the national HSA catalogue (Hälso- och
 * sjukvårdens adressregister, run by Inera). Form: {@code SE}, the catalogue owner's 10-digit
 * organisation number without hyphen, {@code -}, then one or more of {@code [A-Za-z0-9]}; at most
 * 31 characters, no å/ä/ö, {@code @} or spaces (Inera / openEHR guidance, DOMAIN.md §6). Example
 * {@code SE2321000016-39KJ}. IDs with a {@code 16} century prefix on the organisation number
 * ({@code SE16…}, 12 digits) are seen in practice and accepted [UNVERIFIED].
 *
 * <p>The value is kept exactly as given (no trimming, no case change), but the {@code SE} prefix
 * must be upper case. The organisation number part is not Luhn-checked: the catalogue, not us, is
 * the authority on which owner prefixes exist. HSA-ids are not secret, so {@link #toString()} shows
 * them.
 *
 * <p>Refusals are {@link RejectedException}s whose rejection has field {@code /hsaId} and one of:
 *
 * <table>
 *   <caption>HSA-id rejection codes</caption>
 *   <tr><th>Code</th><th>Refused input</th></tr>
 *   <tr><td>ID-HSA-001</td><td>null or blank</td></tr>
 *   <tr><td>ID-HSA-002</td><td>longer than 31 characters</td></tr>
 *   <tr><td>ID-HSA-003</td><td>a character other than A-Z, a-z, 0-9 and the one hyphen (å, ä, ö, @, space …)</td></tr>
 *   <tr><td>ID-HSA-004</td><td>does not start with upper-case {@code SE}</td></tr>
 *   <tr><td>ID-HSA-005</td><td>no {@code -} after the organisation number</td></tr>
 *   <tr><td>ID-HSA-006</td><td>organisation number part is not 10 digits (or 12 digits starting 16)</td></tr>
 *   <tr><td>ID-HSA-007</td><td>nothing after the {@code -}</td></tr>
 * </table>
 */
public record HsaId(String value) {

    public static final String SYSTEM = "http://electronichealth.se/identifier/hsaid";
    /** The RIV-TA OID; older payloads may carry 1.2.752.29.4.19. */
    public static final String OID = "1.2.752.129.2.1.4.1";

    private static final String FIELD = "/hsaId";
    private static final int MAX_LENGTH = 31;
    private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern ORGANISATION_NUMBER = Pattern.compile("(16)?\\d{10}");

    public HsaId {
        if (value == null || value.isBlank()) {
            throw refusal("ID-HSA-001", "an HSA-id is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw refusal("ID-HSA-002", "an HSA-id has at most 31 characters");
        }
        if (!ALLOWED_CHARACTERS.matcher(value).matches()) {
            throw refusal("ID-HSA-003", "an HSA-id contains only A-Z, a-z, 0-9 and one hyphen");
        }
        if (!value.startsWith("SE")) {
            throw refusal("ID-HSA-004", "an HSA-id starts with upper-case SE");
        }
        int hyphen = value.indexOf('-');
        if (hyphen < 0) {
            throw refusal("ID-HSA-005", "an HSA-id has a hyphen after the organisation number");
        }
        if (!ORGANISATION_NUMBER.matcher(value.substring(2, hyphen)).matches()) {
            throw refusal("ID-HSA-006", "an HSA-id has a 10-digit organisation number after SE");
        }
        String local = value.substring(hyphen + 1);
        if (local.isEmpty()) {
            throw refusal("ID-HSA-007", "an HSA-id has at least one character after the hyphen");
        }
        if (local.indexOf('-') >= 0) {
            throw refusal("ID-HSA-003", "an HSA-id contains only A-Z, a-z, 0-9 and one hyphen");
        }
    }

    public static HsaId of(String input) {
        return new HsaId(input);
    }

    public String system() {
        return SYSTEM;
    }

    public String oid() {
        return OID;
    }

    @Override
    public String toString() {
        return "HsaId[" + value + "]";
    }

    private static RejectedException refusal(String code, String reason) {
        return new RejectedException(new Rejection(code, FIELD, reason));
    }
}
