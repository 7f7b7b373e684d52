package com.contoso.media.uploads;

import java.util.List;
import java.util.Optional;

/** One page of a listing and the opaque token for the next, absent on the last page. */
public record Page<T>(List<T> items, Optional<String> continuationToken) {

    public Page {
        items = List.copyOf(items);
    }
}
