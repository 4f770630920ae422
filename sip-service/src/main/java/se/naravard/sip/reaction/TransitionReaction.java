package se.naravard.sip.reaction;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.consumer.EventHandler;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;
import se.naravard.platform.runtime.EventConsumers;
import se.naravard.sip.CallInService;

/**
 * Follows {@code transition.events} with the platform's idempotent consumer (group {@value #GROUP}):
 * every v1 event carries the episode after the change, and {@link CallInService#follow} keeps the SIP
 * call-in tasks in line with it. Duplicates (same CloudEvent id) are skipped by the consumer; stale
 * episode versions by {@code follow}; an event that cannot be read is retried, then dead-lettered to
 * {@code transition.events.dlq}. Off with {@code naravard.sip.transition-reaction.enabled=false}.
 */
@Singleton
@Requires(property = TransitionReaction.ENABLED, notEquals = "false")
public class TransitionReaction implements EventHandler {

    public static final String ENABLED = "naravard.sip.transition-reaction.enabled";
    public static final String GROUP = "sip-service.transition-reaction";
    static final String TYPE_PREFIX = "se.naravard.transition.";
    static final String TYPE_SUFFIX = ".v1";

    private static final Logger LOG = LoggerFactory.getLogger(TransitionReaction.class);

    private final EventConsumers consumers;
    private final TransitionEvents reader;
    private final CallInService callIns;

    public TransitionReaction(EventConsumers consumers, TransitionEvents reader, CallInService callIns) {
        this.consumers = consumers;
        this.reader = reader;
        this.callIns = callIns;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        consumers.start(GROUP, List.of(Topics.TRANSITION_EVENTS), this);
        LOG.info("following {} as consumer group {}", Topics.TRANSITION_EVENTS, GROUP);
    }

    /** Runs in the consumer's transaction, which {@link CallInService#follow} joins. */
    @Override
    public void handle(EventEnvelope event, Connection transaction) {
        if (!event.type().startsWith(TYPE_PREFIX) || !event.type().endsWith(TYPE_SUFFIX)) {
            // Another producer's type or a later version of this one: not ours to read.
            LOG.warn("ignoring event {} of type {}", event.id(), event.type());
            return;
        }
        callIns.follow(reader.episode(event.data()));
    }
}
