package se.naravard.gateway.subscription;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's {@link EndpointPolicy}: setting {@code gateway.subscriptions.allowed-endpoints}
 * ({@code GATEWAY_SUBSCRIPTIONS_ALLOWED_ENDPOINTS}), a comma-separated list of origins such as {@code
 * https://*.kommun.se, https://partner.example:8443, http://localhost:*}.
 *
 * <ul>
 *   <li>An endpoint never carries user information ({@code user:password@}).
 *   <li>An endpoint whose origin the list names is allowed, whatever its host resolves to: that is how
 *       an operator lets a municipal system inside the same network receive notifications. An entry
 *       names a scheme, a host or {@code *.domain} (any name under the domain, not the domain itself),
 *       and a port: none means the scheme's default port only (443, 80), {@code :*} any port.
 *   <li>Otherwise the scheme must be https (http only for an origin the list names) and:
 *       <ul>
 *         <li>with a list set, nothing else is allowed (the list is exhaustive);
 *         <li>with no list (the default), the endpoint's host must resolve, and to public addresses
 *             only: never loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 *             (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), unspecified,
 *             shared (100.64/10), reserved, broadcast or multicast.
 *       </ul>
 * </ul>
 *
 * Every address the name resolves to is checked, with the resolver the JVM's HTTP client connects
 * with ({@link InetAddress}), just before each connection: the JVM keeps a resolved name for 30 s
 * ({@code networkaddress.cache.ttl}), so the client connects to an address checked here.
 */
public final class EndpointAllowList implements EndpointPolicy {

    /** Looks a host up: every address it has. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The JVM's resolver, the one {@link java.net.http.HttpClient} connects with. */
    public static final Resolver SYSTEM = InetAddress::getAllByName;

    static final int DEFAULT_PORT = -1;
    static final int ANY_PORT = 0;

    private static final Pattern ENTRY = Pattern.compile(
            "(https?)://(\\*\\.)?([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+])(?::(\\d{1,5}|\\*))?/?",
            Pattern.CASE_INSENSITIVE);

    /** One entry of the list. {@code host} is normalized; {@code subdomains}: it stood for {@code *.host}. */
    record Origin(String scheme, String host, boolean subdomains, int port) {
        boolean matches(String scheme, String host, int port) {
            if (!this.scheme.equals(scheme)) {
                return false;
            }
            boolean hostMatches = subdomains ? host.endsWith("." + this.host) : host.equals(this.host);
            if (!hostMatches) {
                return false;
            }
            return switch (this.port) {
                case ANY_PORT -> true;
                case DEFAULT_PORT -> port == defaultPort(scheme);
                default -> port == this.port;
            };
        }
    }

    private final List<Origin> allowed;
    private final Resolver resolver;

    private EndpointAllowList(List<Origin> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /**
     * The list in {@code setting} (null or blank: none), resolving with {@code resolver}.
     *
     * @throws IllegalArgumentException naming an entry that is no origin (the gateway does not start)
     */
    public static EndpointAllowList parse(String setting, Resolver resolver) {
        List<Origin> origins = new ArrayList<>();
        if (setting != null) {
            for (String raw : setting.split(",")) {
                String entry = raw.trim();
                if (!entry.isEmpty()) {
                    origins.add(origin(entry));
                }
            }
        }
        return new EndpointAllowList(origins, resolver);
    }

    private static Origin origin(String entry) {
        Matcher m = ENTRY.matcher(entry);
        if (!m.matches()) {
            throw new IllegalArgumentException("gateway.subscriptions.allowed-endpoints: '" + entry
                    + "' is not an origin such as https://*.kommun.se, https://partner.example:8443 or"
                    + " http://localhost:*");
        }
        String port = m.group(5);
        int p;
        if (port == null) {
            p = DEFAULT_PORT;
        } else if ("*".equals(port)) {
            p = ANY_PORT;
        } else {
            p = Integer.parseInt(port);
            if (p < 1 || p > 65_535) {
                throw new IllegalArgumentException(
                        "gateway.subscriptions.allowed-endpoints: '" + entry + "' has no valid port");
            }
        }
        return new Origin(m.group(1).toLowerCase(Locale.ROOT), normalized(m.group(3)), m.group(2) != null, p);
    }

    /** Whether the list names any origin (else every public https endpoint is allowed). */
    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    @Override
    public Optional<Refusal> refusal(URI endpoint) {
        if (endpoint.getRawUserInfo() != null) {
            return refused(
                    Reason.USER_INFO,
                    "channel.endpoint must not carry user information (user:password@); send credentials in a"
                            + " channel.header");
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (endpoint.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return refused(Reason.SCHEME, "channel.endpoint must be an absolute https URL");
        }
        String host = normalized(endpoint.getHost());
        int port = endpoint.getPort() == -1 ? defaultPort(scheme) : endpoint.getPort();
        for (Origin o : allowed) {
            if (o.matches(scheme, host, port)) {
                return Optional.empty();
            }
        }
        if (!scheme.equals("https")) {
            return refused(
                    Reason.SCHEME,
                    "channel.endpoint must be https: http only to an origin on the gateway's allow-list of"
                            + " endpoints, which does not name " + scheme + "://" + host + ":" + port);
        }
        if (!allowed.isEmpty()) {
            return refused(
                    Reason.NOT_LISTED,
                    "the origin " + scheme + "://" + host + ":" + port
                            + " is not on the gateway's allow-list of endpoints (ask the gateway's operator)");
        }
        return publicAddresses(host);
    }

    /** Empty when every address of {@code host} is public. */
    private Optional<Refusal> publicAddresses(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0];
        }
        if (addresses.length == 0) {
            return refused(
                    Reason.UNRESOLVED, "channel.endpoint's host " + host + " does not resolve: no address to check");
        }
        for (InetAddress a : addresses) {
            Optional<String> kind = internal(a);
            if (kind.isPresent()) {
                return refused(
                        Reason.INTERNAL_ADDRESS,
                        "channel.endpoint's host " + host + " resolves to " + a.getHostAddress() + ", " + kind.get()
                                + " address: the gateway sends notifications to public addresses only, unless"
                                + " its operator allow-lists the origin");
            }
        }
        return Optional.empty();
    }

    /** The class of a non-public address ("a loopback"), empty for a public one. */
    static Optional<String> internal(InetAddress a) {
        InetAddress address = embeddedIpv4(a);
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of(
                    address.getHostAddress().equals("169.254.169.254")
                            ? "the cloud metadata (link-local)"
                            : "a link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("an unspecified (this network)");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a shared (carrier-grade NAT)");
            }
            if (first >= 240) {
                return Optional.of("a reserved or broadcast");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("a reserved (IETF protocol)");
            }
            return Optional.empty();
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private (unique local)");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}) or NAT64 ({@code 64:ff9b::a.b.c.d})
     * IPv6 address, which reach that IPv4 address; {@code a} itself otherwise. (IPv4-mapped ones, {@code
     * ::ffff:a.b.c.d}, are IPv4 addresses in Java already.)
     */
    private static InetAddress embeddedIpv4(InetAddress a) {
        if (!(a instanceof Inet6Address v6)) {
            return a;
        }
        byte[] b = v6.getAddress();
        boolean compatible =
                v6.isIPv4CompatibleAddress() && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xff) <= 1);
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!compatible && !nat64) {
            return a;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an IPv4 address
        }
    }

    /** Lower case, without an IPv6 literal's brackets or a fully qualified name's final dot. */
    private static String normalized(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            try {
                return InetAddress.getByName(h).getHostAddress(); // an IPv6 literal: no lookup, one spelling
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static Optional<Refusal> refused(Reason reason, String why) {
        return Optional.of(new Refusal(reason, why));
    }
}
