package se.naravard.gateway.patient;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import se.naravard.gateway.fhir.References;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * The identity anchor: {@code Patient/<patient key>} with the personnummer or samordningsnummer as
 * its identifier (DOMAIN.md §6), and the birth date and sex the number carries (the 9th digit: odd
 * for men, even for women; Skatteverket SKV 704).
 */
public final class PatientMapper {

    private PatientMapper() {}

    public static Patient toPatient(String key, PatientIdentifier id) {
        return toPatient(key, id, null);
    }

    /**
     * As {@link #toPatient(String, PatientIdentifier)}, with {@code generalPractitioner} the unit the
     * patient is listed with today (listning, DOMAIN.md §1: a vårdcentral as an Organization reference by
     * its HSA-id), when {@code listingUnit} is not null.
     */
    public static Patient toPatient(String key, PatientIdentifier id, String listingUnit) {
        Patient p = new Patient();
        p.setId("Patient/" + key);
        p.setText(References.narrative("Patient (pseudonymous id)"));
        p.addIdentifier(new Identifier()
                .setUse(Identifier.IdentifierUse.OFFICIAL)
                .setSystem(id.system())
                .setValue(id.value()));
        p.setActive(true);
        p.getBirthDateElement().setValueAsString(id.birthDate().toString());
        int ninth = id.value().charAt(10) - '0';
        p.setGender(ninth % 2 == 1 ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        if (listingUnit != null) {
            p.addGeneralPractitioner(References.organization(listingUnit, null));
        }
        return p;
    }
}
