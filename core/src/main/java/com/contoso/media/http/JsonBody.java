package com.contoso.media.http;

import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A request body that must be a JSON object, or a {@code 400 malformed_json} that says why not. */
public final class JsonBody {

    private JsonBody() {
    }

    public static JsonNode object(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed_json", "Request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw ProblemException.badRequest("malformed_json", "Request body must be a JSON object.");
        }
        return json;
    }
}
