package se.naravard.transition.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadline tasks as metrics (docs/operations.md "Observability"): {@code
 * naravard_transition_deadline_tasks{state="open"|"overdue"|"missed"}}. Open tasks are not yet due or
 * fulfilled; overdue ones are open past their due time (the deadline clock has not swept them yet: more
 * than a few seconds means the clock is stuck); missed ones were reported missed (a counter in effect:
 * alert on its increase). Counted by one index-only query every {@code naravard.metrics.refresh-interval},
 * never per scrape.
 */
@Singleton
@Requires(beans = {MeterRegistry.class, DataSource.class})
public class DeadlineMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineMetrics.class);
    private static final String COUNT = "select count(*) filter (where state = 'open'),"
            + " count(*) filter (where state = 'open' and due_at < now()),"
            + " count(*) filter (where state = 'missed')"
            + " from episode_task where state in ('open', 'missed')";

    private final DataSource dataSource;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();

    public DeadlineMetrics(MeterRegistry registry, DataSource dataSource) {
        // The relay's way: Micronaut's DataSource lends only a transaction's connection.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        gauge(registry, "open", open);
        gauge(registry, "overdue", overdue);
        gauge(registry, "missed", missed);
    }

    private static void gauge(MeterRegistry registry, String state, AtomicLong value) {
        Gauge.builder("naravard.transition.deadline.tasks", value, AtomicLong::get)
                .tag("state", state)
                .baseUnit("tasks")
                .description("LUS deadline tasks: open, open past their due time, reported missed")
                .register(registry);
    }

    @Scheduled(fixedDelay = "${naravard.metrics.refresh-interval:15s}", initialDelay = "1s")
    void refresh() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(COUNT);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            open.set(rs.getLong(1));
            overdue.set(rs.getLong(2));
            missed.set(rs.getLong(3));
        } catch (Exception e) {
            // The database is down: readiness says so; keep the last values.
            LOG.debug("deadline metrics not read: {}", e.toString());
        }
    }
}
