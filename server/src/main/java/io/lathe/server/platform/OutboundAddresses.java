package io.lathe.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which addresses the server may fetch from on a user's behalf ({@code http(s)} inputs, update sites): public ones
 * only, unless the administrator names a host or a network in {@value #ALLOWLIST}. Without this a user could make the
 * server fetch from itself, its private network or a cloud's metadata service (169.254.169.254) and read the answer
 * as an input. The host is resolved and every address it resolves to is checked; callers check again at every
 * redirect.
 */
@ApplicationScoped
public class OutboundAddresses {

    public static final String ALLOWLIST = "LATHE_INPUT_HOST_ALLOWLIST";

    /** Networks that are not the public internet, beyond what {@link InetAddress} already tells. */
    private static final List<Network> RESERVED = List.of(Network.parse("0.0.0.0/8"), Network.parse("100.64.0.0/10"),
            Network.parse("192.0.0.0/24"), Network.parse("192.0.2.0/24"), Network.parse("198.18.0.0/15"),
            Network.parse("198.51.100.0/24"), Network.parse("203.0.113.0/24"), Network.parse("240.0.0.0/4"),
            Network.parse("fc00::/7"), Network.parse("fec0::/10"), Network.parse("2001:db8::/32"),
            Network.parse("100::/64"));

    private List<String> allowedHosts;
    private List<Network> allowedNetworks;

    protected OutboundAddresses() {
        // for CDI proxies
    }

    /**
     * @param allowlist comma-separated host names, addresses and networks ({@code 10.1.0.0/16}, {@code fd00::/8})
     * @throws IllegalArgumentException when an entry is none of these; the message names the variable
     */
    @Inject
    public OutboundAddresses(@ConfigProperty(name = "lathe.input.host.allowlist") Optional<String> allowlist) {
        List<String> hosts = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (String entry : allowlist.orElse("").split(",")) {
            String item = entry.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.contains("/") || isAddressLiteral(item)) {
                try {
                    networks.add(Network.parse(item));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(ALLOWLIST + ": '" + entry.strip() + "' is not a host name,"
                            + " an address or a network such as 10.1.0.0/16");
                }
            } else {
                hosts.add(item.endsWith(".") ? item.substring(0, item.length() - 1) : item);
            }
        }
        this.allowedHosts = List.copyOf(hosts);
        this.allowedNetworks = List.copyOf(networks);
    }

    /**
     * Checks that {@code uri} is an {@code http(s)} URL whose host resolves only to addresses the server may fetch
     * from.
     *
     * @return the host's addresses, all allowed
     * @throws RefusedAddress naming the host and why, when it may not be fetched from or cannot be resolved
     */
    public List<InetAddress> check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedAddress("only http and https addresses are fetched, not '" + scheme + ":'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedAddress("the address has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String name = bare.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new RefusedAddress("the host '" + host + "' is unknown");
        } catch (SecurityException | IllegalArgumentException e) {
            throw new RefusedAddress("the host '" + host + "' cannot be resolved");
        }
        if (allowedHosts.contains(name)) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowedNetworks.stream().noneMatch(n -> n.contains(address))) {
                throw new RefusedAddress("the host '" + host + "' is " + address.getHostAddress() + ", a loopback,"
                        + " private, link-local or otherwise internal address; an administrator can allow it in "
                        + ALLOWLIST);
            }
        }
        return List.of(addresses);
    }

    /**
     * Whether the administrator named {@code uri}'s host in {@value #ALLOWLIST}: by name, or as an address literal
     * inside an allowed network. Nothing is resolved.
     */
    public boolean isAllowListed(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String name = bare.toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(name.endsWith(".") ? name.substring(0, name.length() - 1) : name)) {
            return true;
        }
        if (!isAddressLiteral(name)) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(bare);
            return allowedNetworks.stream().anyMatch(n -> n.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether {@code address} is on the public internet (not loopback, private, link-local, reserved...). */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet4Address v4) {
            return !v4.getHostAddress().equals("255.255.255.255") && RESERVED.stream().noneMatch(n -> n.contains(v4));
        }
        byte[] bytes = address.getAddress();
        // IPv4 written inside IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16): the IPv4 one decides.
        Optional<InetAddress> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {
            return isPublic(embedded.get());
        }
        return RESERVED.stream().noneMatch(n -> n.contains(address));
    }

    private static Optional<InetAddress> embeddedIpv4(byte[] v6) {
        try {
            boolean compatible = allZero(v6, 0, 12);
            boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b
                    && allZero(v6, 4, 12);
            if (compatible || nat64) {
                return Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOfRange(v6, 12, 16)));
            }
            if (v6[0] == 0x20 && v6[1] == 0x02) {
                return Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOfRange(v6, 2, 6)));
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAddressLiteral(String text) {
        return text.matches("[0-9.]+") || text.contains(":");
    }

    /** A refusal to fetch from an address: the message says which host and why, for the user. */
    public static final class RefusedAddress extends RuntimeException {
        public RefusedAddress(String message) {
            super(message);
        }
    }

    /** An address and prefix length, such as {@code 10.0.0.0/8}. */
    record Network(byte[] prefix, int bits) {
        static Network parse(String text) {
            int slash = text.indexOf('/');
            String literal = slash < 0 ? text : text.substring(0, slash);
            if (!isAddressLiteral(literal)) {
                throw new IllegalArgumentException("not an address: " + text);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + text, e);
            }
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("not a prefix length: " + text);
            }
            return new Network(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            int size = prefix.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(size).subtract(BigInteger.ONE)
                    .shiftRight(bits).not();
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, prefix).and(mask));
        }
    }
}
