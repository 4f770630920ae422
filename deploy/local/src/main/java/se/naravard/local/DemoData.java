package se.naravard.local;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.naravard.local.ContractApi.Contract;

/**
 * Fictional patients and their patientkontrakt, loaded through contract-service's REST API (never
 * into its tables), so the demo also exercises validation, versions, the outbox and {@code
 * contract.events}.
 *
 * <p>Patients are Skatteverket's test personnummer and one test samordningsnummer only; they are
 * never printed. Care units, staff and their HSA-ids are made up, shaped like real ones (region
 * units {@code SE2321000057-VC01}, municipal units {@code SE2120000530-HT01}). Phone numbers of
 * units are placeholders ({@code 036-100000}); the närstående's mobile number is from the series PTS
 * reserves for fiction ({@code 070-17406xx}). Dates are relative to today, so the next steps are
 * always ahead.
 */
final class DemoData {

    /** One loaded or found contract, for the summary; {@code story} never identifies the patient. */
    record Entry(Contract contract, String story) {}

    static final Map<String, String> KOMMUNER = Map.of("0680", "Jönköping", "2380", "Östersund");

    // Region Jönköpings län (fictional units)
    static final String VC_SOLGLANTAN = "SE2321000057-VC01";
    static final String VC_EKBACKEN = "SE2321000057-VC02";
    static final String LUNGMOTTAGNINGEN = "SE2321000057-LM01";
    static final String VERKSAMHETSCHEF_JKP = "SE2321000057-C001";
    // Jönköpings kommun (fictional unit)
    static final String HEMSJUKVARD_JKP = "SE2120000530-HT01";
    // Region Jämtland Härjedalen (fictional units)
    static final String VC_STORSJON = "SE2321000206-VC21";
    static final String DIABETESMOTTAGNINGEN = "SE2321000206-DM01";
    static final String FYSIOTERAPIN = "SE2321000206-FT01";
    static final String VERKSAMHETSCHEF_OSD = "SE2321000206-C021";
    // Östersunds kommun (fictional unit)
    static final String HEMSJUKVARD_OSD = "SE2120002411-HT21";

    private final ContractApi api;
    private final LocalDate today;

    DemoData(ContractApi api) {
        this(api, LocalDate.now(ZoneId.of("Europe/Stockholm")));
    }

    DemoData(ContractApi api, LocalDate today) {
        this.api = api;
        this.today = today;
    }

    /**
     * Loads the demo contracts if contract-service has none yet; otherwise lists what is there.
     *
     * @return the demo contracts when loaded now, else up to 20 existing ones (story empty)
     */
    Result loadIfEmpty() {
        if (!api.list(1).isEmpty()) {
            List<Entry> existing =
                    api.list(20).stream().map(c -> new Entry(c, "")).toList();
            return new Result(false, existing);
        }
        List<Entry> loaded = new ArrayList<>();
        loaded.add(activeHeartFailureWithReview());
        loaded.add(draftDiabetesWithReview());
        loaded.add(revisedKol());
        loaded.add(completedKneeRehab());
        loaded.add(revokedBackPain());
        loaded.add(activeStrokeWithMunicipality());
        listPatients();
        return new Result(true, loaded);
    }

    /**
     * Lists the demo patients with their vårdcentral (listning), some in a target group, so that the
     * indicators over listed patients (contract-coverage, listed-fast-lakarkontakt,
     * target-group-fast-vardkontakt) have a denominator. With so few patients every cell is below 5 and
     * shown as "dold" on the dashboard, as the suppression rules require.
     */
    private void listPatients() {
        list("19121212-1212", VC_SOLGLANTAN, "0680", day(-800), "\"frail-elderly\",\"multimorbidity\"");
        list("19571230-2842", VC_SOLGLANTAN, "0680", day(-400), "\"multimorbidity\"");
        list("19810107-9294", VC_EKBACKEN, "0680", day(-200), "");
        list("19900602-2397", VC_STORSJON, "2380", day(-60), "");
        list("19701063-2391", VC_STORSJON, "2380", day(-500), "\"frail-elderly\"");
        list("20000102-2391", VC_STORSJON, "2380", day(-700), "");
    }

    private void list(String person, String unit, String kommun, String from, String targetGroups) {
        api.listPatient("{\"person\":\"" + person + "\",\"unit\":\"" + unit + "\",\"kommun\":\"" + kommun
                + "\",\"from\":\"" + from + "\",\"targetGroups\":[" + targetGroups + "]}");
    }

    record Result(boolean loadedNow, List<Entry> entries) {

        List<DemoRow> rows() {
            return entries.stream()
                    .map(e -> new DemoRow(
                            e.contract().id(),
                            e.contract().status(),
                            e.contract().kommun(),
                            e.story()))
                    .toList();
        }

        /** A contract worth showing in the curl example: an agreed one if there is one. */
        String exampleId() {
            return entries.stream()
                    .filter(e -> e.contract().status().equals("active"))
                    .findFirst()
                    .or(() -> entries.stream().findFirst())
                    .map(e -> e.contract().id())
                    .orElse(null);
        }
    }

    /** 0680, active, granskad: hjärtsvikt, home from hospital with hemsjukvård. */
    private Entry activeHeartFailureWithReview() {
        String actor = actor("SE2321000057-N001", VC_SOLGLANTAN);
        String planning =
                """
                {"owner":"%s","delegates":["%s"],
                 "goals":[{"text":"Jag vill bo kvar hemma och klara mig själv så länge det går."},
                          {"text":"Jag vill orka gå till affären och till kyrkan på söndagarna."}],
                 "selfCare":["Väger mig varje morgon före frukost och skriver upp vikten.",
                             "Ringer vårdcentralen om vikten ökat mer än 2 kg på tre dagar eller om jag blir andfådd i vila.",
                             "Tar vätskedrivande enligt läkemedelslistan; dottern hjälper mig att fylla dosetten.",
                             "Promenerar en kvart varje dag när vädret tillåter."],
                 "contacts":[{"name":"Vårdcentralen Solgläntan","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"036-100000","eService":"1177","hours":"vardagar 8–17"}},
                             {"name":"Hemsjukvården, Jönköpings kommun","unit":"%s","role":"kommunal hemsjukvård",
                              "path":{"phone":"036-100200","hours":"dygnet runt"}},
                             {"name":"Anna, dotter","role":"närstående","path":{"phone":"070-174 06 10"}},
                             {"name":"1177 Vårdguiden","role":"sjukvårdsrådgivning på kvällar och helger",
                              "path":{"phone":"1177","hours":"dygnet runt"}}],
                 "linkedPlans":[{"kind":"SIP","reference":"sip-0680-demo-001"}],
                 "medicationListReference":"Nationella läkemedelslistan",
                 "agreedOn":"%s"}"""
                        .formatted(VC_SOLGLANTAN, HEMSJUKVARD_JKP, VC_SOLGLANTAN, HEMSJUKVARD_JKP, day(-14));
        String vardkontakt =
                """
                {"owner":"%s",
                 "person":{"hsaId":"SE2321000057-N001","name":"Sara Lind","profession":"sjuksköterska"},
                 "unit":"%s","reach":{"phone":"036-100010","eService":"1177","hours":"vardagar 8–16"},
                 "substitute":{"hsaId":"SE2321000057-N002","name":"Johan Ek","profession":"sjuksköterska"},
                 "from":"%s","appointedBy":"%s"}"""
                        .formatted(VC_SOLGLANTAN, VC_SOLGLANTAN, day(-14), VERKSAMHETSCHEF_JKP);
        String lakarkontakt =
                """
                {"owner":"%s","physician":{"hsaId":"SE2321000057-L001","name":"Lars Berg",
                 "profession":"specialist i allmänmedicin"},
                 "vardcentral":"%s","from":"%s",
                 "booking":{"phone":"036-100000","eService":"1177","hours":"vardagar 8–17"}}"""
                        .formatted(VC_SOLGLANTAN, VC_SOLGLANTAN, day(-380));
        String nextSteps =
                """
                {"owner":"%s","steps":[
                  {"id":"s1","what":"Utskrivning från medicinkliniken med samordnad individuell plan",
                   "who":{"name":"Medicinkliniken"},"date":"%s","how":"VISIT","status":"DONE"},
                  {"id":"s2","what":"Hemsjukvården går igenom läkemedlen och dosetten hemma",
                   "who":{"unit":"%s","name":"Distriktssköterska Maria Ek"},"date":"%s","how":"VISIT","status":"BOOKED"},
                  {"id":"s3","what":"Återbesök hos sjuksköterska: vikt, blodtryck och blodprov",
                   "who":{"person":"SE2321000057-N001","unit":"%s","name":"Sara Lind"},"date":"%s",
                   "how":"VISIT","status":"BOOKED"},
                  {"id":"s4","what":"Läkaren ringer om dosen vätskedrivande när provsvaren kommit",
                   "who":{"person":"SE2321000057-L001","unit":"%s","name":"Lars Berg"},"date":"%s","windowEnd":"%s",
                   "how":"PHONE","status":"PLANNED"}]}"""
                        .formatted(
                                VC_SOLGLANTAN,
                                day(-15),
                                HEMSJUKVARD_JKP,
                                day(3),
                                VC_SOLGLANTAN,
                                day(7),
                                VC_SOLGLANTAN,
                                day(10),
                                day(14));
        Contract c = api.create(create(
                "19121212-1212",
                "0680",
                actor,
                "Nytt patientkontrakt efter utskrivning från sjukhus",
                planning,
                vardkontakt,
                lakarkontakt,
                nextSteps));
        c = api.changeStatus(c, status("active", actor, "Överenskommet med patienten och dottern vid hembesök"));
        boolean passed = api.review(
                c,
                """
                {"actor":%s,"comment":"Granskad på teamträffen: alla fyra delar finns och varje nästa steg har ansvarig och datum."}"""
                        .formatted(actor("SE2321000057-N003", VC_SOLGLANTAN)));
        return new Entry(c, "hjärtsvikt, hemma efter sjukhusvård; granskad: " + verdict(passed));
    }

    /** 2380, draft, granskad: the granskning shows what is still missing. */
    private Entry draftDiabetesWithReview() {
        String actor = actor("SE2321000206-N021", VC_STORSJON);
        String planning =
                """
                {"owner":"%s",
                 "goals":[{"text":"Jag vill få bättre koll på blodsockret så att jag kan gå tillbaka till heltid."},
                          {"text":"Jag vill kunna träna på gym igen utan att vara rädd för känningar."}],
                 "selfCare":["Tittar på sensorkurvan morgon och kväll och justerar insulinet enligt schemat.",
                             "Har alltid druvsocker i jackfickan och i gymväskan.",
                             "Tar med dagboken över måltider och insulin till nästa besök."],
                 "contacts":[{"name":"Diabetesmottagningen","unit":"%s","role":"specialistmottagning",
                              "path":{"phone":"063-100300","eService":"1177","hours":"vardagar 8–12"}},
                             {"name":"Vårdcentralen Storsjön","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"063-100000","eService":"1177","hours":"vardagar 8–17"}}]}"""
                        .formatted(VC_STORSJON, DIABETESMOTTAGNINGEN, VC_STORSJON);
        String nextSteps =
                """
                {"owner":"%s","steps":[
                  {"id":"s1","what":"Besök hos diabetessjuksköterska: genomgång av sensorkurvorna",
                   "who":{"unit":"%s","name":"Diabetessjuksköterska"},"date":"%s","how":"VISIT","status":"BOOKED"},
                  {"id":"s2","what":"Samtal med kurator om stress och sömn",
                   "who":{"name":"Kurator på vårdcentralen"},"how":"VIDEO","status":"PLANNED"}]}"""
                        .formatted(VC_STORSJON, DIABETESMOTTAGNINGEN, day(12));
        Contract c = api.create(
                create("19900602-2397", "2380", actor, "Utkast inför besök", planning, null, null, nextSteps));
        boolean passed = api.review(
                c,
                """
                {"actor":%s,"comment":"Utkastet granskat: fast vårdkontakt och fast läkarkontakt saknas, kuratorssamtalet saknar datum och ansvarig enhet."}"""
                        .formatted(actor("SE2321000206-N023", VC_STORSJON)));
        return new Entry(c, "diabetes typ 1, utkast; granskad: " + verdict(passed));
    }

    /** 0680, revised: agreed, then the next steps changed after a KOL exacerbation. */
    private Entry revisedKol() {
        String actor = actor("SE2321000057-N005", VC_EKBACKEN);
        String planning =
                """
                {"owner":"%s","delegates":["%s"],
                 "goals":[{"text":"Jag vill klara trapporna upp till lägenheten på tredje våningen utan att vila."},
                          {"text":"Jag vill vara rökfri."}],
                 "selfCare":["Gör andningsövningarna från fysioterapeuten morgon och kväll.",
                             "Tar inhalatorerna enligt ordination och sköljer munnen efteråt.",
                             "Vid försämring följer jag min egenvårdsplan: startar kortisonkuren och ringer vårdcentralen samma dag."],
                 "contacts":[{"name":"Vårdcentralen Ekbacken","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"036-100300","eService":"1177","hours":"vardagar 8–17"}},
                             {"name":"Lungmottagningen","unit":"%s","role":"specialistmottagning",
                              "path":{"phone":"036-100400","hours":"vardagar 8–11"}}],
                 "linkedPlans":[{"kind":"REHABILITATION","reference":"rehab-kol-demo-003"}],
                 "agreedOn":"%s"}"""
                        .formatted(VC_EKBACKEN, LUNGMOTTAGNINGEN, VC_EKBACKEN, LUNGMOTTAGNINGEN, day(-30));
        String vardkontakt =
                """
                {"owner":"%s",
                 "person":{"hsaId":"SE2321000057-N005","name":"Karin Holm","profession":"distriktssköterska"},
                 "unit":"%s","reach":{"phone":"036-100310","eService":"1177","hours":"vardagar 8–16"},
                 "from":"%s","appointedBy":"%s"}"""
                        .formatted(VC_EKBACKEN, VC_EKBACKEN, day(-30), VERKSAMHETSCHEF_JKP);
        String lakarkontakt =
                """
                {"owner":"%s","physician":{"hsaId":"SE2321000057-L005","name":"Ahmed Haddad",
                 "profession":"specialist i allmänmedicin"},
                 "vardcentral":"%s","from":"%s","booking":{"phone":"036-100300","eService":"1177"}}"""
                        .formatted(VC_EKBACKEN, VC_EKBACKEN, day(-900));
        Contract c = api.create(create(
                "19571230-2842",
                "0680",
                actor,
                "Nytt patientkontrakt vid KOL-uppföljning",
                planning,
                vardkontakt,
                lakarkontakt,
                kolSteps(false)));
        c = api.changeStatus(c, status("active", actor, "Överenskommet med patienten vid KOL-besöket"));
        c = api.putPart(
                c,
                "nasta-steg",
                """
                {"part":%s,"actor":%s,
                 "reason":"Försämring i KOL: kortisonkur startad, uppföljningen tidigarelagd efter telefonsamtal"}"""
                        .formatted(kolSteps(true), actor));
        return new Entry(c, "KOL, nästa steg ändrade efter försämring");
    }

    private String kolSteps(boolean afterExacerbation) {
        String followUp = afterExacerbation
                ? """
                  {"id":"s3","what":"Telefonuppföljning efter kortisonkuren","who":{"person":"SE2321000057-N005",
                   "unit":"%s","name":"Karin Holm"},"date":"%s","how":"PHONE","status":"BOOKED"},"""
                        .formatted(VC_EKBACKEN, day(2))
                : "";
        return """
                {"owner":"%s","steps":[%s
                  {"id":"s1","what":"Spirometri och uppföljning hos KOL-sjuksköterska",
                   "who":{"unit":"%s","name":"KOL-sjuksköterska"},"date":"%s","how":"VISIT","status":"BOOKED"},
                  {"id":"s2","what":"Rökavvänjning, tredje samtalet","who":{"unit":"%s","name":"Tobaksavvänjare"},
                   "date":"%s","how":"PHONE","status":"BOOKED"}]}"""
                .formatted(VC_EKBACKEN, followUp, VC_EKBACKEN, day(afterExacerbation ? 6 : 20), VC_EKBACKEN, day(5));
    }

    /** 2380, completed: rehabilitation after a knee injury reached its goal. */
    private Entry completedKneeRehab() {
        String actor = actor("SE2321000206-N021", VC_STORSJON);
        String planning =
                """
                {"owner":"%s","delegates":["%s"],
                 "goals":[{"text":"Jag vill kunna spela innebandy med laget igen."}],
                 "selfCare":["Gör hemträningsprogrammet tre gånger i veckan.",
                             "Ökar löpningen stegvis enligt schemat från fysioterapeuten."],
                 "contacts":[{"name":"Fysioterapin","unit":"%s","role":"fysioterapi",
                              "path":{"phone":"063-100500","eService":"1177","hours":"vardagar 7.30–16"}},
                             {"name":"Vårdcentralen Storsjön","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"063-100000","hours":"vardagar 8–17"}}],
                 "linkedPlans":[{"kind":"REHABILITATION","reference":"rehab-kna-demo-004"}],
                 "agreedOn":"%s"}"""
                        .formatted(VC_STORSJON, FYSIOTERAPIN, FYSIOTERAPIN, VC_STORSJON, day(-120));
        String vardkontakt =
                """
                {"owner":"%s",
                 "person":{"hsaId":"SE2321000206-F001","name":"Emma Nilsson","profession":"fysioterapeut"},
                 "unit":"%s","reach":{"phone":"063-100510","eService":"1177","hours":"vardagar 8–15"},
                 "from":"%s","appointedBy":"%s"}"""
                        .formatted(VC_STORSJON, FYSIOTERAPIN, day(-120), VERKSAMHETSCHEF_OSD);
        String lakarkontakt =
                """
                {"owner":"%s","physician":{"hsaId":"SE2321000206-L021","name":"Fatima Karimi"},
                 "vardcentral":"%s","from":"%s","booking":{"eService":"1177"}}"""
                        .formatted(VC_STORSJON, VC_STORSJON, day(-700));
        String nextSteps =
                """
                {"owner":"%s","steps":[
                  {"id":"s1","what":"Ortopedisk bedömning fyra månader efter skadan",
                   "who":{"name":"Ortopedmottagningen"},"date":"%s","how":"VISIT","status":"DONE"},
                  {"id":"s2","what":"Funktionstest hos fysioterapeut före återgång till idrott",
                   "who":{"unit":"%s","name":"Emma Nilsson"},"date":"%s","how":"VISIT","status":"DONE"}]}"""
                        .formatted(VC_STORSJON, day(-10), FYSIOTERAPIN, day(-3));
        Contract c = api.create(create(
                "20000102-2391",
                "2380",
                actor,
                "Nytt patientkontrakt efter korsbandsskada",
                planning,
                vardkontakt,
                lakarkontakt,
                nextSteps));
        c = api.changeStatus(c, status("active", actor, "Överenskommet vid första besöket hos fysioterapeuten"));
        c = api.changeStatus(
                c,
                status(
                        "completed",
                        actor,
                        "Rehabiliteringen avslutad: funktionstestet godkänt och patienten tränar med laget igen"));
        return new Entry(c, "rehabilitering efter knäskada, avslutad");
    }

    /** 0680, revoked: the patient moved away. */
    private Entry revokedBackPain() {
        String actor = actor("SE2321000057-R001", VC_SOLGLANTAN);
        String planning =
                """
                {"owner":"%s",
                 "goals":[{"text":"Jag vill tillbaka till mitt jobb som undersköterska, först på halvtid."}],
                 "selfCare":["Promenerar och gör ryggövningarna varje dag, även dagar med mer ont."],
                 "contacts":[{"name":"Vårdcentralen Solgläntan","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"036-100000","eService":"1177","hours":"vardagar 8–17"}},
                             {"name":"Försäkringskassan","role":"handläggare för sjukpenning",
                              "path":{"eService":"Mina sidor på forsakringskassan.se"}}],
                 "agreedOn":"%s"}"""
                        .formatted(VC_SOLGLANTAN, VC_SOLGLANTAN, day(-45));
        String vardkontakt =
                """
                {"owner":"%s",
                 "person":{"hsaId":"SE2321000057-R001","name":"Lena Sund","profession":"rehabkoordinator"},
                 "unit":"%s","reach":{"phone":"036-100020","eService":"1177","hours":"tisdagar och torsdagar 9–15"},
                 "from":"%s","appointedBy":"%s"}"""
                        .formatted(VC_SOLGLANTAN, VC_SOLGLANTAN, day(-45), VERKSAMHETSCHEF_JKP);
        String nextSteps =
                """
                {"owner":"%s","steps":[
                  {"id":"s1","what":"Avstämningsmöte med arbetsgivaren och Försäkringskassan",
                   "who":{"unit":"%s","name":"Rehabkoordinator Lena Sund"},"date":"%s","how":"VIDEO","status":"PLANNED"}]}"""
                        .formatted(VC_SOLGLANTAN, VC_SOLGLANTAN, day(9));
        Contract c = api.create(create(
                "19810107-9294",
                "0680",
                actor,
                "Nytt patientkontrakt vid långvarig sjukskrivning",
                planning,
                vardkontakt,
                null,
                nextSteps));
        c = api.changeStatus(c, status("active", actor, "Överenskommet med patienten"));
        c = api.changeStatus(
                c,
                status(
                        "revoked",
                        actor,
                        "Patienten har flyttat till en annan region och återkallar kontraktet; ny planering görs där"));
        return new Entry(c, "långvarig ryggsmärta, återkallat efter flytt");
    }

    /** 2380, active (samordningsnummer): region and kommun share the contract after a stroke. */
    private Entry activeStrokeWithMunicipality() {
        String regionActor = actor("SE2321000206-N022", VC_STORSJON);
        String kommunActor = actor("SE2120002411-S001", HEMSJUKVARD_OSD);
        String planning =
                """
                {"owner":"%s","delegates":["%s"],
                 "goals":[{"text":"Jag vill kunna laga min egen mat igen."},
                          {"text":"Jag vill förstå vad läkaren säger, med tolk på mitt eget språk vid varje besök."}],
                 "selfCare":["Tränar handen med övningarna från arbetsterapeuten varje dag.",
                             "Mäter blodtrycket hemma två gånger i veckan och skriver upp värdena."],
                 "contacts":[{"name":"Vårdcentralen Storsjön","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"063-100000","eService":"1177","hours":"vardagar 8–17"}},
                             {"name":"Hemsjukvården, Östersunds kommun","unit":"%s","role":"kommunal hemsjukvård",
                              "path":{"phone":"063-100700","hours":"dygnet runt"}}],
                 "linkedPlans":[{"kind":"SIP","reference":"sip-2380-demo-006"},
                                {"kind":"GENOMFORANDEPLAN","reference":"genomforandeplan-hemtjanst-demo-006"}],
                 "agreedOn":"%s"}"""
                        .formatted(VC_STORSJON, HEMSJUKVARD_OSD, VC_STORSJON, HEMSJUKVARD_OSD, day(0));
        String vardkontakt =
                """
                {"owner":"%s",
                 "person":{"hsaId":"SE2321000206-N022","name":"Nils Åberg","profession":"distriktssköterska"},
                 "unit":"%s","reach":{"phone":"063-100020","eService":"1177","hours":"vardagar 8–16"},
                 "from":"%s","appointedBy":"%s"}"""
                        .formatted(VC_STORSJON, VC_STORSJON, day(-2), VERKSAMHETSCHEF_OSD);
        String lakarkontakt =
                """
                {"owner":"%s","physician":{"hsaId":"SE2321000206-L021","name":"Fatima Karimi",
                 "profession":"specialist i allmänmedicin"},
                 "vardcentral":"%s","from":"%s","booking":{"phone":"063-100000","eService":"1177"}}"""
                        .formatted(VC_STORSJON, VC_STORSJON, day(-2));
        Contract c = api.create(create(
                "19701063-2391",
                "2380",
                regionActor,
                "Nytt patientkontrakt efter stroke, inför SIP-möte",
                planning,
                vardkontakt,
                lakarkontakt,
                null));
        // The kommun writes its own part: nästa steg is owned by the municipal unit.
        String nextSteps =
                """
                {"owner":"%s","delegates":["%s"],"steps":[
                  {"id":"s1","what":"Arbetsterapeut bedömer köket och behovet av hjälpmedel",
                   "who":{"unit":"%s","name":"Arbetsterapeut, Östersunds kommun"},"date":"%s","how":"VISIT","status":"BOOKED"},
                  {"id":"s2","what":"Hemsjukvården går igenom blodtrycksvärdena",
                   "who":{"unit":"%s","name":"Hemsjukvården"},"date":"%s","how":"PHONE","status":"PLANNED"},
                  {"id":"s3","what":"Återbesök hos läkaren med tolk",
                   "who":{"person":"SE2321000206-L021","unit":"%s","name":"Fatima Karimi"},"date":"%s",
                   "how":"VISIT","status":"BOOKED"}]}"""
                        .formatted(
                                HEMSJUKVARD_OSD,
                                VC_STORSJON,
                                HEMSJUKVARD_OSD,
                                day(4),
                                HEMSJUKVARD_OSD,
                                day(8),
                                VC_STORSJON,
                                day(18));
        c = api.putPart(
                c,
                "nasta-steg",
                """
                {"part":%s,"actor":%s,"reason":"Kommunens insatser inlagda efter SIP-mötet"}"""
                        .formatted(nextSteps, kommunActor));
        c = api.changeStatus(
                c, status("active", regionActor, "Överenskommet på SIP-mötet med patienten, tolk, kommun och region"));
        return new Entry(c, "efter stroke, region och kommun tillsammans");
    }

    private static String verdict(boolean passed) {
        return passed ? "alla kontroller godkända" : "brister kvar";
    }

    private String day(int offset) {
        return today.plusDays(offset).toString();
    }

    static String actor(String person, String unit) {
        return "{\"person\":\"" + person + "\",\"unit\":\"" + unit + "\"}";
    }

    private static String status(String status, String actor, String reason) {
        return "{\"status\":\"" + status + "\",\"actor\":" + actor + ",\"reason\":\"" + reason + "\"}";
    }

    private static String create(
            String patient,
            String kommun,
            String actor,
            String reason,
            String planning,
            String vardkontakt,
            String lakarkontakt,
            String nextSteps) {
        List<String> parts = new ArrayList<>();
        if (planning != null) {
            parts.add("\"sammanhallen-planering\":" + planning);
        }
        if (vardkontakt != null) {
            parts.add("\"fast-vardkontakt\":" + vardkontakt);
        }
        if (lakarkontakt != null) {
            parts.add("\"fast-lakarkontakt\":" + lakarkontakt);
        }
        if (nextSteps != null) {
            parts.add("\"nasta-steg\":" + nextSteps);
        }
        return "{\"patient\":\"" + patient + "\",\"kommun\":\"" + kommun + "\",\"actor\":" + actor + ",\"reason\":\""
                + reason + "\",\"parts\":{" + String.join(",", parts) + "}}";
    }
}
