package se.naravard.platform.web;

import java.util.List;
import se.naravard.platform.domain.Rejection;

/**
 * Thrown by a controller or use case to answer with a problem document. Carries the HTTP status, the
 * stable code and the rejections (fields at fault). Throwing it inside a transaction rolls the
 * transaction back, so nothing is half-written.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final String detail;
    private final transient List<Rejection> rejections;

    public ProblemException(int status, String code, String title, String detail, List<Rejection> rejections) {
        super(detail == null ? title : detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.detail = detail;
        this.rejections = List.copyOf(rejections);
    }

    public static ProblemException of(int status, Rejection rejection) {
        return new ProblemException(status, rejection.code(), rejection.reason(), null, List.of(rejection));
    }

    public static ProblemException of(int status, String title, List<Rejection> rejections) {
        String code = rejections.isEmpty() ? "REQUEST-000" : rejections.get(0).code();
        return new ProblemException(status, code, title, null, rejections);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** An explanation beyond the title, or null. */
    public String detail() {
        return detail;
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
