package com.contoso.media.functions;

import com.contoso.media.transcoding.DurableTranscodeControl;
import com.contoso.media.uploads.UploadsApi;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import java.util.Optional;

/**
 * The uploads API. Authentication is the app's own (bearer JWT, tenant claim), hence anonymous function keys.
 * Each entry point binds the Durable client because status, delete and intake all talk to orchestrations.
 */
public class UploadFunctions {

    @FunctionName("CreateUpload")
    public HttpResponseMessage create(
            @HttpTrigger(name = "req", methods = HttpMethod.POST, route = "uploads",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        return HttpAdapter.toResponse(request, api(durableContext).create(HttpAdapter.toTracedApiRequest(request,
                context)));
    }

    @FunctionName("ListUploads")
    public HttpResponseMessage list(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "uploads",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext) {
        return HttpAdapter.toResponse(request, api(durableContext).list(HttpAdapter.toApiRequest(request)));
    }

    @FunctionName("GetUpload")
    public HttpResponseMessage get(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "uploads/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext) {
        return HttpAdapter.toResponse(request, api(durableContext).get(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("EditUpload")
    public HttpResponseMessage edit(
            @HttpTrigger(name = "req", methods = HttpMethod.PATCH, route = "uploads/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext) {
        return HttpAdapter.toResponse(request, api(durableContext).edit(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("DeleteUpload")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "req", methods = HttpMethod.DELETE, route = "uploads/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext) {
        return HttpAdapter.toResponse(request, api(durableContext).delete(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("CreateClip")
    public HttpResponseMessage clip(
            @HttpTrigger(name = "req", methods = HttpMethod.POST, route = "uploads/{id}/clips",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        return HttpAdapter.toResponse(request, api(durableContext).clip(HttpAdapter.toTracedApiRequest(request,
                context), id));
    }

    private static UploadsApi api(DurableClientContext durableContext) {
        return FunctionsBackend.get().uploadsApi(new DurableTranscodeControl(DurableClients.of(durableContext)));
    }
}
