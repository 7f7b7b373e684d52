package com.contoso.media.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/**
 * The operator's tenant registry ({@code media.admin}): {@code /api/manage/tenants} and {@code /{tenantId}}. Not
 * under {@code admin/}: the Functions host reserves routes starting with that segment and refuses to load them.
 */
public class TenantFunctions {

    @FunctionName("OnboardTenant")
    public HttpResponseMessage onboard(
            @HttpTrigger(name = "req", methods = HttpMethod.POST, route = "manage/tenants",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().tenantsApi().onboard(
                HttpAdapter.toApiRequest(request)));
    }

    @FunctionName("ListTenants")
    public HttpResponseMessage list(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "manage/tenants",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().tenantsApi().list(
                HttpAdapter.toApiRequest(request)));
    }

    @FunctionName("GetTenant")
    public HttpResponseMessage get(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "manage/tenants/{tenantId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().tenantsApi().get(
                HttpAdapter.toApiRequest(request), tenantId));
    }

    @FunctionName("UpdateTenant")
    public HttpResponseMessage update(
            @HttpTrigger(name = "req", methods = HttpMethod.PATCH, route = "manage/tenants/{tenantId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenantId") String tenantId) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().tenantsApi().update(
                HttpAdapter.toApiRequest(request), tenantId));
    }
}
