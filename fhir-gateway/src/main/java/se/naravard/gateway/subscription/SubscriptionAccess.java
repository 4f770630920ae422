package se.naravard.gateway.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import se.naravard.gateway.security.TokenAuthentication;

/**
 * Refuses every Subscription interaction of a caller that is not a municipal system (403 {@value
 * SubscriptionErrors#NOT_A_MUNICIPAL_SYSTEM}) right after the token check, before the body is read or
 * validated: a caller who may not hold subscriptions learns nothing of what it sent.
 */
@Interceptor
public final class SubscriptionAccess {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void beforeProvider(RequestDetails request) {
        if ("Subscription".equals(request.getResourceName()) && TokenAuthentication.caller(request) != null) {
            SubscriptionProvider.municipalSystem(request);
        }
    }
}
