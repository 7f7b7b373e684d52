package com.contoso.media.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/**
 * {@code GET /api/reports/usage} and {@code GET /api/reports/storage}: the caller's usage and storage per day, JSON
 * or CSV; {@code GET /api/reports/storage/current}: its live footprint (authenticated by bearer token).
 */
public class ReportFunction {

    @FunctionName("GetUsageReport")
    public HttpResponseMessage usage(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "reports/usage",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().reportsApi().usage(
                HttpAdapter.toApiRequest(request)));
    }

    @FunctionName("GetStorageReport")
    public HttpResponseMessage storage(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "reports/storage",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().storageReportsApi().storage(
                HttpAdapter.toApiRequest(request)));
    }

    @FunctionName("GetCurrentStorage")
    public HttpResponseMessage currentStorage(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "reports/storage/current",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().storageReportsApi().current(
                HttpAdapter.toApiRequest(request)));
    }
}
