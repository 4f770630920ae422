package se.naravard.contract.web;

/** Request bodies for tests, valid unless a test changes them. Test people only (DOMAIN.md §6). */
public final class ContractJson {

    public static final String TOLVAN = "19121212-1212";
    public static final String REGION_UNIT = "SE2321000057-VC01";
    public static final String NURSE = "SE2321000057-N001";
    public static final String PHYSICIAN = "SE2321000057-L001";
    public static final String OTHER_UNIT = "SE2321000016-VC99";

    private ContractJson() {}

    public static String actor() {
        return actor(NURSE, REGION_UNIT);
    }

    public static String actor(String person, String unit) {
        return "{\"person\":\"" + person + "\",\"unit\":\"" + unit + "\"}";
    }

    public static String planning() {
        return """
                {"owner":"%s","goals":[{"text":"Kunna gå till affären själv"}],
                 "selfCare":["Promenad 20 minuter varje dag"],
                 "contacts":[{"name":"Vårdcentralen Öster","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"036-100000","hours":"vardagar 8-17"}}],
                 "linkedPlans":[{"kind":"SIP","reference":"sip-2026-001"}],
                 "agreedOn":"2026-11-01"}"""
                .formatted(REGION_UNIT, REGION_UNIT);
    }

    public static String vardkontakt() {
        return """
                {"owner":"%s","person":{"hsaId":"%s","name":"Sara Sjuksköterska","profession":"sjuksköterska"},
                 "unit":"%s","reach":{"phone":"036-100001","eService":"1177","hours":"vardagar 8-16"},
                 "from":"2026-11-01","appointedBy":"SE2321000057-VC00"}"""
                .formatted(REGION_UNIT, NURSE, REGION_UNIT);
    }

    public static String lakarkontakt() {
        return """
                {"owner":"%s","physician":{"hsaId":"%s","name":"Lars Läkare"},"vardcentral":"%s",
                 "from":"2026-11-01","booking":{"eService":"1177"}}"""
                .formatted(REGION_UNIT, PHYSICIAN, REGION_UNIT);
    }

    public static String nextSteps() {
        return """
                {"owner":"%s","steps":[{"id":"s1","what":"Uppföljande besök","who":{"unit":"%s","name":"Sara"},
                 "date":"2026-12-01","how":"VISIT","status":"BOOKED"}]}"""
                .formatted(REGION_UNIT, REGION_UNIT);
    }

    public static String create(String patient) {
        return """
                {"patient":"%s","kommun":"0680","actor":%s,"reason":"Nytt patientkontrakt",
                 "parts":{"sammanhallen-planering":%s,"fast-vardkontakt":%s,"fast-lakarkontakt":%s,"nasta-steg":%s}}"""
                .formatted(patient, actor(), planning(), vardkontakt(), lakarkontakt(), nextSteps());
    }

    public static String putPart(String partJson) {
        return "{\"part\":" + partJson + ",\"actor\":" + actor() + ",\"reason\":\"Ändrat efter samtal\"}";
    }

    public static String status(String status, String reason) {
        return "{\"status\":\"" + status + "\",\"actor\":" + actor()
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }
}
