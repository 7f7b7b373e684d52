package com.contoso.media.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** Unauthenticated dependency check for probes and load balancers; it reveals no tenant data. */
public class HealthFunction {

    @FunctionName("Health")
    public HttpResponseMessage health(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "health",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, FunctionsBackend.get().health().check());
    }
}
