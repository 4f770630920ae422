package se.naravard.platform.identity;

import java.time.Clock;
import java.time.LocalDate;

/**
 * A national identifier of a patient: a {@link Personnummer} or a {@link Samordningsnummer}.
 * Regional reserve numbers (reservnummer) are deliberately not patient identifiers here: their
 * formats differ per region and they are never to be treated as a personnummer (DOMAIN.md §6).
 */
public sealed interface PatientIdentifier permits Personnummer, Samordningsnummer {

    /** The normalized 12 digits, {@code YYYYMMDDNNNC}. Never log it; {@code toString()} masks it. */
    String value();

    /** The FHIR {@code Identifier.system} URI (HL7 Sweden basprofiler). */
    String system();

    /** The OID used in RIV-TA payloads. */
    String oid();

    LocalDate birthDate();

    /** The 10-digit display form {@code YYMMDD-NNNC}; {@code +} from the year the person turns 100. */
    String display(LocalDate today);

    /**
     * Reads a personnummer or a samordningsnummer in any form {@link Personnummer#of(String)}
     * accepts, choosing by the day field: 61-91 is a samordningsnummer, anything else is read (and,
     * if invalid, refused) as a personnummer.
     *
     * @throws se.naravard.platform.domain.RejectedException with an {@code ID-PNR-…} or {@code
     *     ID-SNR-…} code
     */
    static PatientIdentifier parse(String input) {
        return parse(input, Clock.system(PersonalNumbers.SWEDEN));
    }

    /** As {@link #parse(String)}, with today's date (century, future check) taken from {@code clock}. */
    static PatientIdentifier parse(String input, Clock clock) {
        return PersonalNumbers.hasCoordinationDay(input)
                ? Samordningsnummer.of(input, clock)
                : Personnummer.of(input, clock);
    }
}
