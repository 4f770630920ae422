package se.naravard.gateway;

import java.util.ArrayList;
import java.util.List;
import se.naravard.gateway.transition.TransitionDocs.Actor;
import se.naravard.gateway.transition.TransitionDocs.Addressee;
import se.naravard.gateway.transition.TransitionDocs.Change;
import se.naravard.gateway.transition.TransitionDocs.DeadlineTask;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.gateway.transition.TransitionDocs.Message;
import se.naravard.gateway.transition.TransitionDocs.PatientRef;
import se.naravard.gateway.transition.TransitionDocs.Receipt;
import se.naravard.gateway.transition.TransitionDocs.Status;

/**
 * Episode documents as transition-service returns them, in every status: messages with receipts (ok
 * and fatal-error), a makulering, an återtagande, and tasks open, met, missed and missed-then-done.
 */
public final class EpisodeFixtures {

    public static final String EPISODE = "5a3e9d10-1c2b-4d5e-8f90-a1b2c3d4e5f6";
    public static final String HOSPITAL = "SE2321000057-AVD1";
    public static final String MUNICIPAL = "SE2120000530-HT01";
    public static final String PRIMARY = "SE2321000057-VC01";
    public static final String ADMISSION_MESSAGE = "0e2f5c1a-8d7b-4c3e-9f10-2a3b4c5d6e7f";

    private EpisodeFixtures() {}

    /**
     * {@code status}: admitted, utskrivningsklar, discharged, closed-deceased, closed-moved, closed-interrupted,
     * bare. The discharged episode's admission was planned, the bare one's of unknown kind, the others' unplanned.
     */
    public static Episode episode(String status) {
        if (status.equals("bare")) {
            return new Episode(
                    EPISODE,
                    1,
                    new PatientRef("http://electronichealth.se/identifier/personnummer", "191212121212"),
                    HOSPITAL,
                    "0680",
                    "2026-11-22T07:40:00Z",
                    null,
                    "2026-11-22T09:10:00Z",
                    null,
                    false,
                    false,
                    new Status("admitted", null, null, null),
                    List.of(),
                    List.of(),
                    change("2026-11-22T09:11:00Z"));
        }
        List<Message> messages = new ArrayList<>();
        List<DeadlineTask> tasks = new ArrayList<>();
        messages.add(new Message(
                ADMISSION_MESSAGE,
                "inskrivningsmeddelande",
                "2026-11-22T10:05:00Z",
                HOSPITAL,
                List.of(new Addressee("municipal", MUNICIPAL, "0680"), new Addressee("primary-care", PRIMARY, null)),
                null,
                List.of(
                        new Receipt(MUNICIPAL, "ok", "2026-11-22T10:06:12Z", null, "automatic"),
                        new Receipt(PRIMARY, "fatal-error", "2026-11-22T10:07:00Z", "Okänd mottagare", "application")),
                null));
        messages.add(new Message(
                "11111111-2222-4333-8444-555555555555",
                "planeringsunderlag",
                "2026-11-23T10:00:00Z",
                HOSPITAL,
                List.of(new Addressee("municipal", MUNICIPAL, "0680")),
                null,
                List.of(),
                "22222222-2222-4333-8444-555555555555"));
        messages.add(new Message(
                "22222222-2222-4333-8444-555555555555",
                "makulering",
                "2026-11-23T11:00:00Z",
                HOSPITAL,
                List.of(new Addressee("municipal", MUNICIPAL, "0680")),
                "11111111-2222-4333-8444-555555555555",
                List.of(),
                null));
        tasks.add(new DeadlineTask(
                "a0000000-0000-3000-8000-000000000001",
                "admission-notice",
                "2026-11-23T09:10:00Z",
                "met",
                "2026-11-22T10:05:00Z",
                null,
                null,
                null,
                null,
                ADMISSION_MESSAGE));
        tasks.add(new DeadlineTask(
                "a0000000-0000-3000-8000-000000000002",
                "receipt",
                "2026-11-22T12:05:00Z",
                "missed",
                null,
                "2026-11-22T12:05:00Z",
                null,
                ADMISSION_MESSAGE,
                PRIMARY,
                null));
        Status st = new Status("admitted", null, null, null);
        if (!status.equals("admitted")) {
            messages.add(new Message(
                    "33333333-2222-4333-8444-555555555555",
                    "utskrivningsklar",
                    "2026-11-25T08:00:00Z",
                    HOSPITAL,
                    List.of(new Addressee("municipal", MUNICIPAL, "0680")),
                    null,
                    List.of(new Receipt(MUNICIPAL, "ok", "2026-11-25T08:01:00Z", null, "automatic")),
                    null));
            messages.add(new Message(
                    "44444444-2222-4333-8444-555555555555",
                    "atertagande-utskrivningsklar",
                    "2026-11-25T12:00:00Z",
                    HOSPITAL,
                    List.of(new Addressee("municipal", MUNICIPAL, "0680")),
                    "33333333-2222-4333-8444-555555555555",
                    List.of(),
                    null));
            messages.add(new Message(
                    "55555555-2222-4333-8444-555555555555",
                    "utskrivningsklar",
                    "2026-11-26T08:00:00Z",
                    HOSPITAL,
                    List.of(new Addressee("municipal", MUNICIPAL, "0680")),
                    null,
                    List.of(),
                    null));
            tasks.add(new DeadlineTask(
                    "a0000000-0000-3000-8000-000000000003",
                    "sip-call-in",
                    "2026-11-29T22:59:59Z",
                    "open",
                    null,
                    null,
                    null,
                    "55555555-2222-4333-8444-555555555555",
                    PRIMARY,
                    null));
            tasks.add(new DeadlineTask(
                    "a0000000-0000-3000-8000-000000000004",
                    "withdrawal-notice",
                    "2026-11-25T12:00:00Z",
                    "missed",
                    null,
                    "2026-11-25T12:00:00Z",
                    "2026-11-25T12:30:00Z",
                    "33333333-2222-4333-8444-555555555555",
                    null,
                    "44444444-2222-4333-8444-555555555555"));
            st = new Status("utskrivningsklar", "2026-11-26T08:00:00Z", null, null);
        }
        if (status.equals("discharged")) {
            messages.add(new Message(
                    "66666666-2222-4333-8444-555555555555",
                    "utskrivningsmeddelande",
                    "2026-11-27T09:00:00Z",
                    HOSPITAL,
                    List.of(
                            new Addressee("municipal", MUNICIPAL, "0680"),
                            new Addressee("primary-care", PRIMARY, null)),
                    null,
                    List.of(),
                    null));
            tasks.add(new DeadlineTask(
                    "a0000000-0000-3000-8000-000000000005",
                    "discharge-information",
                    "2026-11-27T22:59:59Z",
                    "met",
                    "2026-11-27T09:00:00Z",
                    null,
                    null,
                    null,
                    null,
                    "66666666-2222-4333-8444-555555555555"));
            st = new Status("discharged", null, "2026-11-27T10:00:00Z", null);
        }
        if (status.startsWith("closed-")) {
            String reason = status.substring("closed-".length());
            String type =
                    switch (reason) {
                        case "deceased" -> "patient-avliden";
                        case "moved" -> "patient-flyttad";
                        default -> "avbrott";
                    };
            messages.add(new Message(
                    "77777777-2222-4333-8444-555555555555",
                    type,
                    "2026-11-27T09:00:00Z",
                    HOSPITAL,
                    List.of(new Addressee("municipal", MUNICIPAL, "0680")),
                    null,
                    List.of(),
                    null));
            st = new Status("closed", null, "2026-11-27T09:00:00Z", reason);
        }
        return new Episode(
                EPISODE,
                messages.size() + 1,
                new PatientRef("http://electronichealth.se/identifier/personnummer", "191212121212"),
                HOSPITAL,
                "0680",
                "2026-11-22T07:40:00Z",
                status.equals("discharged") ? "planned" : "unplanned",
                "2026-11-22T09:10:00Z",
                "2026-11-27",
                true,
                true,
                st,
                messages,
                tasks,
                change("2026-11-27T10:00:00Z"));
    }

    private static Change change(String at) {
        return new Change(at, new Actor("SE2321000057-N001", HOSPITAL));
    }
}
