package com.contoso.media.functions;

import com.contoso.media.config.LocalOnlySettings;
import com.contoso.media.config.Settings;
import com.contoso.media.health.HealthApi;
import com.contoso.media.http.ApiResponse;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Unauthenticated dependency check for probes and load balancers; it reveals no tenant data. In Azure with a
 * local-only setting the app refuses to start, and this says why instead of failing like every other function.
 */
public class HealthFunction {

    @FunctionName("Health")
    public HttpResponseMessage health(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "health",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, answer(Settings.fromEnvironment(),
                () -> FunctionsBackend.get().health().check()));
    }

    /** The refusal when the settings are refused, else the dependency check (never built when refused). */
    static ApiResponse answer(Settings settings, Supplier<ApiResponse> check) {
        List<String> refused = LocalOnlySettings.refusedInAzure(settings);
        return refused.isEmpty() ? check.get() : HealthApi.refused(refused);
    }
}
