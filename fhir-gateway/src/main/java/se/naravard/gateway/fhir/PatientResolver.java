package se.naravard.gateway.fhir;

import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.regex.Pattern;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.identity.Personnummer;
import se.naravard.platform.identity.Samordningsnummer;

/**
 * The patient's FHIR id is the pseudonymous patient key of the events (HMAC of identifier system and
 * value with the services' shared secret, {@link PatientKeys}), so no personnummer ever appears in
 * a URL the gateway makes or serves. A personnummer or samordningsnummer arrives only as an
 * identifier token ({@code system|value}) and is turned into the key here, after the platform's
 * checks (format, date, Luhn digit).
 */
public final class PatientResolver {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private final PatientKeys keys;

    public PatientResolver(PatientKeys keys) {
        this.keys = keys;
    }

    /** The key of an identifier as the services store it (system URI and normalized value). */
    public String keyOf(String system, String value) {
        return keys.keyFor(system, value);
    }

    public static boolean isKey(String id) {
        return id != null && KEY.matcher(id).matches();
    }

    /**
     * The key for an identifier token. Refuses (400, expression {@code expression}, location {@code
     * http.<parameter>}) a missing or foreign system and an invalid number.
     */
    public PatientIdentifier identifier(String system, String value, String parameter, String expression) {
        if (system == null || system.isBlank()) {
            throw FhirErrors.badParameter(
                    parameter,
                    expression,
                    FhirErrors.UNSUPPORTED_SYSTEM,
                    "give the identifier as system|value with the system " + Personnummer.SYSTEM + " or "
                            + Samordningsnummer.SYSTEM);
        }
        if (!system.equals(Personnummer.SYSTEM) && !system.equals(Samordningsnummer.SYSTEM)) {
            throw FhirErrors.badParameter(
                    parameter,
                    expression,
                    FhirErrors.UNSUPPORTED_SYSTEM,
                    "unsupported identifier system; use " + Personnummer.SYSTEM + " or " + Samordningsnummer.SYSTEM);
        }
        PatientIdentifier id;
        try {
            id = PatientIdentifier.parse(value);
        } catch (RejectedException e) {
            throw FhirErrors.badParameter(
                    parameter, expression, e.first().code(), e.first().reason());
        }
        if (!id.system().equals(system)) {
            throw FhirErrors.badParameter(
                    parameter,
                    expression,
                    FhirErrors.UNSUPPORTED_SYSTEM,
                    "the number is a " + (id instanceof Personnummer ? "personnummer" : "samordningsnummer")
                            + " but the system says otherwise");
        }
        return id;
    }

    public String keyFor(PatientIdentifier id) {
        return keys.keyFor(id.system(), id.value());
    }

    /**
     * The key a {@code patient}/{@code subject} search means: {@code Patient/<key>}, {@code <key>}, or
     * the chain {@code patient.identifier=system|value}.
     */
    public String keyFromReference(ReferenceParam ref, String parameter, String expression) {
        if ("identifier".equals(ref.getChain())) {
            String token = ref.getValue();
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String value = bar < 0 ? token : token.substring(bar + 1);
            return keyFor(identifier(system, value, parameter + ".identifier", expression));
        }
        if (":identifier".equals(ref.getQueryParameterQualifier()) || "identifier".equals(ref.getResourceType())) {
            throw FhirErrors.badParameter(
                    parameter + ":identifier",
                    expression,
                    FhirErrors.BAD_REFERENCE,
                    "search by the patient's identifier with the chain " + parameter + ".identifier=system|value");
        }
        if (ref.getChain() != null && !ref.getChain().isEmpty()) {
            throw FhirErrors.badParameter(
                    parameter + "." + ref.getChain(),
                    expression,
                    FhirErrors.BAD_REFERENCE,
                    "only the chain " + parameter + ".identifier is supported");
        }
        String type = ref.getResourceType();
        if (type != null && !type.isEmpty() && !type.equals("Patient")) {
            throw FhirErrors.badParameter(
                    parameter, expression, FhirErrors.BAD_REFERENCE, "the reference must be to a Patient");
        }
        return ref.getIdPart();
    }
}
