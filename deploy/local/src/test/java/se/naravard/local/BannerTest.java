package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.naravard.local.ContractApi.Contract;
import se.naravard.local.SipApi.Sip;
import se.naravard.local.TransitionApi.Episode;

class BannerTest {

    private static final String SERVICE_CURL = "curl -s -H \"Authorization: Bearer $NARAVARD_SERVICE_TOKEN\" ";

    private static final String CONTRACT = "11111111-1111-4111-8111-111111111111";
    private static final String MISSED = "22222222-2222-4222-8222-222222222222";
    private static final String LIABLE = "33333333-3333-4333-8333-333333333333";
    private static final String SIP = "44444444-4444-4444-8444-444444444444";

    @TempDir
    Path root;

    @Test
    void listsEveryServiceItsDemoDataCurlExamplesAndTopics() throws IOException {
        String text = banner(new Banner.Demos(
                        new DemoData.Result(
                                true,
                                List.of(new DemoData.Entry(new Contract(CONTRACT, 3, "active", "0680"), "hjärtsvikt"))),
                        new TransitionDemo.Result(
                                true,
                                List.of(
                                        new TransitionDemo.Entry(
                                                new Episode(MISSED, 2, "admitted", "0680"), "missad tidsfrist"),
                                        new TransitionDemo.Entry(
                                                new Episode(LIABLE, 8, "utskrivningsklar", "0680"), "ansvarsdagar")),
                                MISSED,
                                LIABLE),
                        new SipDemo.Result(
                                true,
                                List.of(new SipDemo.Entry(new Sip(SIP, 13, "active", "2380", "valid"), "aktiv")))))
                .text(12.3);

        assertThat(text)
                .contains("ready in 12.3 s")
                .contains("transition-service  http://localhost:8083/episodes")
                .contains("sip-service         http://localhost:8082/sips")
                .contains("http://localhost:8083/openapi/transition-service-v1.yml")
                .contains("jdbc:postgresql://localhost:15432/transition", "jdbc:postgresql://localhost:15432/sip")
                .contains("contract.events, contract.events.dlq, transition.events, transition.events.dlq, sip.events")
                .contains("transition-service: 2 episodes loaded", "sip-service: 1 SIPs loaded")
                .contains("   " + MISSED + "  admitted         Jönköping (0680)   missad tidsfrist")
                .contains("   " + SIP + "  active           Östersund (2380)   aktiv")
                .contains(SERVICE_CURL + "http://localhost:8083/episodes/" + MISSED)
                .contains(SERVICE_CURL + "http://localhost:8083/episodes/" + LIABLE + "/liability")
                .contains(SERVICE_CURL + "'http://localhost:8083/tasks?kommun=0680&state=missed'")
                .contains(SERVICE_CURL + "http://localhost:8083/liability/0680/2026-11")
                .contains(SERVICE_CURL + "http://localhost:8082/sips/" + SIP)
                .contains(SERVICE_CURL + "http://localhost:8081/contracts/" + CONTRACT)
                .contains("-t transition.events ", "-t sip.events ")
                .contains("fhir-gateway        http://localhost:8080/fhir")
                .contains("health            http://localhost:8090/health")
                .contains("curl -s http://localhost:8080/fhir/metadata")
                .contains(
                        "citizen page      http://localhost:8080/min-plan/  (log in with $NARAVARD_TOKEN_CITIZEN below)")
                .contains("dashboard         http://localhost:8080/uppfoljning/"
                        + "  (log in with $NARAVARD_TOKEN_REGION_MANAGER below)")
                .contains("export NARAVARD_TOKEN_CITIZEN=eyJ.citizen.token")
                .contains("export NARAVARD_SERVICE_TOKEN=eyJ.service.token")
                .doesNotContainPattern("curl -s '?http://localhost:808[123]")
                .contains("source " + root.resolve(".local-data/demo-tokens.env"))
                .contains("curl -s -H \"Authorization: Bearer $NARAVARD_TOKEN_REGION_NURSE\" "
                        + "http://localhost:8080/fhir/CarePlan/" + CONTRACT)
                .contains("curl -s -H \"Authorization: Bearer $NARAVARD_TOKEN_REGION_NURSE\" "
                        + "'http://localhost:8080/fhir/CarePlan?patient.identifier="
                        + "http://electronichealth.se/identifier/personnummer%7C191212121212"
                        + "&_include=CarePlan:care-team&_include=CarePlan:goal'")
                .contains("curl -s -H \"Authorization: Bearer $NARAVARD_TOKEN_CITIZEN\" "
                        + "'http://localhost:8080/fhir/Encounter?patient.identifier="
                        + "http://electronichealth.se/identifier/personnummer%7C191212121212'")
                .contains("Ctrl-C stops contract-service, transition-service, sip-service, fhir-gateway, Kafka and"
                        + " PostgreSQL.")
                .doesNotContainPattern("\\b(19|20)\\d{6}-\\d{4}\\b");
    }

    @Test
    void saysWhenDataWasFoundInsteadOfLoaded() throws IOException {
        String text = banner(new Banner.Demos(
                        new DemoData.Result(false, List.of()),
                        new TransitionDemo.Result(
                                false,
                                List.of(new TransitionDemo.Entry(
                                        new Episode(LIABLE, 8, "utskrivningsklar", "0680"), "")),
                                null,
                                null),
                        new SipDemo.Result(false, List.of())))
                .text(1);

        assertThat(text)
                .contains("transition-service: episodes found in the database, so no demo data loaded")
                .contains(SERVICE_CURL + "http://localhost:8083/episodes/" + LIABLE + "/liability")
                .doesNotContain("deadline clock marks");
    }

    private Banner banner(Banner.Demos demos) throws IOException {
        Files.createDirectories(root.resolve("deploy/local"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("deploy/local/pom.xml"), "<project/>");
        Path swagger = root.resolve("transition-service/target/classes/META-INF/swagger");
        Files.createDirectories(swagger);
        Files.writeString(swagger.resolve("transition-service-v1.yml"), "openapi: 3.0.1");
        Properties properties = new Properties();
        properties.setProperty("naravard.root", root.toString());
        LocalSettings settings = LocalSettings.resolve(Map.of(), properties);
        List<ServiceProcess> services = List.of(
                service("contract", "contract-service", 8081, "/contracts"),
                service("transition", "transition-service", 8083, "/episodes"),
                service("sip", "sip-service", 8082, "/sips"),
                new ServiceProcess(
                        "fhir",
                        "fhir-gateway",
                        "x.Application",
                        8090,
                        "/fhir",
                        null,
                        List.of(),
                        Map.of(),
                        "-Xmx512m",
                        8080));
        return new Banner(
                settings,
                services,
                new Banner.Database(db -> "jdbc:postgresql://localhost:15432/" + db, "postgres", "postgres"),
                demos,
                "2026-11",
                tokens(),
                root.resolve(".local-data/demo-tokens.env"));
    }

    /** The citizen's and the service token, in the order of DemoTokens.PERSONAS. */
    private static Map<DemoTokens.Persona, String> tokens() {
        Map<DemoTokens.Persona, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put(DemoTokens.PERSONAS.get(0), "eyJ.citizen.token");
        tokens.put(DemoTokens.PERSONAS.get(DemoTokens.PERSONAS.size() - 1), "eyJ.service.token");
        return tokens;
    }

    private static ServiceProcess service(String name, String module, int port, String path) {
        return new ServiceProcess(
                name,
                module,
                "x.Application",
                port,
                path,
                name,
                List.of(name + ".events", name + ".events.dlq"),
                Map.of());
    }
}
