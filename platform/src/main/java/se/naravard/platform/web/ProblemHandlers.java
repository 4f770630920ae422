package se.naravard.platform.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.db.DatabaseFailures;
import se.naravard.platform.domain.RejectedException;

/** Turns our exceptions into problem+json. Framework errors go through {@link ProblemErrorBodyProvider}. */
public final class ProblemHandlers {

    /** The code of a request refused because the service's database is unavailable (503). */
    public static final String DATABASE_UNAVAILABLE = "REQUEST-503";

    /** Seconds a client should wait before trying again ({@code Retry-After}) after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    static final String DATABASE_UNAVAILABLE_DETAIL = "The service's database is unavailable, so the request was not"
            + " carried out and nothing was stored. Try again in a few seconds.";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** Methods of the transaction manager, the pool and the driver that run a commit. */
    private static final Set<String> COMMIT_METHODS = Set.of("commit", "commitInternal", "processCommit", "doCommit");

    private static final List<String> COMMITTERS =
            List.of("io.micronaut.transaction.", "io.micronaut.data.", "com.zaxxer.hikari.", "org.postgresql.");

    private ProblemHandlers() {}

    /**
     * Whether a request that failed with {@code failure} is answered 503 "database unavailable": the
     * database is unreachable ({@link DatabaseFailures#isUnavailable}), and nothing can have been
     * stored. Every use case is one transaction (a refusal or failure rolls it back; the outbox event is
     * in it), so a write that never got a connection, or lost it before the commit, stored nothing. A
     * failure <em>in the commit itself</em> leaves the outcome unknown (the server may have committed
     * before the connection went), and so does a connection that broke while in use when the report
     * no longer says where ({@link DatabaseFailures#isConnectionLostInUse}): those stay a 500 for
     * anything but a read ({@code GET}, {@code HEAD}, {@code OPTIONS}), which stores nothing either way.
     * In an outage that is the few writes under way when the database went; every later one finds no
     * connection and is a 503.
     */
    public static boolean answersUnavailable(HttpMethod method, Throwable failure) {
        if (!DatabaseFailures.isUnavailable(failure)) {
            return false;
        }
        return SAFE.contains(method) || !(aroseInCommit(failure) || DatabaseFailures.isConnectionLostInUse(failure));
    }

    /**
     * Whether {@code failure} arose in a commit, as reported when the report survives: Micronaut's
     * transaction manager wraps a failed {@code Connection.commit()} in a {@link
     * TransactionSystemException} "Could not commit…", and the driver's and pool's exceptions thrown
     * there have their commit on the stack (a rollback there instead: nothing committed). When the
     * connection itself is gone, Micronaut Data 4.14 reports something else in its place ({@link
     * DatabaseFailures#isConnectionLostInUse}); contract-service's DatabaseOutageIT loses a commit for
     * real.
     */
    static boolean aroseInCommit(Throwable failure) {
        Throwable c = failure;
        for (int depth = 0; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof TransactionSystemException
                    && c.getMessage() != null
                    && c.getMessage().startsWith("Could not commit")) {
                return true;
            }
            for (StackTraceElement frame : c.getStackTrace()) {
                if (COMMIT_METHODS.contains(frame.getMethodName())
                        && COMMITTERS.stream().anyMatch(frame.getClassName()::startsWith)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every other exception: 503 with {@code Retry-After} when the database is unavailable ({@link
     * #answersUnavailable}), a 500 otherwise, made and logged as Micronaut makes its own (the body by
     * {@link ProblemErrorBodyProvider}, {@code REQUEST-500}, the cause in the log only). Exceptions with
     * a handler of their own (ours above, the framework's) never reach it.
     */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = ExceptionHandler.class)
    public static class FailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

        private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

        private final ErrorResponseProcessor<?> errors;

        public FailureHandler(ErrorResponseProcessor<?> errors) {
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, RuntimeException e) {
            if (answersUnavailable(request.getMethod(), e)) {
                // No path (it may hold an id) and no message (it may hold SQL): what failed, not what was asked.
                LOG.warn(
                        "{} refused with 503: the database is unavailable ({}, SQLState {})",
                        request.getMethod(),
                        e.getClass().getSimpleName(),
                        DatabaseFailures.sqlState(e));
                Problem p = Problems.problem(
                        503,
                        DATABASE_UNAVAILABLE,
                        "Service Unavailable",
                        DATABASE_UNAVAILABLE_DETAIL,
                        request.getPath(),
                        List.of());
                return Problems.response(request, p).header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            }
            LOG.error("Unexpected error occurred: {}", e.getMessage(), e);
            return errors.processResponse(
                    ErrorContext.builder(request)
                            .cause(e)
                            .errorMessage("Internal Server Error: " + e.getMessage())
                            .build(),
                    HttpResponse.serverError());
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = ExceptionHandler.class)
    public static class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
            Problem p =
                    Problems.problem(e.status(), e.code(), e.title(), e.detail(), request.getPath(), e.rejections());
            return Problems.response(request, p);
        }
    }

    /** A value object refused its input outside any use case (e.g. a path parameter): 422. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Requires(classes = ExceptionHandler.class)
    public static class RejectedExceptionHandler implements ExceptionHandler<RejectedException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, RejectedException e) {
            Problem p =
                    Problems.problem(422, e.first().code(), "Invalid input", null, request.getPath(), e.rejections());
            return Problems.response(request, p);
        }
    }
}
