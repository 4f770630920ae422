package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.security.WriteActor;
import se.naravard.gateway.validation.Validations;

/**
 * A journal system writes contracts beyond the transaction Bundle: a single CarePlan create, a
 * conditional create that finds the existing contract instead, and updates of the CareTeam and of a
 * Goal, each one contract command seen in contract-service.
 */
class ContractWritesIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final String HSA = "http://electronichealth.se/identifier/hsaid";
    static final String PROVENANCE =
            """
            {"resourceType":"Provenance","recorded":"2026-11-25T10:00:00Z",
             "target":[{"reference":"CareTeam/x"}],
             "agent":[{"who":{"identifier":{"system":"%s","value":"%s"}},
                       "onBehalfOf":{"identifier":{"system":"%s","value":"%s"}}}],
             "reason":[{"text":"Ny fast vårdkontakt efter sjukskrivning"}]}"""
                    .formatted(HSA, TestContracts.NURSE, HSA, TestContracts.UNIT)
                    .replace("\n", "");
    private final IGenericClient fhir = STACK.client();

    @Test
    void a_single_careplan_create_makes_a_draft_contract_and_if_none_exist_finds_it_again() throws Exception {
        String pnr = "19740823-2390";
        CarePlan plan = plan(pnr);

        MethodOutcome created = fhir.create()
                .resource(plan)
                .prefer(PreferReturnEnum.REPRESENTATION)
                .execute();
        String id = created.getId().getIdPart();
        String condition =
                "patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + pnr.replace("-", "") + "&status=draft";
        MethodOutcome again = fhir.create()
                .resource(plan(pnr))
                .conditionalByUrl("CarePlan?" + condition)
                .prefer(PreferReturnEnum.REPRESENTATION)
                .execute();

        assertThat(created.getCreated()).isTrue();
        assertThat(((CarePlan) created.getResource()).getStatus()).isEqualTo(CarePlan.CarePlanStatus.DRAFT);
        assertThat(Validations.errors("created", created.getResource())).isEmpty();
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(id);
        assertThat(contractsOf(pnr)).isEqualTo(1);
    }

    @Test
    void a_conditional_create_matching_two_contracts_is_412_and_an_unknown_condition_400() throws Exception {
        String pnr = "19520307-9313";
        fhir.create().resource(plan(pnr)).execute();
        fhir.create().resource(plan(pnr)).execute();
        int before = contractsOf(pnr);

        assertThatThrownBy(() -> fhir.create()
                        .resource(plan(pnr))
                        .conditionalByUrl(
                                "CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + pnr.replace("-", ""))
                        .execute())
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> fhir.create()
                        .resource(plan(pnr))
                        .conditionalByUrl("CarePlan?intent=plan")
                        .execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                                CarePlanIT.issue(e).getExpression().get(0).getValue())
                        .isEqualTo("http.If-None-Exist"));
        assertThat(contractsOf(pnr)).isEqualTo(before);
    }

    @Test
    void a_careplan_that_is_not_valid_r4_is_422_naming_the_element_and_nothing_is_created() throws Exception {
        String pnr = "19630919-4725";
        CarePlan plan = plan(pnr);
        plan.setIntent(null);
        Bundle bundle = bundle(pnr, null);
        ((CarePlan) bundle.getEntryFirstRep().getResource()).setStatus(null);

        assertThatThrownBy(() -> fhir.create().resource(plan).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(CarePlanIT.issue(e)
                                    .getDetails()
                                    .getCodingFirstRep()
                                    .getCode())
                            .isEqualTo("GATEWAY-035");
                    assertThat(CarePlanIT.issue(e).getExpression().get(0).getValue())
                            .isEqualTo("CarePlan");
                    assertThat(CarePlanIT.issue(e).getDiagnostics()).contains("CarePlan.intent");
                });
        assertThatThrownBy(() -> fhir.transaction().withBundle(bundle).execute())
                .isInstanceOfSatisfying(
                        UnprocessableEntityException.class,
                        e -> assertThat(CarePlanIT.issue(e).getDiagnostics()).contains("CarePlan.status"));
        assertThat(contractsOf(pnr)).isZero();
    }

    @Test
    void a_transaction_with_if_none_exist_on_its_careplan_returns_the_existing_contract() throws Exception {
        String pnr = "19410512-2388";
        Bundle first = bundle(pnr, null);
        String id = new IdType(fhir.transaction()
                        .withBundle(first)
                        .execute()
                        .getEntryFirstRep()
                        .getResponse()
                        .getLocation())
                .getIdPart();

        Bundle response = fhir.transaction()
                .withBundle(bundle(pnr, "patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + pnr.replace("-", "")))
                .execute();

        assertThat(response.getEntryFirstRep().getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart())
                .isEqualTo(id);
        assertThat(contractsOf(pnr)).isEqualTo(1);
    }

    @Test
    void a_careteam_update_replaces_the_fast_vardkontakt_and_keeps_what_the_team_does_not_carry() throws Exception {
        String id = draft();
        CareTeam team = readTeam(id);
        CareTeam.CareTeamParticipantComponent nurse = team.getParticipant().stream()
                .filter(p -> p.getRoleFirstRep().getCodingFirstRep().getCode().equals("fast-vardkontakt"))
                .findFirst()
                .orElseThrow();
        nurse.setMember(new Reference()
                .setType("Practitioner")
                .setIdentifier(new Identifier().setSystem(HSA).setValue("SE2321000057-N002"))
                .setDisplay("Nils Sjuksköterska"));

        MethodOutcome updated = fhir.update()
                .resource(team)
                .withId(id)
                .withAdditionalHeader("If-Match", "W/\"1\"")
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .prefer(PreferReturnEnum.REPRESENTATION)
                .execute();

        assertThat(((CareTeam) updated.getResource()).getMeta().getVersionId()).isEqualTo("2");
        JsonNode stored = contract(id);
        JsonNode v = stored.path("parts").path("fast-vardkontakt");
        assertThat(v.path("person").path("hsaId").asText()).isEqualTo("SE2321000057-N002");
        assertThat(v.path("reach").path("hours").asText()).isEqualTo("vardagar 8-16");
        assertThat(v.path("appointedBy").asText()).isEqualTo("SE2321000057-VC00");
        assertThat(stored.path("parts")
                        .path("fast-lakarkontakt")
                        .path("booking")
                        .has("phone"))
                .isFalse();
        assertThat(stored.path("lastChange").path("reason").asText())
                .isEqualTo("Ny fast vårdkontakt efter sjukskrivning");
        assertThat(Validations.errors("updated", updated.getResource())).isEmpty();
    }

    @Test
    void careteam_updates_refuse_two_parts_at_once_a_missing_actor_and_a_stale_version() throws Exception {
        String id = draft();
        CareTeam team = readTeam(id);
        team.getParticipant().forEach(p -> {
            if (p.getMember().hasIdentifier()
                    && "Practitioner".equals(p.getMember().getType())) {
                p.getMember().setDisplay("Ny " + p.getMember().getDisplay());
            }
        });

        assertThatThrownBy(() -> fhir.update()
                        .resource(team)
                        .withId(id)
                        .withAdditionalHeader("If-Match", "W/\"1\"")
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                                CarePlanIT.issue(e).getExpression().get(0).getValue())
                        .isEqualTo("CareTeam.participant"));
        assertThatThrownBy(() -> fhir.update()
                        .resource(team)
                        .withId(id)
                        .withAdditionalHeader("If-Match", "W/\"1\"")
                        .execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(CarePlanIT.issue(e).getLocation().get(0).getValue())
                            .isEqualTo("http.X-Provenance");
                });
        assertThatThrownBy(() -> fhir.update()
                        .resource(team)
                        .withId(id)
                        .withAdditionalHeader("If-Match", "W/\"7\"")
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(contract(id).path("version").asInt()).isEqualTo(1);
    }

    @Test
    void a_goal_update_changes_only_that_goals_words_and_not_its_status() throws Exception {
        String id = draft();
        Goal goal = fhir.read().resource(Goal.class).withId(id + "-2").execute();
        goal.setId(new IdType("Goal", id + "-2"));
        goal.getDescription().setText("Bo kvar hemma med hjälp av hemtjänst");

        MethodOutcome updated = fhir.update()
                .resource(goal)
                .withId(id + "-2")
                .withAdditionalHeader("If-Match", "W/\"1\"")
                .withAdditionalHeader("X-Provenance", PROVENANCE)
                .prefer(PreferReturnEnum.REPRESENTATION)
                .execute();
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.COMPLETED);

        assertThat(((Goal) updated.getResource()).getDescription().getText())
                .isEqualTo("Bo kvar hemma med hjälp av hemtjänst");
        JsonNode planning = contract(id).path("parts").path("sammanhallen-planering");
        assertThat(planning.path("goals").get(0).path("text").asText()).isEqualTo("Kunna gå till affären själv");
        assertThat(planning.path("contacts")).hasSize(2);
        assertThatThrownBy(() -> fhir.update()
                        .resource(goal)
                        .withId(id + "-2")
                        .withAdditionalHeader("If-Match", "W/\"2\"")
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(
                                CarePlanIT.issue(e).getExpression().get(0).getValue())
                        .isEqualTo("Goal.lifecycleStatus"));
    }

    @Test
    void the_actor_of_a_write_is_the_one_the_token_names() throws Exception {
        String id = draft();
        Goal goal = fhir.read().resource(Goal.class).withId(id + "-2").execute();
        goal.setId(new IdType("Goal", id + "-2"));
        goal.getDescription().setText("Klara trappan hemma");
        java.util.Map<String, Object> claims =
                AccessRulesIT.staff("SE2321000057-L001", TestContracts.UNIT, "region", null);
        claims.put("scope", "user/*.cruds");
        IGenericClient physician = GatewayStack.client(STACK.gateway.fhirBase(), TestTokens.token(claims));

        assertThatThrownBy(() -> physician
                        .update()
                        .resource(goal)
                        .withId(id + "-2")
                        .withAdditionalHeader("If-Match", "W/\"1\"")
                        .withAdditionalHeader("X-Provenance", PROVENANCE)
                        .execute())
                .as("a person's token names no one else")
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(CarePlanIT.issue(e)
                                    .getDetails()
                                    .getCodingFirstRep()
                                    .getCode())
                            .isEqualTo(WriteActor.NOT_YOURS);
                    assertThat(CarePlanIT.issue(e).getExpression().get(0).getValue())
                            .isEqualTo("http.X-Provenance");
                });
        assertThat(contract(id).path("version").asInt()).isEqualTo(1);

        physician
                .update()
                .resource(goal)
                .withId(id + "-2")
                .withAdditionalHeader("If-Match", "W/\"1\"")
                .execute();
        assertThat(contract(id).path("lastChange").path("actor").path("person").asText())
                .as("without X-Provenance the token is the actor")
                .isEqualTo("SE2321000057-L001");

        String otherProvider = PROVENANCE.replace(TestContracts.UNIT, "SE2321000099-VC01");
        assertThatThrownBy(() -> fhir.update()
                        .resource(goal)
                        .withId(id + "-2")
                        .withAdditionalHeader("If-Match", "W/\"2\"")
                        .withAdditionalHeader("X-Provenance", otherProvider)
                        .execute())
                .as("a system acts for its own care provider's units only")
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(403));

        int before = contractsOf("19810107-9294");
        assertThatThrownBy(
                        () -> physician.create().resource(plan("19810107-9294")).execute())
                .as("a new contract's contributor is the token's person")
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(CarePlanIT.issue(e).getExpression().get(0).getValue())
                            .isEqualTo("CarePlan.contributor");
                });
        assertThat(contractsOf("19810107-9294")).isEqualTo(before);
    }

    private CareTeam readTeam(String id) {
        CareTeam team = fhir.read().resource(CareTeam.class).withId(id).execute();
        team.setId(new IdType("CareTeam", id));
        return team;
    }

    static CarePlan plan(String pnr) {
        CarePlan plan = new CarePlan()
                .setStatus(CarePlan.CarePlanStatus.DRAFT)
                .setIntent(CarePlan.CarePlanIntent.PLAN)
                .setSubject(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(TestContracts.PNR_SYSTEM)
                                .setValue(pnr)))
                .setAuthor(new Reference()
                        .setType("Organization")
                        .setIdentifier(new Identifier().setSystem(HSA).setValue(TestContracts.UNIT)))
                .addContributor(new Reference()
                        .setType("Practitioner")
                        .setIdentifier(new Identifier().setSystem(HSA).setValue(TestContracts.NURSE)));
        plan.addExtension("https://naravard.se/fhir/StructureDefinition/kommun", new CodeType("0680"));
        plan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription("Promenad varje dag")
                .addPerformer(new Reference().setType("Patient"));
        return plan;
    }

    static Bundle bundle(String pnr, String ifNoneExist) {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        b.addEntry()
                .setFullUrl("urn:uuid:6f1c0e0a-1b2c-4d3e-8f40-000000000001")
                .setResource(plan(pnr))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("CarePlan")
                .setIfNoneExist(ifNoneExist);
        return b;
    }

    private static String draft() throws Exception {
        var r = STACK.contractService.send("POST", "/contracts", TestContracts.createJson("19810107-9294"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new ObjectMapper().readTree(r.body()).get("id").asText();
    }

    private static JsonNode contract(String id) throws Exception {
        return new ObjectMapper()
                .readTree(STACK.contractService
                        .send("GET", "/contracts/" + id, null)
                        .body());
    }

    private static int contractsOf(String pnr) throws Exception {
        var r = STACK.contractService.send("POST", "/contracts/search", "{\"patient\":\"" + pnr + "\",\"limit\":100}");
        return new ObjectMapper().readTree(r.body()).path("contracts").size();
    }
}
