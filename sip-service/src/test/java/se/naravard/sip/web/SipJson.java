package se.naravard.sip.web;

import java.time.LocalDate;
import java.time.ZoneId;

/** Request bodies for tests, valid unless a test changes them. Test people only (DOMAIN.md §6). */
public final class SipJson {

    public static final String TOLVAN = "19121212-1212";
    public static final String REGION_UNIT = "SE2321000057-VC01";
    public static final String MUNICIPAL_UNIT = "SE2120000530-HT01";
    public static final String NURSE = "SE2321000057-N001";

    private SipJson() {}

    public static String actor() {
        return "{\"person\":\"" + NURSE + "\",\"unit\":\"" + REGION_UNIT + "\"}";
    }

    private static String who(String reason) {
        return "\"actor\":" + actor() + (reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    }

    public static String draft(String person) {
        return "{\"person\":\"" + person + "\",\"kommun\":\"0680\"," + who("Behov av insatser från båda huvudmännen")
                + "}";
    }

    public static String regionUnit() {
        return """
                {"id":"vc","kind":"UNIT","principal":"REGION","unit":"%s","role":"PRIMARY_CARE",
                 "contactName":"Sara Sjuksköterska"}"""
                .formatted(REGION_UNIT);
    }

    public static String municipalUnit() {
        return """
                {"id":"hemtjanst","kind":"UNIT","principal":"MUNICIPALITY","unit":"%s","role":"SOCIAL_SERVICES"}"""
                .formatted(MUNICIPAL_UNIT);
    }

    public static String daughter() {
        return "{\"id\":\"dotter\",\"kind\":\"RELATED_PERSON\",\"name\":\"Anna\",\"relation\":\"dotter\"}";
    }

    public static String participant(String participantJson) {
        return "{\"participant\":" + participantJson + "," + who("SIP-möte") + "}";
    }

    public static String consentJson() {
        return """
                {"scope":{"what":"Hela planen","participants":["vc","hemtjanst"],"organisations":["%s"]}}"""
                .formatted(MUNICIPAL_UNIT);
    }

    public static String consent(String consentJson) {
        return "{\"consent\":" + consentJson + "," + who("Samtycke vid SIP-möte") + "}";
    }

    public static String revocation() {
        return "{" + who("Personen återkallade sitt samtycke per telefon") + "}";
    }

    public static String interventionJson() {
        return """
                {"what":"Hemtjänst morgon och kväll","responsiblePrincipal":"MUNICIPALITY",
                 "responsibleUnit":"%s","start":"2026-12-01","status":"PLANNED"}"""
                .formatted(MUNICIPAL_UNIT);
    }

    public static String intervention(String interventionJson) {
        return "{\"intervention\":" + interventionJson + "," + who(null) + "}";
    }

    public static String overallResponsibility(String principal) {
        return "{\"principal\":\"" + principal + "\"," + who(null) + "}";
    }

    public static LocalDate followUpDate() {
        return LocalDate.now(ZoneId.of("Europe/Stockholm")).plusDays(30);
    }

    public static String followUp(String date, String by) {
        return "{\"date\":\"" + date + "\",\"by\":\"" + by + "\"," + who(null) + "}";
    }

    public static String status(String status, String reason) {
        return "{\"status\":\"" + status + "\"," + who(reason) + "}";
    }

    public static String plain(String reason) {
        return "{" + who(reason) + "}";
    }

    public static String goal(String text) {
        return "{\"text\":\"" + text + "\"," + who(null) + "}";
    }

    public static String meeting(String id, String plannedAt) {
        return "{\"meeting\":{\"id\":\"" + id + "\",\"plannedAt\":\"" + plannedAt + "\",\"placeOrMode\":\"video\"},"
                + who(null) + "}";
    }

    public static String held(String at, String... attendees) {
        return "{\"at\":\"" + at + "\",\"attendees\":[\"" + String.join("\",\"", attendees) + "\"]," + who(null) + "}";
    }

    public static String objection(boolean objects) {
        return "{\"objects\":" + objects + "," + who("Personen vill inte att närstående deltar") + "}";
    }

    /**
     * A whole draft: the region unit {@code vc}, the daughter and {@code third} (the municipal unit unless a
     * test spoils it); a goal, the intervention, overall responsibility, a consent and the follow-up by vc.
     */
    public static String wholeDraft(String person, String third) {
        return """
                {"person":"%s","kommun":"0680","actor":%s,"reason":"SIP-möte",
                 "participants":[%s,%s,%s],
                 "goals":[{"text":"Bo kvar hemma"}],
                 "interventions":[%s],
                 "overallResponsibility":"MUNICIPALITY",
                 "consent":%s,
                 "followUp":{"date":"%s","by":"vc"}}"""
                .formatted(
                        person,
                        actor(),
                        regionUnit(),
                        daughter(),
                        third,
                        interventionJson().replace("{", "{\"id\":\"hemtjanst-1\","),
                        consentJson(),
                        followUpDate());
    }
}
