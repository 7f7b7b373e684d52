package com.contoso.media.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SSRF guard on every URL a tenant gives the service to call: webhook endpoints and import sources. A URL must
 * be {@code https}, without credentials, and its host must resolve only to public unicast addresses
 * ({@link AddressClassifier}). It is checked when the tenant gives it and again before every connection, which
 * goes only to the addresses this guard returned (so a DNS answer that changes between the check and the
 * connection, "rebinding", gains nothing). With {@code allowLoopback} (a developer's or a test's choice, off by
 * default) {@code 127.0.0.1} and {@code localhost} are allowed, over http too and on any port; private addresses
 * stay refused even then. Anywhere else only the allowed ports (443 by default) are, so the service cannot be used
 * to scan the ports of a host. Refusals carry the {@link Purpose}'s codes.
 */
public final class OutboundUrlGuard {

    /**
     * What the URL is for: its refusals' codes ({@code invalid_<noun>_url}, {@code <noun>_url_refused},
     * {@code <noun>_port_refused}) and the sentence that says where calls may go.
     */
    public record Purpose(String noun, String rule) {
        public static final Purpose WEBHOOK = new Purpose("webhook", "webhooks are only sent to public addresses");
        public static final Purpose SOURCE = new Purpose("source", "sources are only fetched from public addresses");

        private String invalid() {
            return "invalid_" + noun + "_url";
        }

        private String refused() {
            return noun + "_url_refused";
        }
    }

    /** Resolves a host name; the system resolver in production, a fixed table in tests. */
    @FunctionalInterface
    public interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final HostResolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));

    private static final int MAX_URL_LENGTH = 2048;
    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final Purpose purpose;
    private final boolean allowLoopback;
    private final Set<Integer> allowedPorts;
    private final HostResolver resolver;

    public OutboundUrlGuard(Purpose purpose, boolean allowLoopback, Set<Integer> allowedPorts, HostResolver resolver) {
        this.purpose = purpose;
        this.allowLoopback = allowLoopback;
        this.allowedPorts = Set.copyOf(allowedPorts);
        this.resolver = resolver;
    }

    /**
     * The URL when a tenant saves it, or a refusal. A host that does not resolve yet is accepted (its DNS may be
     * set up after the endpoint): every delivery checks it again.
     */
    public URI check(String url) {
        URI uri = parse(url);
        Optional<List<InetAddress>> addresses;
        try {
            addresses = Optional.of(addresses(uri.getHost()));
        } catch (UnknownHostException e) {
            addresses = Optional.empty();
        }
        addresses.ifPresent(found -> requireAllowed(uri, found));
        if (addresses.isEmpty()) {
            requireScheme(uri, false);
            requirePort(uri, false);
        }
        return uri;
    }

    /** At delivery: the addresses the sender may connect to for this URL, all checked; refused otherwise. */
    public List<InetAddress> addressesFor(URI uri) throws UnknownHostException {
        URI checked = parse(uri.toString());
        List<InetAddress> found = addresses(checked.getHost());
        requireAllowed(checked, found);
        return found;
    }

    private URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new UrlRefusedException(purpose.invalid(), "url must be an absolute https URL of at most "
                    + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new UrlRefusedException(purpose.invalid(), "url is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getRawAuthority() == null) {
            throw new UrlRefusedException(purpose.invalid(), "url must be an absolute https URL.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new UrlRefusedException(purpose.invalid(), "url must not carry credentials or a fragment.");
        }
        // java.net.URI leaves the host out when it is not a valid name (127.1, 0x7f.0.0.1): judge the authority.
        String host = Optional.ofNullable(uri.getHost()).orElse(uri.getRawAuthority().replaceFirst(":\\d*$", ""));
        if (!host.startsWith("[") && isNumeric(host) && !CANONICAL_IPV4.matcher(host).matches()) {
            // 2130706433, 0177.0.0.1 and 0x7f.1 all mean 127.0.0.1 to some resolvers and something else to others.
            throw new UrlRefusedException(purpose.refused(), "The host " + host
                    + " is a numeric address in an ambiguous form; write it as four decimal numbers.");
        }
        if (host.startsWith("[") && host.contains("%")) {
            // A zone id names a network interface of the sender's machine: never a receiver on the internet.
            throw new UrlRefusedException(purpose.refused(), "The host " + host
                    + " carries an IPv6 zone id; " + purpose.rule() + ".");
        }
        if (uri.getHost() == null) {
            throw new UrlRefusedException(purpose.invalid(), "The host " + host + " is not a valid host name.");
        }
        return uri;
    }

    private List<InetAddress> addresses(String host) throws UnknownHostException {
        if (host.startsWith("[") || CANONICAL_IPV4.matcher(host).matches()) {
            // A literal: parsed, never looked up; one that does not parse is refused, not taken for "not resolved yet".
            try {
                return List.of(InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host));
            } catch (UnknownHostException e) {
                throw new UrlRefusedException(purpose.invalid(), "The host " + host
                        + " is not a valid address.");
            }
        }
        List<InetAddress> found = resolver.resolve(host);
        if (found.isEmpty()) {
            throw new UnknownHostException(host + " has no addresses");
        }
        return found;
    }

    private void requireAllowed(URI uri, List<InetAddress> addresses) {
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            Optional<String> refusal = AddressClassifier.refusal(address);
            boolean permittedLoopback = allowLoopback && AddressClassifier.isLoopback(address);
            if (refusal.isPresent() && !permittedLoopback) {
                throw new UrlRefusedException(purpose.refused(), "The host " + uri.getHost()
                        + " resolves to " + address.getHostAddress() + ", a " + refusal.get()
                        + " address; " + purpose.rule() + ".");
            }
            allLoopback &= permittedLoopback;
        }
        requireScheme(uri, allLoopback);
        requirePort(uri, allLoopback);
    }

    private void requirePort(URI uri, boolean localReceiver) {
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        if (!localReceiver && !allowedPorts.contains(port)) {
            throw new UrlRefusedException(purpose.noun() + "_port_refused",
                    "Only port "
                    + allowedPorts.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
                    + " may be used, not " + port + ".");
        }
    }

    private void requireScheme(URI uri, boolean localReceiver) {
        if (!uri.getScheme().equalsIgnoreCase("https") && !localReceiver) {
            throw new UrlRefusedException("https_required", "url must use https.");
        }
    }

    private static boolean isNumeric(String host) {
        String[] parts = host.split("\\.", -1);
        for (String part : parts) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }
}
