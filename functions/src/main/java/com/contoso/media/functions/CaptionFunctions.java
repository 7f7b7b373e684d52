package com.contoso.media.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** A transcoded video's caption tracks: the body of a POST is the WebVTT or SRT file itself. */
public class CaptionFunctions {

    @FunctionName("AddCaptions")
    public HttpResponseMessage add(
            @HttpTrigger(name = "req", methods = HttpMethod.POST, route = "uploads/{id}/captions",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request,
                FunctionsBackend.get().captionsApi().add(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("ListCaptions")
    public HttpResponseMessage list(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "uploads/{id}/captions",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id) {
        return HttpAdapter.toResponse(request,
                FunctionsBackend.get().captionsApi().list(HttpAdapter.toApiRequest(request), id));
    }

    @FunctionName("DeleteCaptions")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "req", methods = HttpMethod.DELETE, route = "uploads/{id}/captions/{trackId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @BindingName("trackId") String trackId) {
        return HttpAdapter.toResponse(request,
                FunctionsBackend.get().captionsApi().delete(HttpAdapter.toApiRequest(request), id, trackId));
    }
}
