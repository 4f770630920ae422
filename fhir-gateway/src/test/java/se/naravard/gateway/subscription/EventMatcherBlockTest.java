package se.naravard.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.ContractFixtures;
import se.naravard.gateway.access.AccessPolicy;
import se.naravard.gateway.block.CareBlock;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

/** A spärr keeps a blocked record out of other providers' notifications, as it keeps it out of their reads. */
class EventMatcherBlockTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    /** A system of the provider of SE2321000016-HS01, which performs one of the contract's next steps. */
    private static final Caller OTHER_PROVIDER = new Caller(
            "sys",
            Caller.Kind.SYSTEM,
            "SE2321000016-SYS1",
            null,
            Caller.OrganisationType.REGION,
            null,
            null,
            null,
            Scopes.parse("system/*.rs"));

    @Test
    void a_contract_change_held_by_a_blocked_provider_is_not_for_another_provider() throws Exception {
        EventEnvelope event = contractEvent();
        CareBlock block = new CareBlock(
                UUID.randomUUID(),
                KEY,
                "SE2321000057",
                null,
                Instant.parse("2026-12-01T10:00:00Z"),
                "SE2321000057-N001",
                "SE2321000057-VC01",
                null,
                null,
                null);

        EventMatcher.Topical open = new EventMatcher(CLOCK).read(event).orElseThrow();
        EventMatcher.Topical blocked = new EventMatcher(CLOCK, key -> KEY.equals(key) ? List.of(block) : List.of())
                .read(event)
                .orElseThrow();

        assertThat(AccessPolicy.decide(OTHER_PROVIDER, open.relations(), open.shown(), false))
                .isEqualTo(AccessPolicy.Decision.ALLOW);
        assertThat(AccessPolicy.decide(OTHER_PROVIDER, blocked.relations(), blocked.shown(), false))
                .isEqualTo(AccessPolicy.Decision.BLOCKED);
    }

    private static EventEnvelope contractEvent() throws Exception {
        byte[] data = new ObjectMapper()
                .findAndRegisterModules()
                .writeValueAsBytes(Map.of("event", "updated", "contract", ContractFixtures.anyContract("active", 3)));
        return new EventEnvelope(
                UUID.randomUUID(),
                "contract-service",
                "se.naravard.contract.contract-updated.v1",
                ContractFixtures.CONTRACT_ID,
                OffsetDateTime.parse("2026-12-05T10:00:00Z"),
                KEY,
                "0680",
                3,
                data);
    }
}
