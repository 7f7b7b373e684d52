package com.contoso.media.functions;

import com.contoso.media.webhooks.WebhooksApi;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** {@code /api/webhooks...}: a tenant's webhook endpoints and their deliveries (docs/webhooks.md). */
public class WebhookFunctions {

    @FunctionName("CreateWebhook")
    public HttpResponseMessage create(
            @HttpTrigger(name = "req", methods = HttpMethod.POST, route = "webhooks",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, api().create(HttpAdapter.toApiRequest(request)));
    }

    @FunctionName("ListWebhooks")
    public HttpResponseMessage list(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "webhooks",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, api().list(HttpAdapter.toApiRequest(request)));
    }

    @FunctionName("GetWebhook")
    public HttpResponseMessage get(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "webhooks/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request, api().get(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("UpdateWebhook")
    public HttpResponseMessage update(
            @HttpTrigger(name = "req", methods = HttpMethod.PATCH, route = "webhooks/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request, api().update(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("DeleteWebhook")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "req", methods = HttpMethod.DELETE, route = "webhooks/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request, api().delete(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("RotateWebhookSecret")
    public HttpResponseMessage rotateSecret(
            @HttpTrigger(name = "req", methods = HttpMethod.POST, route = "webhooks/{id}/rotate-secret",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request, api().rotateSecret(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("TestWebhook")
    public HttpResponseMessage test(
            @HttpTrigger(name = "req", methods = HttpMethod.POST, route = "webhooks/{id}/test",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request, api().test(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("ListWebhookDeliveries")
    public HttpResponseMessage deliveries(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "webhooks/{id}/deliveries",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request, api().deliveries(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("RedeliverWebhook")
    public HttpResponseMessage redeliver(
            @HttpTrigger(name = "req", methods = HttpMethod.POST,
                    route = "webhooks/{id}/deliveries/{deliveryId}/redeliver",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id, @BindingName("deliveryId") String deliveryId) {
        return HttpAdapter.toResponse(request, api().redeliver(HttpAdapter.toApiRequest(request), id, deliveryId));
    }

    private static WebhooksApi api() {
        return FunctionsBackend.get().webhooksApi();
    }
}
