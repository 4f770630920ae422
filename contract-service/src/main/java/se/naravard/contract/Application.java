package se.naravard.contract;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** contract-service: patient contracts (patientkontrakt) behind an internal REST API. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "contract-service",
                        version = "v1",
                        description = "Internal API of patient contracts (patientkontrakt): the four parts, versions,"
                                + " status changes and granskning. Errors are application/problem+json."))
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
