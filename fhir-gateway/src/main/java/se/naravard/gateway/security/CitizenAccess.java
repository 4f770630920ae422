package se.naravard.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationFlagsEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.security.Caller;

/**
 * A citizen sees only their own data: with a citizen's token, HAPI's AuthorizationInterceptor lets
 * through reads and searches of resources in the citizen's own Patient compartment only (the Patient
 * whose id is the pseudonymous key of the personnummer in the token), includes too; any resource of
 * another patient in an answer makes it 403, and a citizen writes nothing. Staff, systems and analysts
 * pass here to the access rules of {@code access.AccessControl}.
 */
public final class CitizenAccess extends AuthorizationInterceptor {

    private final PatientResolver patients;

    public CitizenAccess(PatientResolver patients) {
        super(PolicyEnum.DENY);
        // A search by the citizen's own identifier (patient.identifier=…) names no Patient id HAPI could
        // match to the compartment up front: let it run and check every resource of the answer instead.
        setFlags(AuthorizationFlagsEnum.DO_NOT_PROACTIVELY_BLOCK_COMPARTMENT_READ_ACCESS);
        this.patients = patients;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        Caller caller = TokenAuthentication.caller(request);
        if (caller == null || caller.kind() != Caller.Kind.CITIZEN) {
            return new RuleBuilder().allowAll("not a citizen: scopes decide").build();
        }
        PatientIdentifier own = PatientIdentifier.parse(caller.personnummer());
        IdType self = new IdType("Patient", patients.keyOf(own.system(), own.value()));
        return new RuleBuilder()
                .allow("metadata")
                .metadata()
                .andThen()
                .allow("own data")
                .read()
                .allResources()
                .inCompartment("Patient", self)
                .andThen()
                .denyAll("a citizen sees only their own data")
                .build();
    }
}
