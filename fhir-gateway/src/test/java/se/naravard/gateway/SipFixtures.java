package se.naravard.gateway;

import java.util.ArrayList;
import java.util.List;
import se.naravard.gateway.sip.SipDocs.Actor;
import se.naravard.gateway.sip.SipDocs.Change;
import se.naravard.gateway.sip.SipDocs.Consent;
import se.naravard.gateway.sip.SipDocs.FollowUp;
import se.naravard.gateway.sip.SipDocs.Giver;
import se.naravard.gateway.sip.SipDocs.GoalText;
import se.naravard.gateway.sip.SipDocs.Held;
import se.naravard.gateway.sip.SipDocs.Intervention;
import se.naravard.gateway.sip.SipDocs.Meeting;
import se.naravard.gateway.sip.SipDocs.Participant;
import se.naravard.gateway.sip.SipDocs.PersonRef;
import se.naravard.gateway.sip.SipDocs.Result;
import se.naravard.gateway.sip.SipDocs.Revocation;
import se.naravard.gateway.sip.SipDocs.Scope;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.sip.SipDocs.Status;

/**
 * SIP documents as sip-service returns them: a bare draft, and a full SIP in any status with every
 * kind of participant, two consents (the first superseded; the current one by the person or by a
 * legal representative, revoked or not), goals, an intervention in each status, a held and a planned
 * meeting, and a follow-up done and one ahead.
 */
public final class SipFixtures {

    public static final String SIP = "6c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e";
    public static final String VC = "SE2321000057-VC01";
    public static final String HEMTJANST = "SE2120000530-HT01";
    public static final String NURSE = "SE2321000057-N001";
    private static final PersonRef TOLVAN =
            new PersonRef("http://electronichealth.se/identifier/personnummer", "191212121212");

    private SipFixtures() {}

    public static Sip draft() {
        return new Sip(
                SIP,
                1,
                TOLVAN,
                "0680",
                new Status("draft", null, null, null, null),
                List.of(),
                false,
                List.of(new Participant("person", "PERSON", null, null, null, null, null, null, null)),
                List.of(),
                List.of(),
                null,
                List.of(),
                List.of(),
                change("2026-11-20T09:00:00Z"),
                change("2026-11-20T09:00:00Z"));
    }

    /**
     * @param status draft, active, completed, cancelled, entered-in-error
     * @param representative the current consent was given by a god man
     * @param revoked the current consent is revoked
     */
    public static Sip sip(String status, boolean representative, boolean revoked) {
        List<Consent> consents = new ArrayList<>();
        consents.add(new Consent(
                null,
                new Scope("Hela planen", List.of("vc"), List.of()),
                "2026-11-20T09:10:00Z",
                "2027-11-20T09:10:00Z",
                null));
        Giver god = representative ? new Giver("Greta Godman", "god man") : null;
        consents.add(new Consent(
                god,
                new Scope("Hela planen", List.of("hemtjanst", "vc", "dotter", "fk"), List.of(HEMTJANST)),
                "2026-11-21T09:10:00Z",
                null,
                revoked ? new Revocation("2026-11-24T12:00:00Z", god) : null));
        return new Sip(
                SIP,
                9,
                TOLVAN,
                "0680",
                status(status),
                consents,
                false,
                List.of(
                        new Participant("person", "PERSON", null, null, null, null, null, null, null),
                        new Participant(
                                "dotter", "RELATED_PERSON", "Dora Dotter", "dotter", null, null, null, null, null),
                        new Participant(
                                "vc", "UNIT", null, null, "REGION", VC, "PRIMARY_CARE", "Sara Sjuksköterska", null),
                        new Participant(
                                "hemtjanst",
                                "UNIT",
                                null,
                                null,
                                "MUNICIPALITY",
                                HEMTJANST,
                                "SOCIAL_SERVICES",
                                null,
                                null),
                        new Participant(
                                "fk", "OTHER", "Frida Handläggare", null, null, null, null, null, "Försäkringskassan")),
                List.of(new GoalText("Bo kvar hemma"), new GoalText("Gå till affären själv")),
                List.of(
                        new Intervention(
                                "i1", "Hemtjänst morgon och kväll", "MUNICIPALITY", HEMTJANST, "2026-12-01", "PLANNED"),
                        new Intervention("i2", "Hemsjukvård", "REGION", VC, "2026-11-22", "ONGOING"),
                        new Intervention("i3", "Läkemedelsgenomgång", "REGION", VC, "2026-11-21", "DONE"),
                        new Intervention("i4", "Dagverksamhet", "MUNICIPALITY", HEMTJANST, null, "STOPPED")),
                "MUNICIPALITY",
                List.of(
                        new Meeting(
                                "m1",
                                "2026-11-21T08:00:00Z",
                                "video",
                                new Held("2026-11-21T08:05:00Z", List.of("hemtjanst", "person", "vc", "gone"))),
                        new Meeting("m2", "2026-12-20T08:00:00Z", "hemma hos personen", null)),
                List.of(
                        new FollowUp("2026-11-23", "vc", new Result("Insatserna fungerar", "2026-11-23T10:00:00Z")),
                        new FollowUp("2026-12-25", "hemtjanst", null)),
                change("2026-11-20T09:00:00Z"),
                change("2026-11-24T12:00:00Z"));
    }

    private static Status status(String code) {
        return switch (code) {
            case "active" -> new Status("active", "2026-11-21T09:30:00Z", NURSE, null, null);
            case "completed" -> new Status("completed", null, null, "2026-11-24T12:00:00Z", null);
            case "cancelled", "entered-in-error" -> new Status(code, null, null, "2026-11-24T12:00:00Z", "Fel");
            default -> new Status(code, null, null, null, null);
        };
    }

    private static Change change(String at) {
        return new Change(at, new Actor(NURSE, VC), "Skäl");
    }
}
