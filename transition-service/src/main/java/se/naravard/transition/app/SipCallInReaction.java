package se.naravard.transition.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.consumer.PoisonEventException;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.EventType;
import se.naravard.platform.events.Topics;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.runtime.EventConsumers;
import se.naravard.platform.web.ProblemException;
import se.naravard.transition.episode.Addressee;
import se.naravard.transition.episode.Change;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.Message;
import se.naravard.transition.episode.MessageId;
import se.naravard.transition.episode.MessageType;

/**
 * Closes the loop of DOMAIN.md §5 step 5: when sip-service reports a SIP call-in done ({@code
 * se.naravard.sip.call-in-completed.v1} on {@code sip.events}), the episode records the kallelse till
 * SIP as a message, which meets its SIP call-in clock (or records it as late). The message id is
 * derived from the call-in's id, so a redelivered event is a replay, never a second message. A
 * refusal by the episode rules (e.g. the episode was closed meanwhile) or an unreadable event is
 * dead-lettered to {@code sip.events.dlq} at once with the reason, for a person to look at; a
 * database outage is retried, never dead-lettered.
 */
@Singleton
@Requires(property = "naravard.transition.sip-reaction.enabled", notEquals = "false")
public class SipCallInReaction {

    public static final String GROUP = "transition-service.sip-call-ins";
    public static final String CALL_IN_COMPLETED = EventType.of("sip", "call-in-completed", 1);

    private static final Logger LOG = LoggerFactory.getLogger(SipCallInReaction.class);

    private final EventConsumers consumers;
    private final EpisodeService episodes;
    private final JsonMapper json;
    private final Clock clock;

    public SipCallInReaction(EventConsumers consumers, EpisodeService episodes, JsonMapper json, Clock clock) {
        this.consumers = consumers;
        this.episodes = episodes;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(GROUP, List.of(Topics.SIP_EVENTS), (envelope, connection) -> apply(envelope));
        LOG.info("Consuming {} for SIP call-ins (group {})", Topics.SIP_EVENTS, GROUP);
    }

    /**
     * Applies one sip event; every other type than call-in-completed is none of this service's
     * business. An unreadable event, or one the episode refuses, can never succeed: it is
     * dead-lettered at once with the reason ({@link PoisonEventException}).
     */
    void apply(EventEnvelope envelope) {
        if (!CALL_IN_COMPLETED.equals(envelope.type())) {
            return;
        }
        try {
            record(envelope);
        } catch (ProblemException e) {
            throw new PoisonEventException("the episode refused the kallelse: " + e.code() + " " + e.rejections(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PoisonEventException p) {
                throw p;
            }
            if (e instanceof RuntimeException r && !isBadInput(r)) {
                throw r;
            }
            throw new PoisonEventException("unreadable call-in-completed event: " + e.getMessage(), e);
        }
    }

    private static boolean isBadInput(RuntimeException e) {
        return e instanceof IllegalArgumentException
                || e instanceof DateTimeParseException
                || e instanceof RejectedException
                || e instanceof NullPointerException;
    }

    private void record(EventEnvelope envelope) throws IOException {
        JsonNode callIn = require(json.readValue(envelope.data(), JsonNode.class), "callIn");
        UUID callInId = UUID.fromString(text(callIn, "id"));
        var episode = new EpisodeId(UUID.fromString(text(callIn, "episodeId")));
        JsonNode by = require(callIn, "calledBy");
        HsaId person = HsaId.of(text(by, "person"));
        HsaId unit = HsaId.of(text(by, "unit"));
        Instant calledAt =
                OffsetDateTime.parse(text(callIn, "calledAt")).toInstant().truncatedTo(ChronoUnit.MICROS);
        var message = Message.of(messageId(callInId), MessageType.KALLELSE_SIP, calledAt, unit, invitees(callIn));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        episodes.send(episode, null, message, new Change(person, unit, now.isBefore(calledAt) ? calledAt : now));
    }

    /** The kallelse message's id for a call-in: the same call-in always gives the same message. */
    static MessageId messageId(UUID callInId) {
        return new MessageId(UUID.nameUUIDFromBytes(("kallelse-sip|" + callInId).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Addressee> invitees(JsonNode callIn) {
        var out = new ArrayList<Addressee>();
        JsonNode list = callIn.get("invitees");
        if (list == null || !list.isArray()) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            HsaId unit = HsaId.of(text(a, "unit"));
            JsonNode kommun = a.get("kommun");
            if ("municipal".equals(text(a, "kind"))) {
                out.add(Addressee.municipal(
                        unit, kommun == null || kommun.isNull() ? null : Kommunkod.of(kommun.getStringValue())));
            } else {
                out.add(Addressee.primaryCare(unit));
            }
        }
        return out;
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("call-in event without " + field);
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = require(node, field);
        if (!v.isString()) {
            throw new IllegalArgumentException("call-in event field " + field + " is not a string");
        }
        return v.getStringValue();
    }
}
