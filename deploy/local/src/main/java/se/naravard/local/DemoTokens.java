package se.naravard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.naravard.infra.TokenMint;

/**
 * The local run's identity provider: a signing key kept in the data directory (so printed tokens
 * survive a restart within their validity), its public JWK set for the gateway, and one token per
 * demo persona, written to {@code demo-tokens.env} as shell exports.
 */
final class DemoTokens {

    static final Duration VALIDITY = Duration.ofHours(12);

    /** A persona: the variable its token is exported as, who it is, and what it may do. */
    record Persona(String variable, String who, String may, Map<String, Object> claims) {}

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
                    "read, search, create and update contracts, care teams and goals; read everything else; only of patients"
                            + " in a care relation with her vårdcentral (emergency access: X-Emergency-Access, logged)",
                    claims(
                            "sara.sjukskoterska",
                            "user/CarePlan.crus user/CareTeam.crus user/Goal.crus user/Patient.rs user/Encounter.rs"
                                    + " user/Communication.rs user/Task.rs user/Consent.rs user/Appointment.rs",
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
                            + " consent covers it; record LUS messages and kvittenser",
                    claims(
                            "jonkoping-treserva",
                            "system/Encounter.rs system/Communication.crs system/Task.rs system/Patient.rs"
                                    + " system/CarePlan.rs system/Consent.rs system/Appointment.rs",
                            system("SE2120000530-SYS1", "kommun", "0680"))),
            new Persona(
                    "NARAVARD_TOKEN_ANALYST",
                    "analyst, Region Jönköpings län",
                    "aggregates only (MeasureReport, with the follow-up issue); no patient data",
                    claims(
                            "anna.analytiker",
                            "user/MeasureReport.rs user/Measure.rs",
                            withRole(staff("SE2321000057-A001", "SE2321000057-ANA1", "region", null), "analyst"))));

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
            String token = mint.mint(TokenMint.FHIR_AUDIENCE, VALIDITY, p.claims());
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
