package se.naravard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.naravard.infra.TokenMint;

/**
 * The local run's identity provider: a signing key kept in the data directory (so printed tokens
 * survive a restart within their validity), its public JWK set for the gateway and the services, one
 * token per demo persona, written to {@code demo-tokens.env} as shell exports, and the service tokens:
 * the gateway's, in a file it re-reads ({@code SERVICE_TOKEN_FILE}, renewed by {@link LocalStack} as the
 * platform's token agent renews it in production), and the local run's own ({@value #LOCAL_CLIENT}) for
 * the demo loaders and for operators' curl against the internal APIs.
 */
final class DemoTokens {

    static final Duration VALIDITY = Duration.ofHours(12);
    /** The gateway's service token is valid this long and renewed every third of it. */
    static final Duration SERVICE_TOKEN_VALIDITY = Duration.ofHours(1);
    /** The client the local run itself (demo loaders, operators' curl) calls the internal APIs as. */
    static final String LOCAL_CLIENT = "naravard-local";

    static final String GATEWAY_CLIENT = "fhir-gateway";
    static final String SERVICE_TOKEN = "NARAVARD_SERVICE_TOKEN";

    /**
     * A persona: the variable its token is exported as, who it is, what it may do, and the audience its
     * token is for (the FHIR API, or the services' internal APIs).
     */
    record Persona(String variable, String who, String may, String audience, Map<String, Object> claims) {

        Persona(String variable, String who, String may, Map<String, Object> claims) {
            this(variable, who, may, TokenMint.FHIR_AUDIENCE, claims);
        }
    }

    static final List<Persona> PERSONAS = List.of(
            new Persona(
                    "NARAVARD_TOKEN_CITIZEN",
                    "citizen Tolvan Tolvansson (Skatteverket test person)",
                    "read and search their own contract, SIP, care transitions, and who looked at them"
                            + " (AuditEvent?patient=Patient/<own key>) (patient/*.rs): nobody else's",
                    claims("tolvan", "patient/*.rs", Map.of("personnummer", "191212121212"))),
            new Persona(
                    "NARAVARD_TOKEN_REGION_NURSE",
                    "region nurse, Vårdcentralen Öster (SE2321000057-VC01)",
                    "read, search, create and update contracts, SIPs, care teams and goals; revoke a SIP's consent and"
                            + " plan SIP meetings (Appointment); register and lift a spärr of the region's records"
                            + " (Consent); read everything else; only of patients in a care relation with her"
                            + " vårdcentral (emergency access: X-Emergency-Access, logged)",
                    claims(
                            "sara.sjukskoterska",
                            "user/CarePlan.crus user/CareTeam.crus user/Goal.crus user/Patient.rs user/Encounter.rs"
                                    + " user/Communication.rs user/Task.rs user/Consent.crus user/Appointment.crs",
                            staff("SE2321000057-N001", "SE2321000057-VC01", "region", null))),
            new Persona(
                    "NARAVARD_TOKEN_REGION_PHYSICIAN",
                    "region physician, Vårdcentralen Öster",
                    "as the nurse (same care relations), and record LUS messages (create Communication) and complete SIP"
                            + " call-in tasks",
                    claims(
                            "lars.lakare",
                            "user/*.rs user/CarePlan.cu user/CareTeam.cu user/Goal.cu user/Communication.c user/Task.u",
                            staff("SE2321000057-L001", "SE2321000057-VC01", "region", null))),
            new Persona(
                    "NARAVARD_TOKEN_MUNICIPAL_NURSE",
                    "municipal nurse, hemsjukvården Jönköping (kommun 0680)",
                    "read and search residents of kommun 0680 her unit has a relation with (LUS messages to it, SIPs whose"
                            + " consent covers it); record LUS kvittenser; complete SIP call-in tasks",
                    claims(
                            "maria.kommunskoterska",
                            "user/*.rs user/Communication.c user/Task.u",
                            staff("SE2120000530-N010", "SE2120000530-HT01", "kommun", "0680"))),
            new Persona(
                    "NARAVARD_TOKEN_MUNICIPAL_SYSTEM",
                    "municipal documentation system, Jönköping (kommun 0680)",
                    "read and search care transitions of kommun 0680 residents (messages to the kommun) and SIPs whose"
                            + " consent covers it; record LUS messages and kvittenser; subscribe to kommun 0680's"
                            + " notifications (Subscription)",
                    claims(
                            "jonkoping-treserva",
                            "system/Encounter.rs system/Communication.crs system/Task.rs system/Patient.rs"
                                    + " system/CarePlan.rs system/Consent.rs system/Appointment.rs system/Subscription.cruds",
                            system("SE2120000530-SYS1", "kommun", "0680"))),
            new Persona(
                    "NARAVARD_TOKEN_ANALYST",
                    "analyst, Region Jönköpings län",
                    "aggregates only: the follow-up indicators (Measure, MeasureReport, $evaluate-measure) and their"
                            + " bulk $export; no patient data",
                    claims(
                            "anna.analytiker",
                            "user/MeasureReport.rs user/Measure.rs",
                            withRole(staff("SE2321000057-A001", "SE2321000057-ANA1", "region", null), "analyst"))),
            new Persona(
                    "NARAVARD_TOKEN_REGION_MANAGER",
                    "manager (verksamhetschef), primary care of Region Jönköpings län",
                    "aggregates only: the follow-up indicators and the payment liability of every kommun of the county"
                            + " (MeasureReport/$liability), e.g. on the dashboard /uppfoljning/; no patient data",
                    claims(
                            "vera.verksamhetschef",
                            "user/MeasureReport.rs user/Measure.rs",
                            staff("SE2321000057-C001", "SE2321000057-VC01", "region", null))),
            new Persona(
                    "NARAVARD_TOKEN_MUNICIPAL_MANAGER",
                    "manager (enhetschef), hemsjukvården Jönköping (kommun 0680)",
                    "aggregates only: the follow-up indicators and kommun 0680's payment liability (not another"
                            + " kommun's), e.g. on the dashboard /uppfoljning/; no patient data",
                    claims(
                            "kent.enhetschef",
                            "user/MeasureReport.rs user/Measure.rs",
                            staff("SE2120000530-C010", "SE2120000530-HT01", "kommun", "0680"))),
            new Persona(
                    SERVICE_TOKEN,
                    "the local run as a service (client " + LOCAL_CLIENT + "), for operators",
                    "call the internal APIs of contract-, transition- and sip-service directly (the curl examples"
                            + " below); the FHIR API refuses it, as the internal APIs refuse every token above",
                    TokenMint.SERVICE_AUDIENCE,
                    TokenMint.serviceClaims(LOCAL_CLIENT)));

    private final TokenMint mint;
    private final String jwks;

    private DemoTokens(TokenMint mint, String jwks) {
        this.mint = mint;
        this.jwks = jwks;
    }

    /** The key in {@code <data>/security/} (made on first use) and its JWK set beside it. */
    static DemoTokens in(Path dataDirectory) {
        Path dir = dataDirectory.resolve("security");
        TokenMint mint = TokenMint.persistent(dir.resolve("local-idp-signing-key.json"));
        return new DemoTokens(mint, mint.writeJwks(dir.resolve("jwks.json")));
    }

    /**
     * The services' settings for this identity provider: their internal APIs accept service tokens of the
     * gateway and of the local run itself.
     */
    Map<String, String> serviceEnvironment() {
        return Map.of(
                "SERVICE_JWKS",
                jwks,
                "SERVICE_TOKEN_ISSUER",
                mint.issuer(),
                "SERVICE_TOKEN_AUDIENCE",
                TokenMint.SERVICE_AUDIENCE,
                "SERVICE_ALLOWED_CLIENTS",
                GATEWAY_CLIENT + "," + LOCAL_CLIENT);
    }

    /** {@code Bearer <service token>} of the local run itself (the demo loaders), valid an hour. */
    String localServiceAuthorization() {
        return "Bearer " + mint.mintService(LOCAL_CLIENT, SERVICE_TOKEN_VALIDITY);
    }

    /**
     * Writes a fresh service token of {@code client} (valid {@link #SERVICE_TOKEN_VALIDITY}) to {@code
     * file}, replacing the old one in one step (a reader never sees half a token), readable by the owner
     * only.
     */
    Path writeServiceToken(Path file, String client) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, mint.mintService(client, SERVICE_TOKEN_VALIDITY) + "\n");
            try {
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway's settings for this identity provider. */
    Map<String, String> gatewayEnvironment() {
        return Map.of(
                "GATEWAY_JWKS",
                jwks,
                "GATEWAY_TOKEN_ISSUER",
                mint.issuer(),
                "GATEWAY_TOKEN_AUDIENCE",
                TokenMint.FHIR_AUDIENCE);
    }

    /** A fresh token per persona (valid {@link #VALIDITY}), also written to {@code file} as exports. */
    Map<Persona, String> mint(Path file) {
        Map<Persona, String> tokens = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        lines.add(
                "# Demo tokens of the local run, valid " + VALIDITY.toHours() + " h from its start. source this file.");
        for (Persona p : PERSONAS) {
            String token = mint.mint(p.audience(), VALIDITY, p.claims());
            tokens.put(p, token);
            lines.add("# " + p.who() + ": " + p.may());
            lines.add("export " + p.variable() + "=" + token);
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static Map<String, Object> claims(String sub, String scope, Map<String, Object> more) {
        Map<String, Object> c = new LinkedHashMap<>(more);
        c.put("sub", sub);
        c.put("scope", scope);
        return c;
    }

    private static Map<String, Object> staff(String hsaId, String unit, String orgType, String kommun) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("hsa_id", hsaId);
        c.put("care_unit", unit);
        c.put("org_type", orgType);
        c.put("purpose_of_use", "TREAT");
        if (kommun != null) {
            c.put("kommun", kommun);
        }
        return c;
    }

    private static Map<String, Object> system(String hsaId, String orgType, String kommun) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("hsa_id", hsaId);
        c.put("org_type", orgType);
        c.put("kommun", kommun);
        return c;
    }

    private static Map<String, Object> withRole(Map<String, Object> claims, String role) {
        Map<String, Object> c = new LinkedHashMap<>(claims);
        c.put("roles", List.of(role));
        return c;
    }
}
