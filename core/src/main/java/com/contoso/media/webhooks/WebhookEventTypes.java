package com.contoso.media.webhooks;

import com.contoso.media.events.EventType;
import com.contoso.media.http.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The event types an endpoint can subscribe to: every upload event, plus the webhook service's own. A filter is
 * an exact type or a prefix ending in {@code .*} ({@code media.transcode.*}); {@code *} takes everything.
 */
public final class WebhookEventTypes {

    public static final String TEST = "webhook.test";
    public static final String ENDPOINT_DISABLED = "webhook.endpoint.disabled";
    public static final List<String> ALL = Stream.concat(Arrays.stream(EventType.values()).map(EventType::value),
            Stream.of(TEST, ENDPOINT_DISABLED)).toList();
    private static final int MAX_FILTERS = 32;

    private WebhookEventTypes() {
    }

    public static boolean matches(List<String> filters, String type) {
        return filters.stream().anyMatch(filter -> matches(filter, type));
    }

    private static boolean matches(String filter, String type) {
        if (filter.equals("*")) {
            return true;
        }
        return filter.endsWith(".*") ? type.startsWith(filter.substring(0, filter.length() - 1)) : filter.equals(type);
    }

    /** The filters, each naming at least one known type, or a 400 naming the first that names none. */
    public static List<String> validate(List<String> filters) {
        if (filters == null || filters.isEmpty() || filters.size() > MAX_FILTERS) {
            throw ProblemException.badRequest("invalid_events", "events must list 1 to " + MAX_FILTERS
                    + " event types or prefixes such as \"media.transcode.*\"; known types: " + ALL + ".");
        }
        for (String filter : filters) {
            if (filter == null || ALL.stream().noneMatch(type -> matches(filter, type))) {
                throw ProblemException.badRequest("invalid_events", "'" + filter + "' matches no event type; known"
                        + " types: " + ALL + ".");
            }
        }
        return filters.stream().distinct().toList();
    }
}
