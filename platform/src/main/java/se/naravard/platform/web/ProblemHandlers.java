package se.naravard.platform.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import se.naravard.platform.domain.RejectedException;

/** Turns our exceptions into problem+json. Framework errors go through {@link ProblemErrorBodyProvider}. */
public final class ProblemHandlers {

    private ProblemHandlers() {}

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
