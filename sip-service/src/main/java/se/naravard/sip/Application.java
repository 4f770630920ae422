package se.naravard.sip;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** sip-service: SIPs (samordnad individuell plan) behind an internal REST API. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "sip-service",
                        version = "v1",
                        description = "Internal API of SIPs (samordnad individuell plan): consent, participants,"
                                + " goals, interventions, meetings, follow-up, versions and status changes."
                                + " Errors are application/problem+json."))
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
