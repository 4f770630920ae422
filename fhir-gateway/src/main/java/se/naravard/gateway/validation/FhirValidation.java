package se.naravard.gateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;

/**
 * HAPI's instance validator against base R4, offline: the core definitions and terminology from the
 * jars, no terminology server, no network (STACK.md §2). Its first call loads the definitions (4–8 s),
 * so the gateway calls {@link #warmUp()} at start-up, before it accepts FHIR requests.
 */
public final class FhirValidation {

    private final FhirValidator validator;

    public FhirValidation(FhirContext fhir) {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        this.validator = fhir.newValidator().registerValidatorModule(instanceValidator);
    }

    /** The validator itself, for HAPI's request-validating interceptor. */
    public FhirValidator validator() {
        return validator;
    }

    public ValidationResult validate(IBaseResource resource) {
        return validator.validateWithResult(resource);
    }

    /** Validates a small CarePlan once, so the definitions are loaded before the first request. */
    public long warmUp() {
        long started = System.nanoTime();
        CarePlan plan = new CarePlan()
                .setStatus(CarePlan.CarePlanStatus.DRAFT)
                .setIntent(CarePlan.CarePlanIntent.PLAN)
                .setSubject(new Reference("Patient/warm-up"));
        validate(plan);
        return (System.nanoTime() - started) / 1_000_000;
    }
}
