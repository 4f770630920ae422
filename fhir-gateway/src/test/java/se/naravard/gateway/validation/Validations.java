package se.naravard.gateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** One validator per test JVM (its first call takes seconds); errors and warnings as readable lines. */
public final class Validations {

    private static FhirValidation validation;

    private Validations() {}

    public static synchronized FhirValidation validator() {
        if (validation == null) {
            validation = new FhirValidation(FhirContext.forR4Cached());
        }
        return validation;
    }

    /** The ERROR and FATAL messages; prints the warnings with {@code label}. */
    public static List<String> errors(String label, IBaseResource resource) {
        ValidationResult result = validator().validate(resource);
        for (SingleValidationMessage m : result.getMessages()) {
            if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                System.out.println(
                        "[validator] " + label + " WARNING " + m.getLocationString() + ": " + m.getMessage());
            }
        }
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> label + " " + m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
