package com.contoso.media.outbound;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses an outbound call (a webhook, an import) may never reach: every block of IANA's IPv4 and IPv6 Special-Purpose Address
 * Registries, multicast, and Azure's own host endpoint (168.63.129.16), in one table. Blocks that carry an IPv4
 * address inside an IPv6 one (IPv4-mapped, the well-known NAT64 prefix, 6to4) are judged by the IPv4 address, so
 * {@code ::ffff:10.0.0.1} is as private as {@code 10.0.0.1}. The first matching row decides, so a narrower row
 * sits above the wider one it is part of.
 */
public final class AddressClassifier {

    /** What a row does: refuse with its name, or judge the IPv4 address at {@code offset} inside. */
    private record Block(BigInteger network, int prefix, int bits, String name, int embeddedIpv4At) {

        boolean contains(BigInteger address, int addressBits) {
            return addressBits == bits && address.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
        }
    }

    private static final int NOT_EMBEDDED = -1;

    /** The table: CIDR, what it is. Sources: IANA's special-purpose registries (RFC 6890 and later updates). */
    static final List<String[]> ROWS = List.of(
            // IPv4
            row("0.0.0.0/8", "\"this network\""),
            row("10.0.0.0/8", "private"),
            row("100.64.0.0/10", "shared (carrier-grade NAT)"),
            row("127.0.0.0/8", "loopback"),
            row("169.254.169.254/32", "cloud metadata"),
            row("169.254.0.0/16", "link-local"),
            row("168.63.129.16/32", "Azure host endpoint"),
            row("172.16.0.0/12", "private"),
            row("192.0.0.0/24", "IETF protocol assignment"),
            row("192.0.2.0/24", "documentation"),
            row("192.31.196.0/24", "AS112"),
            row("192.52.193.0/24", "AMT"),
            row("192.88.99.0/24", "6to4 relay anycast"),
            row("192.168.0.0/16", "private"),
            row("192.175.48.0/24", "AS112 direct delegation"),
            row("198.18.0.0/15", "benchmarking"),
            row("198.51.100.0/24", "documentation"),
            row("203.0.113.0/24", "documentation"),
            row("224.0.0.0/4", "multicast"),
            row("255.255.255.255/32", "broadcast"),
            row("240.0.0.0/4", "reserved"),
            // IPv6
            row("::1/128", "loopback"),
            row("::/128", "unspecified"),
            row("::ffff:0:0/96", "embedded:12"),
            row("::/96", "IPv4-compatible (deprecated)"),
            row("64:ff9b::/96", "embedded:12"),
            row("64:ff9b:1::/48", "local-use NAT64"),
            row("100::/64", "discard-only"),
            row("100:0:0:1::/64", "dummy prefix"),
            row("2001::/23", "IETF protocol assignment (Teredo, benchmarking, ORCHID, ...)"),
            row("2001:db8::/32", "documentation"),
            row("2002::/16", "embedded:2"),
            row("2620:4f:8000::/48", "AS112 direct delegation"),
            row("3fff::/20", "documentation"),
            row("5f00::/16", "segment routing (SRv6)"),
            row("fc00::/7", "private (unique local)"),
            row("fe80::/10", "link-local"),
            row("fec0::/10", "site-local (deprecated)"),
            row("ff00::/8", "multicast"));

    private static final List<Block> BLOCKS = ROWS.stream().map(AddressClassifier::block).toList();

    private AddressClassifier() {
    }

    /** Why the address is refused ("loopback", "private", ...), or empty for a public unicast address. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        BigInteger value = new BigInteger(1, bytes);
        int bits = bytes.length * 8;
        for (Block block : BLOCKS) {
            if (block.contains(value, bits)) {
                if (block.embeddedIpv4At() == NOT_EMBEDDED) {
                    return Optional.of(block.name());
                }
                return refusal(ipv4(bytes, block.embeddedIpv4At()));
            }
        }
        return address instanceof Inet4Address || address instanceof Inet6Address ? Optional.empty()
                : Optional.of("unknown address family");
    }

    public static boolean isLoopback(InetAddress address) {
        return refusal(address).filter("loopback"::equals).isPresent();
    }

    private static String[] row(String cidr, String name) {
        return new String[] {cidr, name};
    }

    private static Block block(String[] row) {
        String[] cidr = row[0].split("/");
        try {
            byte[] network = InetAddress.getByName(cidr[0]).getAddress();
            boolean embedded = row[1].startsWith("embedded:");
            // getByName turns ::ffff:a.b.c.d into an IPv4 address; the mapped block is written ::ffff:0:0 to keep it 16 bytes.
            byte[] bytes = cidr[0].startsWith("::ffff:") ? mapped() : network;
            return new Block(new BigInteger(1, bytes), Integer.parseInt(cidr[1]), bytes.length * 8,
                    embedded ? "embedded IPv4" : row[1],
                    embedded ? Integer.parseInt(row[1].substring("embedded:".length())) : NOT_EMBEDDED);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad row " + row[0], e);
        }
    }

    private static byte[] mapped() {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        return bytes;
    }

    private static InetAddress ipv4(byte[] bytes, int from) {
        byte[] v4 = new byte[4];
        System.arraycopy(bytes, from, v4, 0, 4);
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
