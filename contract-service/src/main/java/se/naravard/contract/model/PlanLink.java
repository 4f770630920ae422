package se.naravard.contract.model;

/** A reference to another plan (SIP, rehab plan…) that the sammanhållen planering builds on. */
public record PlanLink(PlanKind kind, String reference) {

    void validate(Violations v, String pointer) {
        v.required(pointer + "/kind", kind);
        v.requiredText(pointer + "/reference", reference);
    }
}
