package com.contoso.media.uploads;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The continuation token of stores that page by position in a sorted listing (the in-memory stand-in and the Table
 * adapter, where listings are small): opaque to callers, and refused with a domain error when it is not one of ours.
 */
public final class OffsetToken {

    private static final String PREFIX = "offset:";

    private OffsetToken() {
    }

    public static String encode(int offset) {
        return Base64.getUrlEncoder().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    public static int decode(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not an offset");
            }
            int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
            if (offset < 0) {
                throw new IllegalArgumentException("negative offset");
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new InvalidContinuationTokenException(token, e);
        }
    }

    /** One page of an already sorted listing. */
    public static <T> Page<T> page(List<T> sorted, int limit, Optional<String> token) {
        int from = token.map(OffsetToken::decode).orElse(0);
        int to = Math.min(sorted.size(), from + limit);
        Optional<String> next = to < sorted.size() ? Optional.of(encode(to))
                : Optional.empty();
        return new Page<>(from >= sorted.size() ? List.of() : sorted.subList(from, to), next);
    }
}
