package com.contoso.media.e2e;

import com.contoso.media.http.OpenApiDocument;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks one HTTP exchange with the API against the OpenAPI document the service publishes. A request that the
 * document allows must get a documented status, content type, headers and body; a request the document forbids
 * (the bad-input suites send those on purpose) must get a documented 4xx. Every request the e2e suites make goes
 * through here (see {@link ApiClient#send}).
 */
final class OpenApiContract {

    static final JsonNode DOCUMENT = Json.read(OpenApiDocument.text(), JsonNode.class);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Each schema of the document compiled once; the suites check thousands of exchanges against a few dozen. */
    private static final Map<JsonNode, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    /** An operation of the document: its path template, method, and its own and its path's definitions. */
    record Operation(String template, String method, JsonNode path, JsonNode definition) {
    }

    static void check(String apiBase, HttpRequest request, String requestBody, HttpResponse<String> response) {
        String path = request.uri().getRawPath().substring(URI.create(apiBase).getRawPath().length());
        Operation operation = find(path, request.method()).orElseThrow(() -> new AssertionError(
                "undocumented route: " + request.method() + " /api" + path));
        List<String> requestProblems = requestProblems(operation, request, requestBody);
        String exchange = request.method() + " /api" + path + " → " + response.statusCode();
        JsonNode documented = operation.definition().path("responses").path(String.valueOf(response.statusCode()));
        if (documented.isMissingNode()) {
            throw new AssertionError(exchange + ": status not in the document" + describe(requestProblems));
        }
        if (!requestProblems.isEmpty() && (response.statusCode() < 400 || response.statusCode() >= 500)) {
            throw new AssertionError(exchange + ": the document forbids the request " + requestProblems
                    + " but the service accepted it");
        }
        List<String> problems = responseProblems(documented, response);
        if (!problems.isEmpty()) {
            throw new AssertionError(exchange + " breaks the OpenAPI document: " + problems);
        }
    }

    static Optional<Operation> find(String path, String method) {
        String verb = method.toLowerCase(Locale.ROOT);
        JsonNode best = null;
        String bestTemplate = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = DOCUMENT.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (matcher(entry.getKey()).matcher(path).matches()
                    && (bestTemplate == null || literalLength(entry.getKey()) > literalLength(bestTemplate))) {
                best = entry.getValue();
                bestTemplate = entry.getKey();
            }
        }
        if (best == null || !best.has(verb)) {
            return Optional.empty();
        }
        return Optional.of(new Operation(bestTemplate, verb, best, best.get(verb)));
    }

    /** Every (method, path template) the document declares, for the route coverage tests. */
    static List<String> operations() {
        List<String> all = new ArrayList<>();
        DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(name -> {
            if (METHODS.contains(name)) {
                all.add(name.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return all;
    }

    /** A path parameter is one segment; the last one of a template may span several (a playlist path). */
    private static Pattern matcher(String template) {
        String[] segments = template.split("/", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            boolean parameter = segments[i].startsWith("{");
            regex.append('/').append(!parameter ? Pattern.quote(segments[i]) : i == segments.length - 1 ? ".+" : "[^/]+");
        }
        return Pattern.compile(regex.toString());
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]+}", "").length();
    }

    private static List<String> requestProblems(Operation operation, HttpRequest request, String body) {
        List<String> problems = new ArrayList<>();
        Map<String, String> query = query(request.uri());
        List<JsonNode> parameters = new ArrayList<>();
        operation.path().path("parameters").forEach(parameters::add);
        operation.definition().path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
            JsonNode resolved = resolve(parameter);
            if (!resolved.path("in").asText().equals("query")) {
                continue;
            }
            String value = query.get(resolved.path("name").asText());
            if (value == null) {
                if (resolved.path("required").asBoolean()) {
                    problems.add("missing query parameter " + resolved.path("name").asText());
                }
                continue;
            }
            problems.addAll(validate(resolved.path("schema"), typed(resolved.path("schema"), value)));
        }
        JsonNode requestBody = operation.definition().path("requestBody");
        if (!requestBody.isMissingNode()) {
            // A file body (a caption track) is documented by its media type; only JSON bodies have a schema to check.
            String type = request.headers().firstValue("Content-Type").orElse("application/json").split(";")[0].trim();
            JsonNode content = requestBody.path("content");
            if (!content.has(type)) {
                problems.add("request content type " + type + " is not one of " + iterable(content.fieldNames()));
            } else if (type.endsWith("json")) {
                try {
                    problems.addAll(validate(content.path(type).path("schema"), Json.read(body, JsonNode.class)));
                } catch (RuntimeException e) {
                    problems.add("body is not JSON");
                }
            }
        }
        boolean needsToken = !operation.definition().has("security")
                || !operation.definition().path("security").isEmpty();
        if (needsToken && request.headers().firstValue("Authorization").isEmpty()) {
            problems.add("no bearer token");
        }
        return problems;
    }

    private static List<String> responseProblems(JsonNode documented, HttpResponse<String> response) {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = documented.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getValue().path("required").asBoolean()
                    && response.headers().firstValue(header.getKey()).isEmpty()) {
                problems.add("missing header " + header.getKey());
            }
        }
        JsonNode content = documented.path("content");
        if (content.isMissingNode()) {
            if (!response.body().isEmpty()) {
                problems.add("a body where the document has none");
            }
            return problems;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        if (!content.has(type)) {
            problems.add("content type " + type + " is not one of " + iterable(content.fieldNames()));
            return problems;
        }
        if (type.endsWith("json")) {
            problems.addAll(validate(content.path(type).path("schema"), Json.read(response.body(), JsonNode.class)));
        }
        return problems;
    }

    private static List<String> validate(JsonNode schema, JsonNode value) {
        return COMPILED.computeIfAbsent(schema, OpenApiContract::compile).validate(value).stream()
                .map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema compile(JsonNode schema) {
        ObjectNode wrapper = Json.MAPPER.createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        // References point at #/components/schemas/…: give them the document's components to resolve against.
        wrapper.set("components", DOCUMENT.path("components"));
        wrapper.putArray("allOf").add(schema);
        return SCHEMAS.getSchema(wrapper);
    }

    private static JsonNode resolve(JsonNode parameter) {
        String ref = parameter.path("$ref").asText("");
        return ref.isEmpty() ? parameter : DOCUMENT.at(ref.substring(1));
    }

    private static JsonNode typed(JsonNode schema, String value) {
        if (schema.path("type").asText().equals("integer")) {
            try {
                return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return Json.MAPPER.getNodeFactory().textNode(value);
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(value);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    private static String describe(List<String> requestProblems) {
        return requestProblems.isEmpty() ? "" : " (request problems: " + requestProblems + ")";
    }
}
