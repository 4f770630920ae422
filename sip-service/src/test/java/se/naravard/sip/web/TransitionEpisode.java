package se.naravard.sip.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import se.naravard.platform.events.EventEnvelope;

/**
 * One care-transition episode as transition-service publishes it on {@code transition.events}: the data
 * has the shape of its {@code TransitionEventPayload} (type, episode = the full EpisodeDocument after
 * the change, change, and the message or task the event is about). Each episode gets its own
 * primary-care unit, so tests can find their call-in tasks by unit.
 */
final class TransitionEpisode {

    static final String PNR = "http://electronichealth.se/identifier/personnummer";
    static final String SOURCE = "/naravard/transition-service";
    static final String HOSPITAL = "SE2321000057-AVD7";
    static final String MUNICIPAL_UNIT = "SE2120000530-HT01";
    static final String PHYSICIAN = "SE2321000057-L001";

    final UUID id = UUID.randomUUID();
    final String person;
    final boolean needsBothPrincipals;
    final String primaryCareUnit =
            "SE2321000057-VK" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    final UUID admissionTask = UUID.randomUUID();
    final UUID notice = UUID.randomUUID();
    final UUID sipTask = UUID.randomUUID();
    final UUID withdrawal = UUID.randomUUID();
    final UUID withdrawalTask = UUID.randomUUID();
    final Instant admittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
    final Instant noticeAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
    final Instant sipDue = noticeAt.plus(Duration.ofDays(3));

    TransitionEpisode(String person, boolean needsBothPrincipals) {
        this.person = person;
        this.needsBothPrincipals = needsBothPrincipals;
    }

    /** Version 3: the utskrivningsklar notice is sent; with both principals a sip-call-in task opens. */
    String utskrivningsklar(int version) {
        List<String> tasks = new ArrayList<>(List.of(admissionTask("open")));
        if (needsBothPrincipals) {
            tasks.add(sipTask("open"));
        }
        return payload(
                "message-sent",
                version,
                "{\"code\":\"utskrivningsklar\",\"noticeAt\":\"" + noticeAt + "\"}",
                List.of(noticeMessage()),
                tasks,
                "\"message\":" + noticeMessage());
    }

    /** A later version: the admission-notice clock met, the sip-call-in task still open. */
    String admissionNoticeMet(int version) {
        List<String> tasks = new ArrayList<>(List.of(admissionTask("met")));
        if (needsBothPrincipals) {
            tasks.add(sipTask("open"));
        }
        return payload(
                "deadline-met",
                version,
                "{\"code\":\"utskrivningsklar\",\"noticeAt\":\"" + noticeAt + "\"}",
                List.of(noticeMessage()),
                tasks,
                "\"task\":" + admissionTask("met"));
    }

    /** Återtagande av utskrivningsklar: the sip-call-in task is cancelled, so it is gone from the episode. */
    String withdrawn(int version) {
        String withdrawalMessage = message(
                withdrawal,
                "atertagande-utskrivningsklar",
                noticeAt.plus(Duration.ofMinutes(30)),
                "\"refersTo\":\"" + notice + "\",");
        String withdrawalTaskDoc = "{\"id\":\"" + withdrawalTask + "\",\"kind\":\"withdrawal-notice\",\"dueAt\":\""
                + noticeAt.plus(Duration.ofHours(1)) + "\",\"state\":\"met\",\"metAt\":\""
                + noticeAt.plus(Duration.ofMinutes(30)) + "\",\"trigger\":\"" + withdrawal + "\",\"fulfilledBy\":\""
                + withdrawal + "\"}";
        return payload(
                "deadline-cancelled",
                version,
                "{\"code\":\"admitted\"}",
                List.of(noticeMessage(), withdrawalMessage),
                List.of(admissionTask("met"), withdrawalTaskDoc),
                "\"task\":" + sipTask("open"));
    }

    EventEnvelope envelope(UUID ceId, String type, int version, String data, String patientKey) {
        return new EventEnvelope(
                ceId,
                SOURCE,
                "se.naravard.transition." + type + ".v1",
                id.toString(),
                OffsetDateTime.now(ZoneOffset.UTC),
                patientKey,
                "0680",
                version,
                data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String payload(
            String type, int version, String status, List<String> messages, List<String> tasks, String about) {
        String episode = "{\"id\":\"" + id + "\",\"version\":" + version + ",\"patient\":{\"system\":\"" + PNR
                + "\",\"value\":\"" + person + "\"},\"admittingUnit\":\"" + HOSPITAL + "\",\"kommun\":\"0680\","
                + "\"admittedAt\":\"" + admittedAt + "\",\"physicianAssessedAt\":\"" + admittedAt + "\","
                + "\"needsBothPrincipals\":" + needsBothPrincipals + ",\"mayNeedHelpAfterDischarge\":true,"
                + "\"status\":" + status + ",\"messages\":[" + String.join(",", messages) + "],"
                + "\"tasks\":[" + String.join(",", tasks) + "],"
                + "\"lastChange\":{\"at\":\"" + noticeAt + "\",\"actor\":{\"person\":\"" + PHYSICIAN
                + "\",\"unit\":\"" + HOSPITAL + "\"}}}";
        return "{\"type\":\"" + type + "\",\"episode\":" + episode + ",\"change\":{\"at\":\"" + noticeAt
                + "\",\"actor\":{\"person\":\"" + PHYSICIAN + "\",\"unit\":\"" + HOSPITAL + "\"}}," + about + "}";
    }

    String noticeMessage() {
        return message(notice, "utskrivningsklar", noticeAt, "");
    }

    private String message(UUID messageId, String type, Instant sentAt, String extra) {
        return "{\"id\":\"" + messageId + "\",\"type\":\"" + type + "\",\"sentAt\":\"" + sentAt + "\",\"sender\":\""
                + HOSPITAL + "\",\"addressees\":[{\"kind\":\"municipal\",\"unit\":\"" + MUNICIPAL_UNIT
                + "\",\"kommun\":\"0680\"},{\"kind\":\"primary-care\",\"unit\":\"" + primaryCareUnit + "\"}],"
                + extra + "\"receipts\":[{\"addressee\":\"" + MUNICIPAL_UNIT + "\",\"status\":\"ok\",\"at\":\""
                + sentAt.plusSeconds(5) + "\",\"kind\":\"automatic\"}]}";
    }

    private String admissionTask(String state) {
        return "{\"id\":\"" + admissionTask + "\",\"kind\":\"admission-notice\",\"dueAt\":\""
                + admittedAt.plus(Duration.ofHours(24)) + "\",\"state\":\"" + state + "\""
                + ("met".equals(state) ? ",\"metAt\":\"" + admittedAt.plus(Duration.ofHours(3)) + "\"" : "") + "}";
    }

    String sipTask(String state) {
        return "{\"id\":\"" + sipTask + "\",\"kind\":\"sip-call-in\",\"dueAt\":\"" + sipDue + "\",\"state\":\"" + state
                + "\",\"trigger\":\"" + notice + "\"}";
    }
}
