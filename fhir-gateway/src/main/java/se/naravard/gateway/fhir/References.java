package se.naravard.gateway.fhir;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Logical references by HSA-id (the gateway serves no Organization or Practitioner resources: the HSA
 * catalogue is their home), literal references to what the gateway serves, dates and narratives.
 */
public final class References {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private References() {}

    public static Reference patient(String patientKey) {
        return new Reference("Patient/" + patientKey);
    }

    /** A care unit or organisation by HSA-id; null if there is no id and no name. */
    public static Reference organization(String hsaId, String display) {
        return byHsaId("Organization", hsaId, display);
    }

    /** A person (health professional) by HSA-id; null if there is no id and no name. */
    public static Reference practitioner(String hsaId, String display) {
        return byHsaId("Practitioner", hsaId, display);
    }

    private static Reference byHsaId(String type, String hsaId, String display) {
        if (isBlank(hsaId) && isBlank(display)) {
            return null;
        }
        Reference r = new Reference().setType(type);
        if (!isBlank(hsaId)) {
            r.setIdentifier(new Identifier().setSystem(Systems.HSA_ID).setValue(hsaId));
        }
        if (!isBlank(display)) {
            r.setDisplay(display);
        }
        return r;
    }

    /** The HSA-id of a logical reference (system HSA-id, or its RIV-TA OID form), or null. */
    public static String hsaId(Reference r) {
        if (r == null || !r.hasIdentifier()) {
            return null;
        }
        String system = r.getIdentifier().getSystem();
        return Systems.HSA_ID.equals(system) || Systems.HSA_ID_OID.equals(system)
                ? r.getIdentifier().getValue()
                : null;
    }

    /** An ISO instant of the service as a dateTime, or null if absent or unreadable. */
    public static DateTimeType dateTime(String isoInstant) {
        Date d = date(isoInstant);
        return d == null ? null : new DateTimeType(d, ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, UTC);
    }

    public static InstantType instant(String isoInstant) {
        Date d = date(isoInstant);
        return d == null ? null : new InstantType(d, ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, UTC);
    }

    /**
     * The value of a dateTime sent to the gateway that must be an instant (the services' times): with
     * time and offset, else null and a fault at {@code expression}.
     */
    public static String timeWithOffset(BaseDateTimeType t, String expression, List<FhirErrors.Issue> issues) {
        String s = t.getValueAsString();
        if (s == null || s.length() <= 10 || t.getTimeZone() == null) {
            issues.add(FhirErrors.invalid(
                    expression,
                    FhirErrors.BAD_VALUE,
                    "a time with an offset is required, e.g. 2026-11-22T11:05:00+01:00"));
            return null;
        }
        return s;
    }

    /** A calendar date ({@code 2026-12-01}) as a dateTime of day precision, or null. */
    public static DateTimeType day(String isoDate) {
        if (isBlank(isoDate)) {
            return null;
        }
        try {
            java.time.LocalDate.parse(isoDate);
            return new DateTimeType(isoDate);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Date date(String isoInstant) {
        if (isBlank(isoInstant)) {
            return null;
        }
        try {
            return Date.from(Instant.parse(isoInstant));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A generated narrative of one plain-text line; no personal data goes in it. The div is built as a
     * node, not parsed from a string: {@code setDivAsString} makes a new XHTML parser each time, which
     * fills a table of ~2,000 HTML entities first (a third of the CPU of a search, in JFR). The encoder
     * escapes the text.
     */
    public static Narrative narrative(String text) {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", XHTML);
        div.addText(text);
        return new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
