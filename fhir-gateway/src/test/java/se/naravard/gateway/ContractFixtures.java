package se.naravard.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import se.naravard.gateway.contract.ContractDocs.Contract;

/**
 * Contract documents as contract-service serves them (docs/contract-api.md), valid unless a test
 * changes them. Test people only (DOMAIN.md §6).
 */
public final class ContractFixtures {

    public static final String CONTRACT_ID = "0b9f6a52-6a5e-4c7e-9a57-3f1d2a9c4e11";
    public static final String TOLVAN = "191212121212";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ContractFixtures() {}

    /** A contract with all four parts in {@code status}, at {@code version}. */
    public static Contract anyContract(String status, int version) {
        String json =
                """
                {"id":"%s","version":%d,
                 "patient":{"system":"http://electronichealth.se/identifier/personnummer","value":"%s"},
                 "kommun":"0680",
                 "status":{"code":"%s","agreedAt":"2026-11-02T09:15:00.123456Z",
                           "agreedBy":{"person":"SE2321000057-N001","unit":"SE2321000057-VC01"}},
                 "parts":{
                  "sammanhallen-planering":{"owner":"SE2321000057-VC01",
                    "goals":[{"text":"Kunna gå till affären själv"},{"text":"Bo kvar hemma"}],
                    "selfCare":["Promenad 20 minuter varje dag"],
                    "contacts":[{"name":"Vårdcentralen Öster","unit":"SE2321000057-VC01","role":"vårdcentral",
                                 "path":{"phone":"036-100000","hours":"vardagar 8-17"}},
                                {"name":"Dottern Anna","role":"närstående","path":{"phone":"070-0000000"}},
                                {"name":"Hemtjänsten Öster","role":"hemtjänst","path":{"eService":"Kommunens e-tjänst"}}],
                    "linkedPlans":[{"kind":"SIP","reference":"sip-2026-001"}],
                    "medicationListReference":"NLL 2026-11-01",
                    "agreedOn":"2026-11-01"},
                  "fast-vardkontakt":{"owner":"SE2321000057-VC01",
                    "person":{"hsaId":"SE2321000057-N001","name":"Sara Sjuksköterska","profession":"sjuksköterska"},
                    "unit":"SE2321000057-VC01","reach":{"phone":"036-100001","eService":"1177","hours":"vardagar 8-16"},
                    "substitute":{"hsaId":"SE2321000057-N002","name":"Nils Sjuksköterska"},
                    "from":"2026-11-01","appointedBy":"SE2321000057-VC00"},
                  "fast-lakarkontakt":{"owner":"SE2321000057-VC01",
                    "physician":{"hsaId":"SE2321000057-L001","name":"Lars Läkare"},"vardcentral":"SE2321000057-VC01",
                    "from":"2026-11-01","booking":{"eService":"1177"}},
                  "nasta-steg":{"owner":"SE2321000057-VC01","steps":[
                    {"id":"s1","what":"Uppföljande besök","who":{"unit":"SE2321000057-VC01","name":"Sara"},
                     "date":"2026-12-01","how":"VISIT","status":"BOOKED"},
                    {"id":"s2","what":"Telefonsamtal om vikten","who":{"person":"SE2321000057-N001","unit":"SE2321000016-HS01"},
                     "date":"2026-12-05","windowEnd":"2026-12-09","how":"PHONE","status":"PLANNED"},
                    {"id":"s3","what":"Hembesök","date":"2026-11-10","how":"VISIT","status":"DONE",
                     "completedAt":"2026-11-10T13:40:12.118Z"},
                    {"id":"s4","what":"Brev om provsvar","how":"LETTER","status":"CANCELLED"}]}},
                 "created":{"at":"2026-11-01T08:00:00Z","actor":{"person":"SE2321000057-N001","unit":"SE2321000057-VC01"},
                            "reason":"Nytt patientkontrakt"},
                 "lastChange":{"at":"2026-11-02T09:15:00.123456Z",
                               "actor":{"person":"SE2321000057-N001","unit":"SE2321000057-VC01"}},
                 "unknownFutureField":{"x":1}}"""
                        .formatted(CONTRACT_ID, version, TOLVAN, status);
        try {
            return JSON.readValue(json, Contract.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A draft with no parts at all (drawn up, nothing filled in yet). */
    public static Contract emptyDraft() {
        String json =
                """
                {"id":"%s","version":1,
                 "patient":{"system":"http://electronichealth.se/identifier/samordningsnummer","value":"197010632391"},
                 "kommun":"0680","status":{"code":"draft"},"parts":{},
                 "created":{"at":"2026-11-01T08:00:00Z","actor":{"person":"SE2321000057-N001","unit":"SE2321000057-VC01"}},
                 "lastChange":{"at":"2026-11-01T08:00:00Z","actor":{"person":"SE2321000057-N001","unit":"SE2321000057-VC01"}}}"""
                        .formatted(CONTRACT_ID);
        try {
            return JSON.readValue(json, Contract.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
