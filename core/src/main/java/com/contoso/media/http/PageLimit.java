package com.contoso.media.http;

import java.util.Optional;

/** The {@code limit} query parameter of a paged listing: absent means the default, out of range is a 400. */
public final class PageLimit {

    private PageLimit() {
    }

    public static int of(ApiRequest request, int defaultSize, int maxSize) {
        Optional<String> raw = request.queryParam("limit");
        if (raw.isEmpty()) {
            return defaultSize;
        }
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit >= 1 && limit <= maxSize) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the same answer as an out-of-range number.
        }
        throw ProblemException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + maxSize + ".");
    }
}
