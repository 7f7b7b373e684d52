package com.contoso.media.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a webhook may never reach: anything that is not a public unicast address. IPv6 addresses that
 * carry an IPv4 one (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside, so
 * {@code ::ffff:10.0.0.1} is as private as {@code 10.0.0.1}; Teredo tunnels hide theirs and are refused.
 */
public final class AddressClassifier {

    private AddressClassifier() {
    }

    /** Why the address is refused ("loopback", "private", ...), or empty for a public unicast address. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return ipv6(bytes);
        }
        return Optional.of("unknown address family");
    }

    public static boolean isLoopback(InetAddress address) {
        return refusal(address).filter("loopback"::equals).isPresent();
    }

    private static Optional<String> ipv4(byte[] b) {
        int a = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (a == 169 && second == 254) {
            return Optional.of((b[2] & 0xff) == 169 && (b[3] & 0xff) == 254 ? "cloud metadata" : "link-local");
        }
        if (a == 127) {
            return Optional.of("loopback");
        }
        if (a == 10 || a == 172 && second >= 16 && second <= 31 || a == 192 && second == 168) {
            return Optional.of("private");
        }
        if (a == 0) {
            return Optional.of("unspecified");
        }
        if (a == 100 && second >= 64 && second <= 127) {
            return Optional.of("shared (carrier-grade NAT)");
        }
        if (a == 192 && second == 0 && (b[2] & 0xff) == 0 || a == 198 && (second == 18 || second == 19)) {
            return Optional.of("reserved");
        }
        if (a >= 224) {
            return Optional.of(a < 240 ? "multicast" : "reserved");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ipv4(slice(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            return Optional.of(b[15] == 1 ? "loopback" : "unspecified");
        }
        if (allZero(b, 0, 12)) {
            return ipv4(slice(b, 12)); // IPv4-compatible ::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return ipv4(slice(b, 12)); // NAT64 64:ff9b::/96
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return ipv4(slice(b, 2)); // 6to4 2002:aabb:ccdd::/48
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return Optional.of("Teredo tunnel");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("private (unique local)");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("site-local");
        }
        if ((b[0] & 0xff) == 0xff) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] bytes, int from) {
        byte[] v4 = new byte[4];
        System.arraycopy(bytes, from, v4, 0, 4);
        return v4;
    }
}
