package se.naravard.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.naravard.gateway.subscription.EndpointPolicy.Reason;

class EndpointAllowListTest {

    /** Names and what they resolve to, as a DNS would answer; IP literals as the JVM reads them. */
    private static final EndpointAllowList.Resolver DNS = host -> {
        Map<String, String> names = Map.of(
                "hemtjanst.example.se", "93.184.216.34",
                "rebound.example.se", "10.0.0.7",
                "a.kommun.se", "10.20.30.40",
                "partner.example", "10.1.1.1",
                "kommun.se.evil.com", "93.184.216.35");
        String address = names.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        if (host.indexOf(':') >= 0 || host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return InetAddress.getAllByName(host); // a literal: no lookup
        }
        throw new UnknownHostException(host);
    };

    private static Optional<Reason> refusal(String allowList, String endpoint) {
        return EndpointAllowList.parse(allowList, DNS)
                .refusal(URI.create(endpoint))
                .map(EndpointPolicy.Refusal::reason);
    }

    @Test
    void a_public_https_endpoint_is_allowed_with_no_list() {
        assertThat(refusal("", "https://hemtjanst.example.se/fhir/hook")).isEmpty();
        assertThat(refusal(null, "https://hemtjanst.example.se:8443/fhir/hook")).isEmpty();
    }

    @Test
    void http_is_refused_unless_the_list_names_its_origin() {
        assertThat(refusal("", "http://hemtjanst.example.se/hook")).contains(Reason.SCHEME);
        assertThat(refusal("https://hemtjanst.example.se", "http://hemtjanst.example.se/hook"))
                .contains(Reason.SCHEME);
        assertThat(refusal("http://hemtjanst.example.se", "http://hemtjanst.example.se/hook"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://127.1.2.3:8081/contracts",
                "https://[::1]/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://0.0.0.0/hook",
                "https://[::]/hook",
                "https://[fe80::1]/hook",
                "https://[fd00:ec2::254]/hook",
                "https://224.0.0.1/hook",
                "https://100.64.0.1/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook",
                "https://rebound.example.se/hook"
            })
    void an_endpoint_resolving_to_an_internal_address_is_refused_with_no_list(String endpoint) {
        assertThat(refusal("", endpoint)).contains(Reason.INTERNAL_ADDRESS);
    }

    @Test
    void a_name_the_system_resolves_to_loopback_is_refused_with_no_list() {
        Optional<EndpointPolicy.Refusal> r =
                EndpointAllowList.parse("", EndpointAllowList.SYSTEM).refusal(URI.create("https://localhost:8081/x"));
        assertThat(r).map(EndpointPolicy.Refusal::reason).contains(Reason.INTERNAL_ADDRESS);
        assertThat(r.get().why()).contains("localhost").contains("loopback");
    }

    @Test
    void the_metadata_address_is_named_as_such() {
        assertThat(EndpointAllowList.parse("", DNS)
                        .refusal(URI.create("https://169.254.169.254/"))
                        .orElseThrow()
                        .why())
                .contains("metadata");
    }

    @Test
    void public_neighbours_of_the_private_ranges_are_allowed() throws Exception {
        for (String a : new String[] {"172.32.0.1", "11.0.0.1", "100.128.0.1", "169.253.1.1", "2001:db8::1"}) {
            assertThat(EndpointAllowList.internal(InetAddress.getByName(a)))
                    .as(a)
                    .isEmpty();
        }
    }

    @Test
    void allow_listed_loopback_is_accepted_on_any_port_with_a_port_wildcard() {
        String list = "http://localhost:*, http://127.0.0.1:*";
        assertThat(refusal(list, "http://127.0.0.1:8081/hook")).isEmpty();
        assertThat(refusal(list, "http://localhost:39001/hook")).isEmpty();
        assertThat(refusal(list, "http://LOCALHOST./hook")).isEmpty();
        assertThat(refusal(list, "http://127.0.0.2:8081/hook")).contains(Reason.SCHEME);
    }

    @Test
    void an_allow_listed_host_is_allowed_whatever_it_resolves_to() {
        assertThat(refusal("https://partner.example:8443", "https://partner.example:8443/hook"))
                .isEmpty();
    }

    @Test
    void an_entry_without_a_port_allows_the_schemes_default_port_only() {
        String list = "https://partner.example";
        assertThat(refusal(list, "https://partner.example/hook")).isEmpty();
        assertThat(refusal(list, "https://partner.example:443/hook")).isEmpty();
        assertThat(refusal(list, "https://partner.example:8443/hook")).contains(Reason.NOT_LISTED);
        assertThat(refusal("https://partner.example:8443", "https://partner.example/hook"))
                .contains(Reason.NOT_LISTED);
    }

    @Test
    void user_information_is_refused_even_to_an_allow_listed_origin() {
        assertThat(refusal("", "https://user:secret@hemtjanst.example.se/hook")).contains(Reason.USER_INFO);
        assertThat(refusal("http://127.0.0.1:*", "http://admin@127.0.0.1:8081/hook"))
                .contains(Reason.USER_INFO);
    }

    @Test
    void a_wildcard_matches_names_under_the_domain_only() {
        String list = "https://*.kommun.se";
        assertThat(refusal(list, "https://a.kommun.se/hook")).isEmpty();
        assertThat(refusal(list, "https://vo.sodertalje.kommun.se/hook"))
                .as("not resolved: allowed whatever it resolves to")
                .isEmpty();
        assertThat(refusal(list, "https://kommun.se.evil.com/hook")).contains(Reason.NOT_LISTED);
        assertThat(refusal(list, "https://evilkommun.se/hook")).contains(Reason.NOT_LISTED);
        assertThat(refusal(list, "https://kommun.se/hook")).contains(Reason.NOT_LISTED);
    }

    @Test
    void a_list_is_exhaustive_public_endpoints_it_does_not_name_are_refused() {
        assertThat(refusal("https://*.kommun.se", "https://hemtjanst.example.se/hook"))
                .contains(Reason.NOT_LISTED);
    }

    @Test
    void a_host_that_does_not_resolve_is_refused_with_no_list() {
        assertThat(refusal("", "https://nowhere.invalid/hook")).contains(Reason.UNRESOLVED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"ftp://x.se", "https://*", "https://x.se/hook", "https://x.se:99999", "x.se", "https://*.*.se"})
    void an_entry_that_is_no_origin_stops_the_gateway(String entry) {
        assertThatThrownBy(() -> EndpointAllowList.parse("https://ok.se," + entry, DNS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }
}
