package se.naravard.platform.identity;

import java.time.Clock;
import java.time.LocalDate;

/**
 * A samordningsnummer (coordination number): the identity number Skatteverket gives people who are
 * not, or not yet, entered in the population register, e.g. cross-border workers. It has the form of
 * a {@link Personnummer} with 60 added to the birth day (day field 61-91) and the same Luhn check
 * digit (folkbokföringslagen 18 a §; DOMAIN.md §6).
 *
 * <p>Formats, century rules, display and masking are those of {@link Personnummer}. Refusals are
 * {@link se.naravard.platform.domain.RejectedException}s whose rejection has field {@code
 * /samordningsnummer} and one of these codes:
 *
 * <table>
 *   <caption>Samordningsnummer rejection codes</caption>
 *   <tr><th>Code</th><th>Refused input</th></tr>
 *   <tr><td>ID-SNR-001</td><td>null or blank</td></tr>
 *   <tr><td>ID-SNR-002</td><td>wrong length or characters (not one of the accepted forms)</td></tr>
 *   <tr><td>ID-SNR-003</td><td>wrong separator ({@code +} in the 12-digit form, or not {@code -}/{@code +})</td></tr>
 *   <tr><td>ID-SNR-004</td><td>not a calendar date once 60 is taken from the day</td></tr>
 *   <tr><td>ID-SNR-005</td><td>birth date in the future</td></tr>
 *   <tr><td>ID-SNR-006</td><td>wrong check digit (Luhn)</td></tr>
 *   <tr><td>ID-SNR-007</td><td>day field outside 61-91 (e.g. a personnummer, or day 92)</td></tr>
 *   <tr><td>ID-SNR-008</td><td>a regional reserve number (reservnummer) form</td></tr>
 * </table>
 */
public record Samordningsnummer(String value) implements PatientIdentifier {

    public static final String SYSTEM = "http://electronichealth.se/identifier/samordningsnummer";
    public static final String OID = "1.2.752.129.2.1.3.3";

    private static final PersonalNumberKind KIND = PersonalNumberKind.SAMORDNINGSNUMMER;

    /** Validates the normalized form; "today" is the current date in Sweden. */
    public Samordningsnummer {
        PersonalNumbers.validate(value, KIND, LocalDate.now(PersonalNumbers.SWEDEN));
    }

    /** Reads the same forms as {@link Personnummer#of(String)}, with the same century rules. */
    public static Samordningsnummer of(String input) {
        return of(input, Clock.system(PersonalNumbers.SWEDEN));
    }

    /** As {@link #of(String)}, with today's date (century, future check) taken from {@code clock}. */
    public static Samordningsnummer of(String input, Clock clock) {
        return new Samordningsnummer(PersonalNumbers.normalize(input, KIND, clock));
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String oid() {
        return OID;
    }

    /** The real birth date: the day field minus 60. */
    @Override
    public LocalDate birthDate() {
        return PersonalNumbers.birthDate(value, KIND);
    }

    @Override
    public String display(LocalDate today) {
        return PersonalNumbers.display(value, today);
    }

    /** {@code Samordningsnummer[YYYYMMDD-****]}, with the day field as stored (61-91). */
    @Override
    public String toString() {
        return PersonalNumbers.masked("Samordningsnummer", value);
    }
}
