package com.contoso.media.events;

import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test helper: breaks a valid event body in one chosen way. */
public final class EventBodies {

    private EventBodies() {
    }

    /** {@code attr=value} sets, {@code -attr} removes; anything else replaces the whole body. */
    public static String mutate(String body, String change) throws Exception {
        if (change.startsWith("-")) {
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(body);
            json.remove(change.substring(1));
            return json.toString();
        }
        if (change.contains("=")) {
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(body);
            String[] parts = change.split("=", 2);
            json.set(parts[0], parts[1].matches("\\d+") ? Json.MAPPER.readTree(parts[1])
                    : json.textNode(parts[1]));
            return json.toString();
        }
        return change;
    }
}
