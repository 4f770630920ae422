package se.naravard.platform.identity;

import java.time.Clock;
import java.time.LocalDate;

/**
 * A personnummer: the Swedish national identity number that Skatteverket gives everyone entered in
 * the population register (folkbokförd). Stored as 12 digits {@code YYYYMMDDNNNC}: birth date,
 * a three-digit birth number and a Luhn check digit over the 10-digit form {@code YYMMDDNNN}
 * (folkbokföringslagen 18 §; Skatteverket SKV 704; DOMAIN.md §6).
 *
 * <p>The compact constructor takes the normalized 12 digits and refuses anything else; {@link
 * #of(String)} also reads the 10-digit forms. {@link #toString()} masks the number: a personnummer
 * never appears in logs or messages, and no refusal reason contains the input.
 *
 * <p>Refusals are {@link se.naravard.platform.domain.RejectedException}s whose rejection has field
 * {@code /personnummer} (re-point it with {@code Rejection.atField}) and one of these codes:
 *
 * <table>
 *   <caption>Personnummer rejection codes</caption>
 *   <tr><th>Code</th><th>Refused input</th></tr>
 *   <tr><td>ID-PNR-001</td><td>null or blank</td></tr>
 *   <tr><td>ID-PNR-002</td><td>wrong length or characters (not one of the accepted forms)</td></tr>
 *   <tr><td>ID-PNR-003</td><td>wrong separator ({@code +} in the 12-digit form, or not {@code -}/{@code +})</td></tr>
 *   <tr><td>ID-PNR-004</td><td>not a calendar date (month 13, 30 February, year before 1800 …)</td></tr>
 *   <tr><td>ID-PNR-005</td><td>birth date in the future</td></tr>
 *   <tr><td>ID-PNR-006</td><td>wrong check digit (Luhn)</td></tr>
 *   <tr><td>ID-PNR-007</td><td>day 61-91: a samordningsnummer, not a personnummer</td></tr>
 *   <tr><td>ID-PNR-008</td><td>a regional reserve number (reservnummer) form</td></tr>
 * </table>
 */
public record Personnummer(String value) implements PatientIdentifier {

    public static final String SYSTEM = "http://electronichealth.se/identifier/personnummer";
    public static final String OID = "1.2.752.129.2.1.3.1";

    private static final PersonalNumberKind KIND = PersonalNumberKind.PERSONNUMMER;

    /** Validates the normalized form; "today" is the current date in Sweden. */
    public Personnummer {
        PersonalNumbers.validate(value, KIND, LocalDate.now(PersonalNumbers.SWEDEN));
    }

    /**
     * Reads {@code YYYYMMDDNNNC}, {@code YYYYMMDD-NNNC}, {@code YYMMDD-NNNC}, {@code YYMMDD+NNNC} or
     * {@code YYMMDDNNNC}. In the 10-digit forms, {@code -} or no separator means the most recent
     * century in which the birth date is not in the future; {@code +} means aged 100 or more.
     */
    public static Personnummer of(String input) {
        return of(input, Clock.system(PersonalNumbers.SWEDEN));
    }

    /** As {@link #of(String)}, with today's date (century, future check) taken from {@code clock}. */
    public static Personnummer of(String input, Clock clock) {
        return new Personnummer(PersonalNumbers.normalize(input, KIND, clock));
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String oid() {
        return OID;
    }

    @Override
    public LocalDate birthDate() {
        return PersonalNumbers.birthDate(value, KIND);
    }

    @Override
    public String display(LocalDate today) {
        return PersonalNumbers.display(value, today);
    }

    /** {@code Personnummer[YYYYMMDD-****]}. */
    @Override
    public String toString() {
        return PersonalNumbers.masked("Personnummer", value);
    }
}
