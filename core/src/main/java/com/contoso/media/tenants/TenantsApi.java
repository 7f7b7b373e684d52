package com.contoso.media.tenants;

import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.auth.Permission;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.ProblemException;
import com.contoso.media.http.Problems;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The platform operator's API ({@code media.admin}): onboard a customer's directory as a tenant, list the tenants,
 * and suspend or reactivate one.
 * {@code POST /api/manage/tenants}, {@code GET /api/manage/tenants}, {@code GET|PATCH /api/manage/tenants/{tenantId}}.
 */
public final class TenantsApi {

    private final JwtAuthenticator authenticator;
    private final Tenants tenants;

    public TenantsApi(JwtAuthenticator authenticator, Tenants tenants) {
        this.authenticator = authenticator;
        this.tenants = tenants;
    }

    public ApiResponse onboard(ApiRequest request) {
        return Problems.handle(() -> {
            authenticator.authenticate(request, Permission.ADMIN);
            JsonNode body = body(request);
            String tenantId = body.path("tenantId").asText(null);
            Tenants.Onboarded onboarded = tenants.onboard(tenantId, body.path("directoryId").asText(null),
                    body.path("displayName").asText(tenantId));
            return ApiResponse.json(onboarded.created() ? 201 : 200, onboarded.tenant())
                    .withHeader("Location", request.baseUrl() + "/api/manage/tenants/" + tenantId);
        });
    }

    public ApiResponse list(ApiRequest request) {
        return Problems.handle(() -> {
            authenticator.authenticate(request, Permission.ADMIN);
            return ApiResponse.json(200, Map.of("items", tenants.list()));
        });
    }

    public ApiResponse get(ApiRequest request, String tenantId) {
        return Problems.handle(() -> {
            authenticator.authenticate(request, Permission.ADMIN);
            return ApiResponse.json(200, tenants.find(tenantId));
        });
    }

    /** {@code {"status": "Suspended"}} or {@code {"status": "Active"}}. */
    public ApiResponse update(ApiRequest request, String tenantId) {
        return Problems.handle(() -> {
            authenticator.authenticate(request, Permission.ADMIN);
            String status = body(request).path("status").asText("");
            Tenant.Status next;
            try {
                next = Tenant.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid_status", "status must be Active or Suspended.");
            }
            return ApiResponse.json(200, tenants.setStatus(tenantId, next));
        });
    }

    private static JsonNode body(ApiRequest request) {
        JsonNode body;
        try {
            body = Json.read(request.body(), JsonNode.class);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("malformed_json", "Request body is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("malformed_json", "Request body must be a JSON object.");
        }
        return body;
    }
}
