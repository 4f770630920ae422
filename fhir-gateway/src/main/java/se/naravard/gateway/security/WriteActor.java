package se.naravard.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.RequestActor;
import se.naravard.platform.security.Caller;

/**
 * Who a change is recorded as made by, bound to the token (issue 7): the services write it into every
 * version, and the access rules and the holder of a record follow from it, so a caller must not be
 * able to name someone else.
 *
 * <ul>
 *   <li>Staff (a person's token) act as themselves: the person is the token's {@code hsa_id}, the unit
 *       its {@code care_unit}. {@code X-Provenance} is optional (its {@code reason} is kept); naming
 *       another person or unit there, or as a new contract's author or contributor, is 403 {@value
 *       #NOT_YOURS}.
 *   <li>A system acts for the people of its care provider: it names them in {@code X-Provenance} (and
 *       as a contract's author and contributor), and the unit must be of its care provider (the
 *       organisation part of its {@code hsa_id}), or be its own {@code care_unit} when the token has one.
 *   <li>Without security (a development experiment only), {@code X-Provenance} as it is.
 * </ul>
 */
public final class WriteActor {

    public static final String NOT_YOURS = "GATEWAY-079";

    private WriteActor() {}

    /** The actor of an update (CareTeam, Goal, Task). */
    public static RequestActor.Actor of(RequestDetails request) {
        Caller caller = TokenAuthentication.caller(request);
        if (caller != null && caller.kind() == Caller.Kind.STAFF) {
            RequestActor.Actor own = new RequestActor.Actor(caller.hsaId(), caller.careUnit(), null);
            if (request.getHeader(RequestActor.HEADER) == null) {
                return own;
            }
            RequestActor.Actor named = RequestActor.from(request);
            require(caller, named.unit(), named.person(), "http." + RequestActor.HEADER);
            return new RequestActor.Actor(own.person(), own.unit(), named.reason());
        }
        RequestActor.Actor named = RequestActor.from(request);
        require(caller, named.unit(), named.person(), "http." + RequestActor.HEADER);
        return named;
    }

    /** The acting person of a staff token (its {@code hsa_id}); null for a system or without security. */
    public static String person(RequestDetails request) {
        Caller caller = TokenAuthentication.caller(request);
        return caller != null && caller.kind() == Caller.Kind.STAFF ? caller.hsaId() : null;
    }

    /**
     * A new contract's author unit and contributor person (null when the resource names none: then the
     * contract's own checks refuse it) may be named by this caller.
     *
     * @param at the FHIRPath of the CarePlan in the request
     */
    public static void requireAuthor(RequestDetails request, String unit, String person, String at) {
        Caller caller = TokenAuthentication.caller(request);
        if (unit != null) {
            require(caller, unit, null, at + ".author");
        }
        if (person != null) {
            require(caller, null, person, at + ".contributor");
        }
    }

    /**
     * An LUS message's sending unit (of a kvittens: the addressee that gives it) must be of the caller's
     * care provider: a ward's messages are sent by its staff and its provider's systems, whichever unit
     * their token names; another provider's, or a kommun's, never.
     */
    public static void requireSender(RequestDetails request, String unit, String expression) {
        Caller caller = TokenAuthentication.caller(request);
        if (caller == null || unit == null) {
            return;
        }
        String own = provider(caller.careUnit() != null ? caller.careUnit() : caller.hsaId());
        if (!provider(unit).equals(own)) {
            throw FhirErrors.withStatus(
                    403,
                    new FhirErrors.Issue(
                            IssueType.FORBIDDEN,
                            NOT_YOURS,
                            "a message is sent (and a kvittens given) only for a unit of the caller's own care provider",
                            List.of(expression),
                            null));
        }
    }

    private static void require(Caller caller, String unit, String person, String expression) {
        if (caller == null) {
            return;
        }
        boolean ok =
                switch (caller.kind()) {
                    case STAFF -> (unit == null || unit.equals(caller.careUnit()))
                            && (person == null || person.equals(caller.hsaId()));
                    case SYSTEM -> unit == null
                            || (caller.careUnit() != null
                                    ? unit.equals(caller.careUnit())
                                    : provider(unit).equals(provider(caller.hsaId())));
                    default -> false;
                };
        if (!ok) {
            throw FhirErrors.withStatus(
                    403,
                    new FhirErrors.Issue(
                            IssueType.FORBIDDEN,
                            NOT_YOURS,
                            caller.kind() == Caller.Kind.STAFF
                                    ? "a person's token acts as that person at their care unit: name no one else"
                                    : "a system acts for units of its own care provider only",
                            List.of(expression),
                            null));
        }
    }

    private static String provider(String hsaId) {
        if (hsaId == null) {
            return "";
        }
        int dash = hsaId.indexOf('-');
        return dash > 0 ? hsaId.substring(0, dash) : hsaId;
    }
}
