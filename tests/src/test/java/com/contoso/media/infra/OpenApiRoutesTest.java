package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.http.OpenApiDocument;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the Function App's HTTP routes describe the same API: a route without a path in the
 * document, or a documented operation with no route, fails here. Operations marked {@code x-local-runtime-only}
 * are the local runtime's (dev sign-in, run a job now) and must not exist in the Function App.
 */
class OpenApiRoutesTest {

    private static final JsonNode DOCUMENT = Json.read(OpenApiDocument.text(), JsonNode.class);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void theDocumentIsAValidOpenApi31Document() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(OpenApiDocument.text());

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearer");
    }

    @Test
    void everyFunctionRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> function : PackagedFunctions.byName().entrySet()) {
            JsonNode trigger = PackagedFunctions.trigger(function.getValue());
            if (trigger.path("type").asText().equals("httpTrigger")) {
                trigger.path("methods").forEach(method -> routes.add(
                        method.asText().toUpperCase(Locale.ROOT) + " " + normalise("/" + trigger.path("route").asText())));
            }
        }
        Set<String> documented = new TreeSet<>();
        Set<String> localOnly = new TreeSet<>();
        DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + normalise(path.getKey());
                (op.getValue().path("x-local-runtime-only").asBoolean() ? localOnly : documented).add(operation);
            }
        }));

        assertThat(routes).as("Function App routes").isEqualTo(documented).doesNotContainAnyElementsOf(localOnly);
    }

    /** Parameter names differ ({id} vs {uploadId}, the catch-all {*path}); their places must not. */
    private static String normalise(String route) {
        return route.replaceAll("\\{[^}]*}", "{}");
    }
}
