package se.naravard.local;

import static se.naravard.local.DemoData.HEMSJUKVARD_JKP;
import static se.naravard.local.DemoData.HEMSJUKVARD_OSD;
import static se.naravard.local.DemoData.VC_EKBACKEN;
import static se.naravard.local.DemoData.VC_SOLGLANTAN;
import static se.naravard.local.DemoData.VC_STORSJON;
import static se.naravard.local.DemoTime.rfc3339;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.naravard.local.TransitionApi.Episode;
import se.naravard.local.TransitionApi.Liability;

/**
 * Inpatient episodes in every state of a care transition (LUS), loaded through transition-service's
 * REST API: a fresh admission, a patient utskrivningsklar awaiting the SIP call-in, a missed
 * admission-notice deadline, payment-liability days accruing, and a whole transition to discharge;
 * also a kvittens ok and a kvittens with a fatal error.
 *
 * <p>Patients are DemoData's test patients, so a person can have a contract, an episode and a SIP;
 * they are never printed. The missed deadline is not written: the admission is recorded without its
 * inskrivningsmeddelande and the service's deadline clock marks the task missed within seconds. Times
 * are relative to now ({@link DemoTime}), never in the future. Messages that a municipality and a
 * vårdcentral would acknowledge get their receipts a few minutes after sending, so the missed tasks
 * the demo shows are the ones its stories are about. Admissions say whether they were unplanned (akut) or
 * planned: the diabetes admission and the earlier heart-failure stay were planned, the others unplanned, so
 * the heart-failure patient's unplanned readmission 13 days after her discharge is a readmission within 30
 * days on the dashboard.
 */
final class TransitionDemo {

    /** One loaded or found episode; {@code story} never identifies the patient. */
    record Entry(Episode episode, String story) {

        DemoRow row() {
            return new DemoRow(episode.id(), episode.status(), episode.kommun(), story);
        }
    }

    /**
     * @param missedId the missed-deadline episode, null when nothing was loaded now
     * @param liableId the episode with liable days, null when nothing was loaded now
     */
    record Result(boolean loadedNow, List<Entry> entries, String missedId, String liableId) {

        List<DemoRow> rows() {
            return entries.stream().map(Entry::row).toList();
        }
    }

    /** Where a patient is cared for: the kommun, the admitting ward and the municipal addressee. */
    private record Site(String kommun, String ward, String nurse, String municipalUnit) {}

    // Medicinavdelningar (fictional) of Region Jönköpings län and Region Jämtland Härjedalen
    static final String MEDICINAVDELNING_JKP = "SE2321000057-AVD1";
    static final String SJUKSKOTERSKA_JKP = "SE2321000057-N101";
    static final String MEDICINAVDELNING_OSD = "SE2321000206-AVD2";
    static final String SJUKSKOTERSKA_OSD = "SE2321000206-N201";

    private static final Site JONKOPING = new Site("0680", MEDICINAVDELNING_JKP, SJUKSKOTERSKA_JKP, HEMSJUKVARD_JKP);
    private static final Site OSTERSUND = new Site("2380", MEDICINAVDELNING_OSD, SJUKSKOTERSKA_OSD, HEMSJUKVARD_OSD);

    private static final Duration RECEIPT_AFTER = Duration.ofMinutes(4);

    private final TransitionApi api;
    private final DemoTime time;

    TransitionDemo(TransitionApi api) {
        this(api, DemoTime.systemNow());
    }

    TransitionDemo(TransitionApi api, DemoTime time) {
        this.api = api;
        this.time = time;
    }

    /**
     * Loads the demo episodes if transition-service has none yet; otherwise lists what is there.
     *
     * @return the demo episodes in the order of a care transition when loaded now, else up to 20
     *     existing ones (story empty)
     */
    Result loadIfEmpty() {
        if (!api.list(1).isEmpty()) {
            List<Entry> existing =
                    api.list(20).stream().map(e -> new Entry(e, "")).toList();
            return new Result(false, existing, null, null);
        }
        // The earlier heart-failure stay first: the same patient is admitted again in missedDeadline().
        Entry discharged = dischargedHeartFailure();
        Entry liable = liableDaysKol();
        Entry missed = missedDeadlineHeartFailure();
        Entry awaitingSip = utskrivningsklarAwaitingSip();
        Entry fresh = freshAdmission();
        List<Entry> loaded = new ArrayList<>(List.of(fresh, awaitingSip, missed, liable, discharged));
        return new Result(true, loaded, missed.episode().id(), liable.episode().id());
    }

    /** (a) 2380: admitted an hour ago, inskrivningsmeddelande sent, the kommun's kvittens ok. */
    private Entry freshAdmission() {
        ZonedDateTime admitted = time.ago(Duration.ofMinutes(60));
        Story s = new Story(
                OSTERSUND,
                VC_STORSJON,
                "19900602-2397",
                admitted,
                time.ago(Duration.ofMinutes(45)),
                false,
                true,
                time.today().plusDays(4).toString(),
                "planned");
        ZonedDateTime sent = time.ago(Duration.ofMinutes(25));
        UUID notice = s.send("inskrivningsmeddelande", sent);
        s.receipt(notice, OSTERSUND.municipalUnit(), "ok", time.after(sent, RECEIPT_AFTER), null);
        return s.entry("diabetes, inskriven för en timme sedan; inskrivningsmeddelande skickat, kvittens ok"
                + " från kommunen, vårdcentralens väntas");
    }

    /** (b) 2380: utskrivningsklar today, both principals needed, the SIP call-in open; a fatal kvittens. */
    private Entry utskrivningsklarAwaitingSip() {
        Story s = new Story(
                OSTERSUND,
                VC_STORSJON,
                "19701063-2391",
                time.daysAgo(6, LocalTime.of(14, 10)),
                time.daysAgo(6, LocalTime.of(15, 0)),
                true,
                true,
                null,
                "unplanned");
        s.sendAcknowledged("inskrivningsmeddelande", time.daysAgo(6, LocalTime.of(17, 30)));
        s.sendAcknowledged("planeringsunderlag", time.daysAgo(4, LocalTime.of(10, 0)));
        ZonedDateTime ready = time.daysAgo(0, LocalTime.of(9, 0));
        UUID notice = s.send("utskrivningsklar", ready);
        s.receipt(notice, VC_STORSJON, "ok", time.after(ready, RECEIPT_AFTER), null);
        s.receipt(
                notice,
                OSTERSUND.municipalUnit(),
                "fatal-error",
                time.after(ready, RECEIPT_AFTER.multipliedBy(2)),
                "Mottagande enhet saknas i kommunens verksamhetssystem");
        return s.entry(
                "stroke, utskrivningsklar i dag, väntar på kallelse till SIP; kommunens kvittens: fatalt" + " fel");
    }

    /**
     * (c) 0680: readmitted (unplanned) two days ago, 13 days after the discharge of (e): a readmission within
     * 30 days for the follow-up; no inskrivningsmeddelande: the clock marks it missed.
     */
    private Entry missedDeadlineHeartFailure() {
        Story s = new Story(
                JONKOPING,
                VC_SOLGLANTAN,
                "19121212-1212",
                time.daysAgo(2, LocalTime.of(10, 20)),
                time.daysAgo(2, LocalTime.of(11, 5)),
                false,
                true,
                null,
                "unplanned");
        return s.entry("hjärtsvikt, akut återinskriven för två dagar sedan, 13 dagar efter utskrivningen (en"
                + " återinskrivning inom 30 dagar); inget inskrivningsmeddelande: deadline-klockan markerar uppgiften"
                + " missad");
    }

    /** (d) 0680: utskrivningsklar 7 days ago before 12:00, kallelse the next day, still in hospital. */
    private Entry liableDaysKol() {
        Story s = new Story(
                JONKOPING,
                VC_EKBACKEN,
                "19571230-2842",
                time.daysAgo(10, LocalTime.of(16, 40)),
                time.daysAgo(10, LocalTime.of(18, 0)),
                true,
                true,
                null,
                "unplanned");
        s.sendAcknowledged("inskrivningsmeddelande", time.daysAgo(10, LocalTime.of(21, 15)));
        s.sendAcknowledged("utskrivningsklar", time.daysAgo(7, LocalTime.of(9, 30)));
        s.sendAcknowledged("kallelse-sip", time.daysAgo(6, LocalTime.of(13, 0)));
        Liability l = api.liability(s.episode);
        return s.entry("KOL, utskrivningsklar sedan 7 dagar, kvar på sjukhus: " + l.days()
                + " dagar med betalningsansvar (" + l.kronor() + " kr)");
    }

    /** (e) 0680: the whole transition, utskrivningsmeddelande on the discharge day, then discharged. */
    private Entry dischargedHeartFailure() {
        Story s = new Story(
                JONKOPING,
                VC_SOLGLANTAN,
                "19121212-1212",
                time.daysAgo(22, LocalTime.of(7, 50)),
                time.daysAgo(22, LocalTime.of(8, 30)),
                true,
                true,
                null,
                "planned");
        s.sendAcknowledged("inskrivningsmeddelande", time.daysAgo(22, LocalTime.of(13, 0)));
        s.sendAcknowledged("utskrivningsklar", time.daysAgo(17, LocalTime.of(10, 15)));
        s.sendAcknowledged("kallelse-sip", time.daysAgo(16, LocalTime.of(9, 0)));
        s.sendAcknowledged("utskrivningsmeddelande", time.daysAgo(15, LocalTime.of(9, 40)));
        s.discharge(time.daysAgo(15, LocalTime.of(11, 0)));
        return s.entry("hjärtsvikt, hela förloppet: utskriven för 15 dagar sedan, alla tidsfrister hållna");
    }

    /** One episode being written: its site, the vårdcentral it is sent to, and its latest version. */
    private final class Story {

        private final Site site;
        private final String primaryCare;
        private Episode episode;

        Story(
                Site site,
                String primaryCare,
                String patient,
                ZonedDateTime admittedAt,
                ZonedDateTime assessedAt,
                boolean needsBothPrincipals,
                boolean mayNeedHelp,
                String expectedDischargeDate,
                String admissionKind) {
            this.site = site;
            this.primaryCare = primaryCare;
            this.episode = api.admit(
                    """
                    {"patient":"%s","admittingUnit":"%s","kommun":"%s","admittedAt":"%s","admissionKind":"%s",
                     "physicianAssessedAt":"%s",%s"needsBothPrincipals":%s,"mayNeedHelpAfterDischarge":%s,
                     "actor":%s}"""
                            .formatted(
                                    patient,
                                    site.ward(),
                                    site.kommun(),
                                    rfc3339(admittedAt),
                                    admissionKind,
                                    rfc3339(assessedAt),
                                    expectedDischargeDate == null
                                            ? ""
                                            : "\"expectedDischargeDate\":\"" + expectedDischargeDate + "\",",
                                    needsBothPrincipals,
                                    mayNeedHelp,
                                    actor()));
        }

        /** Records a message from the ward to the kommun and the vårdcentral; returns its id. */
        UUID send(String type, ZonedDateTime sentAt) {
            UUID id = UUID.randomUUID();
            episode = api.send(
                    episode,
                    """
                    {"id":"%s","type":"%s","sentAt":"%s","sender":"%s",
                     "addressees":[{"kind":"municipal","unit":"%s","kommun":"%s"},
                                   {"kind":"primary-care","unit":"%s"}],
                     "actor":%s}"""
                            .formatted(
                                    id,
                                    type,
                                    rfc3339(sentAt),
                                    site.ward(),
                                    site.municipalUnit(),
                                    site.kommun(),
                                    primaryCare,
                                    actor()));
            return id;
        }

        /** A message that both addressees acknowledge (kvittens ok) a few minutes later. */
        void sendAcknowledged(String type, ZonedDateTime sentAt) {
            UUID id = send(type, sentAt);
            receipt(id, site.municipalUnit(), "ok", time.after(sentAt, RECEIPT_AFTER), null);
            receipt(id, primaryCare, "ok", time.after(sentAt, RECEIPT_AFTER.plusMinutes(1)), null);
        }

        void receipt(UUID message, String addressee, String status, ZonedDateTime at, String reason) {
            episode = api.receipt(
                    episode,
                    message,
                    """
                    {"addressee":"%s","status":"%s","at":"%s",%s"kind":"application","actor":%s}"""
                            .formatted(
                                    addressee,
                                    status,
                                    rfc3339(at),
                                    reason == null ? "" : "\"reason\":\"" + reason + "\",",
                                    actor()));
        }

        void discharge(ZonedDateTime at) {
            episode = api.discharge(episode, "{\"at\":\"" + rfc3339(at) + "\",\"actor\":" + actor() + "}");
        }

        Entry entry(String story) {
            return new Entry(episode, story);
        }

        private String actor() {
            return DemoData.actor(site.nurse(), site.ward());
        }
    }
}
