package com.contoso.media.webhooks;

import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.auth.Permission;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.PageLimit;
import com.contoso.media.http.ProblemException;
import com.contoso.media.http.Problems;
import com.contoso.media.json.Json;
import com.contoso.media.uploads.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The webhooks HTTP contract (docs/webhooks.md), tenant-scoped by the caller's token. */
public final class WebhooksApi {

    private static final int MAX_DESCRIPTION = 256;
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 200;

    private final JwtAuthenticator authenticator;
    private final WebhookRegistry registry;

    public WebhooksApi(JwtAuthenticator authenticator, WebhookRegistry registry) {
        this.authenticator = authenticator;
        this.registry = registry;
    }

    public ApiResponse create(ApiRequest request) {
        return Problems.handle(() -> {
            String tenant = tenant(request);
            JsonNode body = body(request);
            WebhookRegistry.WithSecret created = registry.create(tenant, requiredText(body, "url"),
                    events(body).orElseThrow(() -> ProblemException.badRequest("invalid_events",
                            "events is required: a list of event types or prefixes such as \"media.transcode.*\".")),
                    description(body).orElse(""));
            return ApiResponse.json(201, view(created.endpoint(), Optional.of(created.secret())))
                    .withHeader("Location", request.baseUrl() + "/api/webhooks/" + created.endpoint().id());
        });
    }

    public ApiResponse list(ApiRequest request) {
        return Problems.handle(() -> ApiResponse.json(200, Map.of("items", registry.list(tenant(request)).stream()
                .map(endpoint -> view(endpoint, Optional.empty())).toList())));
    }

    public ApiResponse get(ApiRequest request, String endpointId) {
        return Problems.handle(() -> ApiResponse.json(200, view(registry.get(tenant(request), endpointId),
                Optional.empty())));
    }

    public ApiResponse update(ApiRequest request, String endpointId) {
        return Problems.handle(() -> {
            String tenant = tenant(request);
            JsonNode body = body(request);
            JsonNode enabled = body.path("enabled");
            if (!enabled.isMissingNode() && !enabled.isBoolean()) {
                throw ProblemException.badRequest("invalid_enabled", "enabled must be true or false.");
            }
            WebhookRegistry.Changes changes = new WebhookRegistry.Changes(optionalText(body, "url"), events(body),
                    description(body), enabled.isBoolean() ? Optional.of(enabled.booleanValue()) : Optional.empty());
            return ApiResponse.json(200, view(registry.change(tenant, endpointId, changes), Optional.empty()));
        });
    }

    public ApiResponse delete(ApiRequest request, String endpointId) {
        return Problems.handle(() -> {
            registry.delete(tenant(request), endpointId);
            return ApiResponse.noContent();
        });
    }

    public ApiResponse rotateSecret(ApiRequest request, String endpointId) {
        return Problems.handle(() -> {
            WebhookRegistry.WithSecret rotated = registry.rotateSecret(tenant(request), endpointId);
            return ApiResponse.json(200, view(rotated.endpoint(), Optional.of(rotated.secret())));
        });
    }

    public ApiResponse test(ApiRequest request, String endpointId) {
        return Problems.handle(() -> ApiResponse.json(202, view(registry.sendTest(tenant(request), endpointId))));
    }

    public ApiResponse deliveries(ApiRequest request, String endpointId) {
        return Problems.handle(() -> {
            Page<WebhookDelivery> page = registry.deliveries(tenant(request), endpointId,
                    PageLimit.of(request, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), request.queryParam("continuationToken"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page.items().stream().map(WebhooksApi::view).toList());
            page.continuationToken().ifPresent(token -> body.put("continuationToken", token));
            return ApiResponse.json(200, body);
        });
    }

    public ApiResponse redeliver(ApiRequest request, String endpointId, String deliveryId) {
        return Problems.handle(() -> ApiResponse.json(202, view(registry.redeliver(tenant(request), endpointId,
                deliveryId))));
    }

    /**
     * Webhook management takes {@code media.write}, the tenant integrator's permission, not {@code media.admin},
     * which is the platform operator's: an endpoint receives only its own tenant's events, which the same token may
     * already read. Reading the endpoints takes it too, since they say where the tenant's data goes.
     */
    private String tenant(ApiRequest request) {
        return authenticator.authenticate(request, Permission.WRITE).tenantId();
    }

    private static JsonNode body(ApiRequest request) {
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw ProblemException.badRequest("invalid_body", "The body must be a JSON object.");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("invalid_body", "The body is not valid JSON.");
        }
    }

    private static String requiredText(JsonNode body, String field) {
        return optionalText(body, field).orElseThrow(() -> ProblemException.badRequest("invalid_" + field,
                field + " is required."));
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ProblemException.badRequest("invalid_" + field, field + " must be a string.");
        }
        return Optional.of(value.textValue());
    }

    private static Optional<String> description(JsonNode body) {
        Optional<String> description = optionalText(body, "description");
        if (description.filter(d -> d.length() > MAX_DESCRIPTION).isPresent()) {
            throw ProblemException.badRequest("invalid_description", "description may have at most "
                    + MAX_DESCRIPTION + " characters.");
        }
        return description;
    }

    private static Optional<List<String>> events(JsonNode body) {
        JsonNode value = body.path("events");
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        List<String> events = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> events.add(item.isTextual() ? item.textValue() : null));
        }
        if (!value.isArray() || events.contains(null)) {
            throw ProblemException.badRequest("invalid_events", "events must be a list of strings.");
        }
        return Optional.of(events);
    }

    private static Map<String, Object> view(WebhookEndpoint endpoint, Optional<String> secret) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", endpoint.id());
        view.put("url", endpoint.url());
        view.put("events", endpoint.events());
        view.put("description", endpoint.description());
        view.put("enabled", endpoint.enabled());
        secret.ifPresent(value -> view.put("secret", value));
        endpoint.failingSince().ifPresent(since -> view.put("failingSince", since));
        endpoint.disabledAt().ifPresent(at -> view.put("disabledAt", at));
        endpoint.disabledReason().ifPresent(reason -> view.put("disabledReason", reason));
        view.put("createdAt", endpoint.createdAt());
        view.put("updatedAt", endpoint.updatedAt());
        return view;
    }

    private static Map<String, Object> view(WebhookDelivery delivery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", delivery.id());
        view.put("endpointId", delivery.endpointId());
        view.put("eventId", delivery.eventId());
        view.put("eventType", delivery.eventType());
        view.put("status", delivery.status());
        view.put("createdAt", delivery.createdAt());
        view.put("attempts", delivery.attempts().stream().map(attempt -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("number", attempt.number());
            a.put("at", attempt.at());
            attempt.statusCode().ifPresent(code -> a.put("statusCode", code));
            a.put("latencyMillis", attempt.latencyMillis());
            attempt.error().ifPresent(error -> a.put("error", error));
            a.put("manual", attempt.manual());
            return a;
        }).toList());
        delivery.nextAttemptAt().filter(at -> delivery.status() == WebhookDelivery.Status.Pending)
                .ifPresent(at -> view.put("nextAttemptAt", at));
        return view;
    }
}
