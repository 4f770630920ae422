package se.naravard.gateway.subscription;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.audit.AccessRecord;

/**
 * Sends the rest-hook notifications. Each worker thread, in a loop: lock one subscription that has work
 * due by the {@link Clock} ({@code FOR UPDATE SKIP LOCKED} on its delivery row, so two workers, on this
 * instance or another, never deliver the same subscription at once), do one round, commit, repeat;
 * sleep a poll interval when nothing is due.
 *
 * <ul>
 *   <li>{@code requested}: POST the handshake Bundle; a 2xx makes the subscription active, anything else
 *       puts it in error with the reason (the owner asks again with status requested).
 *   <li>{@code active} with a backlog: POST its oldest notifications in event-number order, one per
 *       Bundle or up to the subscription's {@code backport-max-count}, each within its {@code
 *       backport-timeout}. A 2xx is the receiver's receipt: the delivery is written to the access log
 *       (id-only and full-resource payloads name a patient's data), the round's notifications are marked
 *       delivered in one statement, and, for a subscription that asks for it, the kvittens of each LUS
 *       message is queued for transition-service ({@link Housekeeping}). A failure holds back the
 *       patients of that Bundle for this round; other patients' go on, unless the
 *       endpoint cannot be reached at all, which ends the round. After a round with a failure the
 *       subscription waits {@code firstRetry × 2^(failures-1)}, at most {@code maxRetry}, with jitter
 *       (half to all of it), then tries again, for ever: nothing is given up while it stays active.
 *   <li>{@code active} without a backlog and a heartbeat period passed since the last delivery: POST a
 *       heartbeat.
 * </ul>
 *
 * A crash between a receiver's 2xx and the commit sends the notification again (at least once; the
 * receiver deduplicates on the event number, or the event id in the focus's notification).
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final SubscriptionStore store;
    private final NotificationBundles bundles;
    private final AccessLog accessLog;
    private final Clock clock;
    private final SubscriptionSettings settings;
    private final HttpClient http;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;

    public DeliveryWorker(
            SubscriptionStore store,
            NotificationBundles bundles,
            AccessLog accessLog,
            Clock clock,
            SubscriptionSettings settings) {
        this.store = store;
        this.bundles = bundles;
        this.accessLog = accessLog;
        this.clock = clock;
        this.settings = settings;
        this.http = client(settings);
    }

    /**
     * The receivers' client. It never follows a redirect: a 3xx is a failed delivery, so every address
     * the gateway connects to is one {@link #post} checked (issue 8).
     */
    static HttpClient client(SubscriptionSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(this::loop, "subscription-delivery-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop() {
        while (running) {
            boolean worked;
            try {
                worked = runOnce();
            } catch (RuntimeException | AssertionError e) {
                // AssertionError: the PostgreSQL driver's, when the server ends a session under a batch;
                // it must not end this worker (the round is rolled back and tried again).
                LOG.warn("subscription delivery: {}", e.toString());
                worked = false;
            }
            if (!worked) {
                try {
                    TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round for one subscription with work due; false when none has. */
    boolean runOnce() {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Instant now = clock.instant();
                Optional<SubscriptionStore.Claim> claim = store.claim(c, now);
                if (claim.isEmpty()) {
                    c.commit();
                    return false;
                }
                round(c, claim.get(), now);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warn("subscription delivery: the database: SQLState {}", e.getSQLState());
            return false;
        }
    }

    private void round(Connection c, SubscriptionStore.Claim claim, Instant now) throws SQLException {
        StoredSubscription s = claim.subscription();
        UUID id = s.id();
        if (StoredSubscription.REQUESTED.equals(s.status())) {
            Outcome o = post(
                    s, bundles.notification(s, NotificationBundles.HANDSHAKE, s.eventsSinceStart(), List.of(), now));
            store.handshake(c, id, o.ok(), o.ok() ? null : "handshake failed: " + o.error(), clock.instant());
            store.schedule(c, id, clock.instant(), 0, null, o.ok() ? clock.instant() : null);
            LOG.info("subscription {}: handshake {}", id, o.ok() ? "answered, active" : "failed (" + o.error() + ")");
            return;
        }
        List<SubscriptionStore.Notification> backlog = store.backlog(c, id, settings.batch());
        if (backlog.isEmpty()) {
            Outcome o = post(
                    s, bundles.notification(s, NotificationBundles.HEARTBEAT, s.eventsSinceStart(), List.of(), now));
            after(c, claim, o.ok() ? null : "heartbeat: " + o.error(), o.ok() ? clock.instant() : null);
            return;
        }
        Set<String> heldBack = new HashSet<>();
        String error = null;
        Instant lastSent = null;
        List<SubscriptionStore.Notification> answered = new ArrayList<>();
        List<AccessRecord> disclosures = new ArrayList<>();
        int perBundle = s.eventsPerBundle();
        List<SubscriptionStore.Notification> pending = new ArrayList<>(backlog);
        while (!pending.isEmpty()) {
            if (!running && !threads.isEmpty()) {
                break;
            }
            // The next Bundle: up to max-count notifications in number order, skipping the patients held back.
            List<SubscriptionStore.Notification> bundle = new ArrayList<>();
            for (var it = pending.iterator(); it.hasNext() && bundle.size() < perBundle; ) {
                SubscriptionStore.Notification n = it.next();
                it.remove();
                if (!heldBack.contains(n.patientKey())) {
                    bundle.add(n); // an earlier notification of a held-back patient is not delivered: keep the order
                }
            }
            if (bundle.isEmpty()) {
                continue;
            }
            long last = bundle.get(bundle.size() - 1).eventNumber();
            Outcome o = post(s, bundles.notification(s, NotificationBundles.EVENT_NOTIFICATION, last, bundle, now));
            if (o.ok()) {
                answered.addAll(bundle);
                if (s.carriesPatientData()) {
                    for (SubscriptionStore.Notification n : bundle) {
                        disclosures.add(disclosure(s, n, o.status()));
                    }
                }
            } else {
                failed.addAndGet(bundle.size());
                error = o.error();
                store.failed(c, id, numbers(bundle), error);
                bundle.forEach(n -> heldBack.add(n.patientKey()));
                if (o.unreachable()) {
                    break;
                }
            }
        }
        if (!answered.isEmpty()) {
            try {
                // One access-log commit for the round, before anything is marked delivered.
                accessLog.append(disclosures);
                Instant at = clock.instant();
                store.delivered(c, id, numbers(answered), at);
                if (s.deliveryReceipt() && s.carriesPatientData()) {
                    receipts(c, s, answered);
                }
                delivered.addAndGet(answered.size());
                lastSent = at;
            } catch (IllegalStateException e) {
                // Not marked delivered: sent again (and logged then). Nothing is delivered unlogged.
                error = "the access log cannot be written";
            }
        }
        after(c, claim, error, lastSent);
    }

    /**
     * The automatic kvittens of each LUS message the receiver answered, per addressee unit the
     * subscription stands for, in the round's transaction: sent to transition-service after it.
     */
    private void receipts(Connection c, StoredSubscription s, List<SubscriptionStore.Notification> answered)
            throws SQLException {
        Instant answeredAt = Instant.now(); // transition-service's time, whatever clock schedules the deliveries
        for (SubscriptionStore.Notification n : answered) {
            if (n.receiptUnits().isEmpty() || !n.focus().startsWith("Communication/")) {
                continue;
            }
            UUID message;
            try {
                message = UUID.fromString(n.focus().substring("Communication/".length()));
            } catch (IllegalArgumentException e) {
                continue; // an LUS message id is a UUID; anything else names no message to receipt
            }
            for (String unit : n.receiptUnits()) {
                store.receipt(c, message, unit, s.id(), n.eventNumber(), answeredAt);
            }
        }
    }

    private static List<Long> numbers(List<SubscriptionStore.Notification> notifications) {
        List<Long> numbers = new ArrayList<>(notifications.size());
        for (SubscriptionStore.Notification n : notifications) {
            numbers.add(n.eventNumber());
        }
        return numbers;
    }

    private void after(Connection c, SubscriptionStore.Claim claim, String error, Instant lastSent)
            throws SQLException {
        Instant now = clock.instant();
        if (error == null) {
            store.schedule(c, claim.subscription().id(), now, 0, null, lastSent);
            return;
        }
        int failures = claim.failures() + 1;
        Duration wait = backoff(failures, settings.firstRetry(), settings.maxRetry());
        store.schedule(c, claim.subscription().id(), now.plus(wait), failures, error, lastSent);
        if (failures == 1 || failures % 10 == 0) {
            LOG.warn(
                    "subscription {}: delivery failed {} time(s) in a row ({}); next attempt in {} s",
                    claim.subscription().id(),
                    failures,
                    error,
                    wait.toSeconds());
        }
    }

    /** {@code first × 2^(failures-1)}, at most {@code max}, then a random half to all of it. */
    static Duration backoff(int failures, Duration first, Duration max) {
        long ceiling = max.toMillis();
        long d = first.toMillis();
        for (int i = 1; i < failures && d < ceiling; i++) {
            d *= 2;
        }
        d = Math.min(d, ceiling);
        long jittered = d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static AccessRecord disclosure(StoredSubscription s, SubscriptionStore.Notification n, int status) {
        StoredSubscription.Owner owner = s.owner();
        int slash = n.focus().indexOf('/');
        return new AccessRecord(
                UUID.randomUUID(),
                Instant.now(), // the log keeps real time, whatever clock schedules the deliveries
                "system",
                owner.subject(),
                owner.hsaId(),
                owner.careUnit(),
                "kommun",
                owner.kommun(),
                null,
                n.patientKey(),
                AccessRecord.NOTIFY,
                n.focus().substring(0, slash),
                n.focus().substring(slash + 1),
                null,
                AccessRecord.SUCCESS,
                status,
                false,
                null,
                null);
    }

    /** The result of one POST. */
    record Outcome(int status, String error, boolean unreachable) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * POSTs the Bundle, after asking the endpoint policy again with the host resolved now (DNS rebinding:
     * a name public when the subscription was made may point inside since; the allow-list may have
     * changed). A refusal is a failed attempt like an unreachable endpoint, retried for ever while the
     * subscription stays active (issue 8: nothing is given up), its reason in {@code $status}.
     */
    private Outcome post(StoredSubscription s, Bundle bundle) {
        Optional<EndpointPolicy.Refusal> refusal = settings.endpoints().refusal(s.endpoint());
        if (refusal.isPresent()) {
            // The host and the address class only: an endpoint names no patient.
            LOG.warn(
                    "subscription {}: not sent, the endpoint is refused ({})",
                    s.id(),
                    refusal.get().why());
            return new Outcome(0, "the endpoint is refused: " + refusal.get().why(), true);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(s.endpoint())
                .timeout(timeout(s))
                .header("Content-Type", SubscriptionForm.FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(bundles.encode(bundle)));
        for (String h : s.headers()) {
            int colon = h.indexOf(':');
            request.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        try {
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = answer.statusCode();
            return new Outcome(
                    status, status >= 200 && status < 300 ? null : "the endpoint answered HTTP " + status, false);
        } catch (HttpTimeoutException e) {
            return new Outcome(
                    0, "the endpoint did not answer within " + timeout(s).toSeconds() + " s", true);
        } catch (IOException e) {
            return new Outcome(
                    0, "the endpoint cannot be reached (" + e.getClass().getSimpleName() + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted", true);
        }
    }

    /** The subscription's backport-timeout, else the gateway's request timeout. */
    private Duration timeout(StoredSubscription s) {
        return s.timeout() != null ? s.timeout() : settings.requestTimeout();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedCount() {
        return failed.get();
    }

    @Override
    public void close() {
        List<Thread> started;
        synchronized (this) {
            running = false;
            started = new ArrayList<>(threads);
        }
        for (Thread t : started) {
            t.interrupt();
        }
        for (Thread t : started) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
