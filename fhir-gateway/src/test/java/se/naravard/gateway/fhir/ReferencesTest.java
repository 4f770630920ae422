package se.naravard.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ReferencesTest {

    @Test
    void a_narrative_is_one_escaped_line_in_an_xhtml_div() {
        Patient p = new Patient();
        p.setText(References.narrative("Mål 1 & 2 <i>"));

        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(p);
        String xml = FhirContext.forR4Cached().newXmlParser().encodeResourceToString(p);

        assertThat(json)
                .contains("\"status\":\"generated\"")
                .contains("\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">Mål 1 &amp; 2 &lt;i&gt;</div>\"");
        assertThat(xml).contains("<div xmlns=\"http://www.w3.org/1999/xhtml\">Mål 1 &amp; 2 &lt;i&gt;</div>");
    }
}
