package se.naravard.transition.app;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deadline clock: every {@code naravard.transition.clock.interval} it sweeps the episodes whose
 * earliest open task is overdue, so a missed deadline becomes a {@code deadline-missed} event without
 * any request arriving. Its state is the database ({@code episode.next_due_at}), so a restart resumes
 * where it stopped and catches up on anything that fell due while the service was down. Several
 * instances may run it: each batch locks its episodes with {@code SKIP LOCKED}.
 */
@Singleton
public class DeadlineClock {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineClock.class);

    /** A tick stops after this many full batches and leaves the rest to the next tick. */
    private static final int MAX_BATCHES_PER_TICK = 1_000;

    private final EpisodeService episodes;
    private final TransitionSettings.Clock settings;
    private final Clock clock;
    private final AtomicLong swept = new AtomicLong();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> ticking;

    public DeadlineClock(EpisodeService episodes, TransitionSettings.Clock settings, Clock clock) {
        this.episodes = episodes;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!settings.isEnabled()) {
            LOG.info("Deadline clock disabled (naravard.transition.clock.enabled=false)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deadline-clock");
            t.setDaemon(true);
            return t;
        });
        long every = settings.getInterval().toMillis();
        ticking = timer.scheduleWithFixedDelay(() -> tick(), 0, every, TimeUnit.MILLISECONDS);
        LOG.info("Deadline clock started: every {} ms, {} episodes per batch", every, settings.getBatchSize());
    }

    /**
     * Sweeps until nothing overdue is left (or a bounded number of batches); never throws.
     *
     * @return how many episodes this tick changed
     */
    public long tick() {
        long changed = 0;
        try {
            for (int i = 0; i < MAX_BATCHES_PER_TICK; i++) {
                var result = episodes.sweepDue(clock.instant(), settings.getBatchSize());
                changed += result.changed();
                swept.addAndGet(result.changed());
                if (result.locked() < settings.getBatchSize() || result.changed() == 0) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The database may be away; the next tick tries again and nothing is lost meanwhile.
            LOG.warn("Deadline clock tick failed; retrying at the next tick: {}", e.toString());
        }
        return changed;
    }

    /** Episodes changed by the clock since start (for tests and metrics). */
    public long sweptSoFar() {
        return swept.get();
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            ticking.cancel(false);
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }
}
