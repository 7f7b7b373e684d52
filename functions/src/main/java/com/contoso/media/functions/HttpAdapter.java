package com.contoso.media.functions;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.Optional;

/** Copies Functions' HTTP types to and from the host-neutral ones the services use. */
final class HttpAdapter {

    private HttpAdapter() {
    }

    static ApiRequest toApiRequest(HttpRequestMessage<Optional<String>> request) {
        URI uri = request.getUri();
        String baseUrl = uri.getScheme() + "://" + uri.getRawAuthority();
        return new ApiRequest(request.getHttpMethod().name(), baseUrl, request.getHeaders(),
                request.getQueryParameters(), request.getBody().orElse(""));
    }

    static HttpResponseMessage toResponse(HttpRequestMessage<Optional<String>> request, ApiResponse response) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(response.status()));
        response.headers().forEach(builder::header);
        if (!response.body().isEmpty()) {
            builder.body(response.body());
        }
        return builder.build();
    }
}
