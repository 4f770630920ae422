package se.naravard.local;

import static se.naravard.local.DemoData.HEMSJUKVARD_JKP;
import static se.naravard.local.DemoData.HEMSJUKVARD_OSD;
import static se.naravard.local.DemoData.VC_EKBACKEN;
import static se.naravard.local.DemoData.VC_SOLGLANTAN;
import static se.naravard.local.DemoData.VC_STORSJON;
import static se.naravard.local.DemoTime.utc;

import java.time.LocalTime;
import java.util.List;
import se.naravard.local.SipApi.Sip;

/**
 * SIPs (samordnad individuell plan) loaded through sip-service's REST API: one active with a valid
 * consent, one draft that cannot be activated yet because the consent is missing, and one active
 * SIP whose consent the person revoked. Every change carries {@code If-Match} with the version the
 * previous answer gave. Patients are DemoData's test patients, never printed; units are DemoData's.
 */
final class SipDemo {

    /** One loaded or found SIP; {@code story} never identifies the person. */
    record Entry(Sip sip, String story) {

        DemoRow row() {
            return new DemoRow(sip.id(), sip.status(), sip.kommun(), story);
        }
    }

    record Result(boolean loadedNow, List<Entry> entries) {

        List<DemoRow> rows() {
            return entries.stream().map(Entry::row).toList();
        }
    }

    private final SipApi api;
    private final DemoTime time;

    SipDemo(SipApi api) {
        this(api, DemoTime.systemNow());
    }

    SipDemo(SipApi api, DemoTime time) {
        this.api = api;
        this.time = time;
    }

    /**
     * Loads the demo SIPs if sip-service has none yet; otherwise lists what is there.
     *
     * @return the demo SIPs when loaded now, else up to 20 existing ones (story empty)
     */
    Result loadIfEmpty() {
        if (!api.list(1).isEmpty()) {
            List<Entry> existing =
                    api.list(20).stream().map(s -> new Entry(s, "")).toList();
            return new Result(false, existing);
        }
        return new Result(true, List.of(activeHeartFailure(), draftStroke(), revokedKol()));
    }

    /** 0680, active, consent valid: home with hemsjukvård after the hospital stay. */
    private Entry activeHeartFailure() {
        String actor = DemoData.actor("SE2321000057-N001", VC_SOLGLANTAN);
        Sip s = api.draft(draft("19121212-1212", "0680", actor, "Behov av insatser från både region och kommun"));
        s = api.post(
                s,
                "participants",
                participant(unit("vc", "REGION", VC_SOLGLANTAN, "PRIMARY_CARE", "Sara Lind"), actor));
        s = api.post(
                s,
                "participants",
                participant(
                        unit("hemsjukvard", "MUNICIPALITY", HEMSJUKVARD_JKP, "MUNICIPAL_HEALTH_CARE", "Maria Ek"),
                        actor));
        s = api.post(
                s,
                "participants",
                participant(
                        "{\"id\":\"dotter\",\"kind\":\"RELATED_PERSON\",\"name\":\"Anna\",\"relation\":\"dotter\"}",
                        actor));
        s = api.post(
                s,
                "consents",
                consent(
                        "[\"vc\",\"hemsjukvard\",\"dotter\"]",
                        HEMSJUKVARD_JKP,
                        actor,
                        "Samtycke muntligt vid SIP-mötet på avdelningen"));
        s = api.post(s, "goals", goal("Jag vill bo kvar hemma och klara mig själv så länge det går.", actor));
        s = api.put(
                s,
                "interventions/hemsjukvard-1",
                intervention(
                        "Hemsjukvård: dosett och viktkontroll två gånger i veckan",
                        "MUNICIPALITY",
                        HEMSJUKVARD_JKP,
                        time.today().minusDays(15).toString(),
                        "ONGOING",
                        actor));
        s = api.put(
                s,
                "interventions/vc-1",
                intervention(
                        "Återbesök hos fast vårdkontakt: vikt, blodtryck och blodprov",
                        "REGION",
                        VC_SOLGLANTAN,
                        time.today().plusDays(7).toString(),
                        "PLANNED",
                        actor));
        s = api.put(s, "overall-responsibility", "{\"principal\":\"MUNICIPALITY\",\"actor\":" + actor + "}");
        String meetingAt = utc(time.daysAgo(16, LocalTime.of(13, 0)));
        s = api.post(s, "meetings", meeting("m1", meetingAt, "på vårdavdelningen", actor));
        s = api.post(
                s,
                "meetings/m1/held",
                "{\"at\":\"%s\",\"attendees\":[\"person\",\"vc\",\"hemsjukvard\",\"dotter\"],\"actor\":%s}"
                        .formatted(meetingAt, actor));
        s = api.put(s, "follow-up", followUp(30, "vc", actor));
        s = api.post(s, "status", status("active", actor, "Överens på SIP-mötet"));
        return new Entry(s, "hjärtsvikt, hemma med hemsjukvård; samtycke giltigt, uppföljning om 30 dagar");
    }

    /** 2380, draft: called in after the stroke care, the meeting is ahead and no consent yet. */
    private Entry draftStroke() {
        String actor = DemoData.actor("SE2321000206-N022", VC_STORSJON);
        Sip s = api.draft(draft("19701063-2391", "2380", actor, "Kallelse till SIP efter strokevården"));
        s = api.post(
                s, "participants", participant(unit("vc", "REGION", VC_STORSJON, "PRIMARY_CARE", "Nils Åberg"), actor));
        s = api.post(
                s,
                "participants",
                participant(
                        unit("hemsjukvard", "MUNICIPALITY", HEMSJUKVARD_OSD, "MUNICIPAL_HEALTH_CARE", null), actor));
        s = api.post(s, "goals", goal("Jag vill kunna laga min egen mat igen.", actor));
        s = api.post(
                s, "meetings", meeting("m1", utc(time.daysAhead(2, LocalTime.of(10, 0))), "video med tolk", actor));
        return new Entry(s, "stroke, utkast inför SIP-mötet; samtycke saknas, kan inte aktiveras än");
    }

    /** 0680, active, then the person revoked the consent: sharing stops, the plan stays active. */
    private Entry revokedKol() {
        String actor = DemoData.actor("SE2321000057-N005", VC_EKBACKEN);
        Sip s = api.draft(draft("19571230-2842", "0680", actor, "Kallelse till SIP från vårdavdelningen"));
        s = api.post(
                s, "participants", participant(unit("vc", "REGION", VC_EKBACKEN, "PRIMARY_CARE", "Karin Holm"), actor));
        s = api.post(
                s,
                "participants",
                participant(
                        unit("hemsjukvard", "MUNICIPALITY", HEMSJUKVARD_JKP, "MUNICIPAL_HEALTH_CARE", null), actor));
        s = api.post(
                s, "consents", consent("[\"vc\",\"hemsjukvard\"]", HEMSJUKVARD_JKP, actor, "Samtycke vid SIP-mötet"));
        s = api.put(
                s,
                "interventions/hemsjukvard-1",
                intervention(
                        "Hemsjukvård: syrgas och inhalationer i hemmet efter utskrivning",
                        "MUNICIPALITY",
                        HEMSJUKVARD_JKP,
                        time.today().plusDays(3).toString(),
                        "PLANNED",
                        actor));
        s = api.put(s, "overall-responsibility", "{\"principal\":\"REGION\",\"actor\":" + actor + "}");
        s = api.put(s, "follow-up", followUp(21, "vc", actor));
        s = api.post(s, "status", status("active", actor, "Överens på SIP-mötet"));
        s = api.post(
                s,
                "consents/revocation",
                "{\"actor\":" + actor + ",\"reason\":\"Personen återkallade sitt samtycke per telefon\"}");
        return new Entry(s, "KOL, aktiv; samtycket återkallat: ingen delning längre");
    }

    private static String draft(String person, String kommun, String actor, String reason) {
        return "{\"person\":\"%s\",\"kommun\":\"%s\",\"actor\":%s,\"reason\":\"%s\"}"
                .formatted(person, kommun, actor, reason);
    }

    private static String unit(String id, String principal, String unit, String role, String contactName) {
        return "{\"id\":\"%s\",\"kind\":\"UNIT\",\"principal\":\"%s\",\"unit\":\"%s\",\"role\":\"%s\"%s}"
                .formatted(
                        id,
                        principal,
                        unit,
                        role,
                        contactName == null ? "" : ",\"contactName\":\"" + contactName + "\"");
    }

    private static String participant(String participant, String actor) {
        return "{\"participant\":" + participant + ",\"actor\":" + actor + "}";
    }

    private static String consent(String participants, String organisation, String actor, String reason) {
        return """
                {"consent":{"scope":{"what":"Hela planen","participants":%s,"organisations":["%s"]}},
                 "actor":%s,"reason":"%s"}"""
                .formatted(participants, organisation, actor, reason);
    }

    private static String goal(String text, String actor) {
        return "{\"text\":\"" + text + "\",\"actor\":" + actor + "}";
    }

    private static String intervention(
            String what, String principal, String unit, String start, String status, String actor) {
        return """
                {"intervention":{"what":"%s","responsiblePrincipal":"%s","responsibleUnit":"%s","start":"%s",
                 "status":"%s"},"actor":%s}"""
                .formatted(what, principal, unit, start, status, actor);
    }

    private static String meeting(String id, String plannedAt, String placeOrMode, String actor) {
        return "{\"meeting\":{\"id\":\"%s\",\"plannedAt\":\"%s\",\"placeOrMode\":\"%s\"},\"actor\":%s}"
                .formatted(id, plannedAt, placeOrMode, actor);
    }

    private String followUp(int inDays, String by, String actor) {
        return "{\"date\":\"%s\",\"by\":\"%s\",\"actor\":%s}"
                .formatted(time.today().plusDays(inDays), by, actor);
    }

    private static String status(String status, String actor, String reason) {
        return "{\"status\":\"%s\",\"actor\":%s,\"reason\":\"%s\"}".formatted(status, actor, reason);
    }
}
