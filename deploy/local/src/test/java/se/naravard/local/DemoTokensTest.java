package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.ServiceTokenFile;
import se.naravard.platform.security.ServiceTokenVerifier;
import se.naravard.platform.security.TokenException;
import se.naravard.platform.security.TokenVerifier;

/**
 * The local run's tokens are what the real checks accept, each only where it belongs: the personas'
 * at the FHIR API, the service tokens (the gateway's file, the loaders', the operators') at the
 * internal APIs with the settings the services are started with.
 */
class DemoTokensTest {

    @TempDir
    Path data;

    @Test
    void personas_are_fhir_callers_and_service_tokens_are_services_never_the_other_way_round() throws IOException {
        DemoTokens tokens = DemoTokens.in(data);
        Map<String, String> services = tokens.serviceEnvironment();
        Map<String, String> gateway = tokens.gatewayEnvironment();
        ServiceTokenVerifier internalApi = ServiceTokenVerifier.of(
                services.get("SERVICE_JWKS"),
                services.get("SERVICE_TOKEN_ISSUER"),
                services.get("SERVICE_TOKEN_AUDIENCE"),
                Arrays.asList(services.get("SERVICE_ALLOWED_CLIENTS").split(",")),
                Clock.systemUTC());
        TokenVerifier fhirApi = TokenVerifier.of(
                gateway.get("GATEWAY_JWKS"),
                gateway.get("GATEWAY_TOKEN_ISSUER"),
                gateway.get("GATEWAY_TOKEN_AUDIENCE"),
                Clock.systemUTC());

        Map<DemoTokens.Persona, String> minted = tokens.mint(data.resolve(LocalStack.TOKENS_FILE));
        Path gatewayFile = tokens.writeServiceToken(data.resolve(LocalStack.GATEWAY_TOKEN_FILE), "fhir-gateway");

        assertThat(internalApi
                        .verifyHeader(ServiceTokenFile.open(gatewayFile).authorization())
                        .clientId())
                .isEqualTo("fhir-gateway");
        assertThat(internalApi.verifyHeader(tokens.localServiceAuthorization()).clientId())
                .isEqualTo(DemoTokens.LOCAL_CLIENT);
        for (Map.Entry<DemoTokens.Persona, String> t : minted.entrySet()) {
            String variable = t.getKey().variable();
            if (variable.equals(DemoTokens.SERVICE_TOKEN)) {
                assertThat(internalApi.verify(t.getValue()).clientId()).isEqualTo(DemoTokens.LOCAL_CLIENT);
                assertThatThrownBy(() -> fhirApi.verify(t.getValue()))
                        .as(variable)
                        .isInstanceOf(TokenException.class);
            } else {
                Caller caller = fhirApi.verify(t.getValue());
                assertThat(caller.kind()).as(variable).isNotNull();
                assertThatThrownBy(() -> internalApi.verify(t.getValue()))
                        .as(variable)
                        .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.reason())
                                .isEqualTo(TokenException.Reason.WRONG_AUDIENCE));
            }
        }
        List<String> env = Files.readAllLines(data.resolve(LocalStack.TOKENS_FILE));
        assertThat(env).anyMatch(l -> l.startsWith("export " + DemoTokens.SERVICE_TOKEN + "=ey"));
    }

    @Test
    void the_gateways_token_file_is_replaced_whole_and_readable_by_its_owner_only() throws IOException {
        DemoTokens tokens = DemoTokens.in(data);
        Path file = data.resolve(LocalStack.GATEWAY_TOKEN_FILE);

        String first = Files.readString(tokens.writeServiceToken(file, "fhir-gateway"));
        String second = Files.readString(tokens.writeServiceToken(file, "fhir-gateway"));

        assertThat(second).isNotEqualTo(first).endsWith("\n");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".next"));
        }
    }
}
