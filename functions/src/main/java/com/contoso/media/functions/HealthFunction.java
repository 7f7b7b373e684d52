package com.contoso.media.functions;

import com.contoso.media.config.LocalOnlySettings;
import com.contoso.media.config.Settings;
import com.contoso.media.health.HealthApi;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.List;
import java.util.Optional;

/**
 * Unauthenticated dependency check for probes and load balancers; it reveals no tenant data. In Azure with a
 * local-only setting the app refuses to start, and this says why instead of failing like every other function.
 */
public class HealthFunction {

    @FunctionName("Health")
    public HttpResponseMessage health(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "health",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        List<String> refused = LocalOnlySettings.refusedInAzure(Settings.fromEnvironment());
        return HttpAdapter.toResponse(request, refused.isEmpty() ? FunctionsBackend.get().health().check()
                : HealthApi.refused(refused));
    }
}
