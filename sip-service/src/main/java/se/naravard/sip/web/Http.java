package se.naravard.sip.web;

import io.micronaut.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;
import se.naravard.sip.SipService;
import se.naravard.sip.document.Docs.SipDocument;
import se.naravard.sip.document.SipDocuments;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipId;
import se.naravard.sip.model.SipRejections;

/** What the SIP controllers share: ids, versions as ETags, and re-pointing the domain's refusals. */
final class Http {

    static final String IF_MATCH_REQUIRED = "SIP-071";

    /** Refusals about the whole SIP (activation rules); they keep pointing into the SIP document. */
    private static final Set<String> WHOLE_SIP = Set.of(
            SipRejections.VALID_CONSENT_REQUIRED.code(),
            SipRejections.REGION_PARTICIPANT_REQUIRED.code(),
            SipRejections.MUNICIPAL_PARTICIPANT_REQUIRED.code(),
            SipRejections.INTERVENTION_RESPONSIBLE_REQUIRED.code(),
            SipRejections.OVERALL_RESPONSIBILITY_REQUIRED.code(),
            SipRejections.FOLLOW_UP_REQUIRED.code());

    private Http() {}

    static HttpResponse<SipDocument> ok(Sip s) {
        return HttpResponse.ok(SipDocuments.toDocument(s)).header("ETag", etag(s.version()));
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** Reads {@code "3"}, {@code W/"3"} or {@code 3}. */
    static int expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.of(
                    428,
                    new Rejection(
                            IF_MATCH_REQUIRED,
                            "If-Match",
                            "send If-Match with the version (ETag) the change is based on"));
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        try {
            return Integer.parseInt(v.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.of(
                    412, new Rejection(SipService.STALE_VERSION, "If-Match", "If-Match is not a SIP version"));
        }
    }

    static SipId sipId(String id) {
        try {
            return new SipId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(404, new Rejection(SipService.NOT_FOUND, "/id", "no SIP with this id"));
        }
    }

    /**
     * Runs a use case; the domain points into the SIP document ({@code /participants/3/name}), this
     * request has the entry elsewhere ({@code /participant/name}): refusals about the entry are moved
     * there, refusals about the whole SIP stay.
     */
    static Sip repointing(Pattern documentPrefix, String bodyPrefix, Supplier<Sip> useCase) {
        try {
            return useCase.get();
        } catch (ProblemException e) {
            var moved = e.rejections().stream()
                    .map(r -> WHOLE_SIP.contains(r.code()) ? r : repoint(r, documentPrefix, bodyPrefix))
                    .toList();
            throw new ProblemException(e.status(), e.code(), e.title(), e.detail(), moved);
        }
    }

    /**
     * Runs a use case whose refusals point into the SIP document, moving each pointer with {@code move}
     * (a pointer it returns unchanged stays), refusals about the whole SIP included.
     */
    static Sip repointing(UnaryOperator<String> move, Supplier<Sip> useCase) {
        try {
            return useCase.get();
        } catch (ProblemException e) {
            var moved = e.rejections().stream()
                    .map(r -> {
                        String to = r.field() == null ? null : move.apply(r.field());
                        return to == null || to.equals(r.field()) ? r : r.atField(to);
                    })
                    .toList();
            throw new ProblemException(e.status(), e.code(), e.title(), e.detail(), moved);
        }
    }

    private static Rejection repoint(Rejection r, Pattern from, String to) {
        var m = from.matcher(r.field());
        if (!m.lookingAt()) {
            return r;
        }
        String moved = to + r.field().substring(m.end());
        return moved.isEmpty() ? r : r.atField(moved);
    }
}
