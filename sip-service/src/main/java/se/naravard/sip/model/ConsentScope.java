package se.naravard.sip.model;

import java.util.Set;
import se.naravard.platform.identity.HsaId;

/**
 * What may be shared ({@code what}, in words the person agreed to) with whom: participants of the
 * SIP and/or organisations by HSA-id (DOMAIN.md §4 "Consent", §7 "per-purpose Consent records").
 */
public record ConsentScope(String what, Set<ParticipantId> participants, Set<HsaId> organisations) {

    public ConsentScope {
        participants = Set.copyOf(participants);
        organisations = Set.copyOf(organisations);
    }

    boolean isEmpty() {
        return participants.isEmpty() && organisations.isEmpty();
    }
}
