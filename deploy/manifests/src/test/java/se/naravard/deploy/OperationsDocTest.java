package se.naravard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/operations.md is the configuration reference: every variable a service reads is in it. */
class OperationsDocTest {

    @Test
    void every_variable_of_every_application_yml_is_documented() throws IOException {
        String doc = Files.readString(Repo.path("docs/operations.md"));
        for (ServiceSettings service : ServiceSettings.ALL) {
            for (String variable : service.defaults().keySet()) {
                assertThat(doc).as(service.module() + " reads " + variable).contains("`" + variable);
            }
        }
    }
}
