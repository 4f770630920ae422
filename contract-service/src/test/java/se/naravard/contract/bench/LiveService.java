package se.naravard.contract.bench;

import java.sql.SQLException;
import java.time.Duration;
import se.naravard.platform.outbox.OutboxRelay;

/**
 * contract-service running in-process for one write phase: its database, its relay (null when the
 * relay is disabled) and the load generator pointed at it.
 */
record LiveService(BenchContext ctx, String db, OutboxRelay relay, HttpLoad load) {

    void awaitBacklogZero(Duration max) throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + max.toNanos();
        while (relay.backlog().pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    void printBacklog() throws SQLException {
        System.out.printf(
                "  outbox backlog when the last response arrived: %d%n",
                relay.backlog().pending());
    }
}
