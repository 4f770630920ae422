package se.naravard.platform.domain;

import java.util.List;

/**
 * Carries one or more {@link Rejection}s across a layer boundary where returning a value is not
 * possible: a value object's constructor, or a use case that must roll back its transaction. Edges
 * (REST controllers, FHIR providers) turn it into problem+json or an OperationOutcome.
 */
public class RejectedException extends IllegalArgumentException {

    private final transient List<Rejection> rejections;

    public RejectedException(Rejection rejection) {
        this(List.of(rejection));
    }

    public RejectedException(List<Rejection> rejections) {
        super(
                rejections.isEmpty()
                        ? "rejected"
                        : rejections.get(0).code() + ": " + rejections.get(0).reason());
        this.rejections = List.copyOf(rejections);
    }

    public List<Rejection> rejections() {
        return rejections;
    }

    public Rejection first() {
        return rejections.get(0);
    }
}
