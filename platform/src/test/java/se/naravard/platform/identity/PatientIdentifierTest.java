package se.naravard.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.platform.identity.RejectionAssertions.assertRefused;
import static se.naravard.platform.identity.TestPersonnummer.CLOCK;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"19701063-2391", "197010632391", "701063-2391", "7010632391"})
    void day_field_61_to_91_parses_as_samordningsnummer(String input) {
        // given a samordningsnummer in any accepted form

        // when
        PatientIdentifier identifier = PatientIdentifier.parse(input, CLOCK);

        // then
        assertThat(identifier).isInstanceOf(Samordningsnummer.class);
        assertThat(identifier.system()).isEqualTo(Samordningsnummer.SYSTEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19121212-1212", "121212+1212", "199006022397", "5712302842"})
    void day_field_1_to_31_parses_as_personnummer(String input) {
        // given a personnummer in any accepted form

        // when
        PatientIdentifier identifier = PatientIdentifier.parse(input, CLOCK);

        // then
        assertThat(identifier).isInstanceOf(Personnummer.class);
        assertThat(identifier.oid()).isEqualTo(Personnummer.OID);
    }

    @ParameterizedTest
    @CsvSource({"'', ID-PNR-001", "not a number, ID-PNR-002", "19121212-1213, ID-PNR-006"})
    void input_that_is_neither_is_refused_with_a_personnummer_code(String input, String code) {
        // given input that is not a valid samordningsnummer form

        // when / then
        assertRefused(input, () -> PatientIdentifier.parse(input, CLOCK), code, "/personnummer");
    }
}
