package se.naravard.transition.app;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** transition-service: LUS care transitions behind an internal REST API, with its own deadline clock. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "transition-service",
                        version = "v1",
                        description = "Internal API of care transitions (LUS): inpatient episodes, their messages and"
                                + " receipts, deadline tasks and payment-liability evidence. Errors are"
                                + " application/problem+json."))
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
