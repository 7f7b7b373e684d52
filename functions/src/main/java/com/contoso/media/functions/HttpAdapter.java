package com.contoso.media.functions;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.TraceContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * The request under the host's span for this invocation (with {@code telemetryMode: OpenTelemetry} the host
     * traces each request, as a child of the caller's {@code traceparent}), so the app's spans join the host's.
     */
    static ApiRequest toTracedApiRequest(HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        ApiRequest plain = toApiRequest(request);
        TraceContext host = context.getTraceContext();
        Optional<com.contoso.media.tracing.TraceContext> valid = host == null ? Optional.empty()
                : com.contoso.media.tracing.TraceContext.of(host.getTraceparent(), host.getTracestate());
        if (valid.isEmpty()) {
            return plain;
        }
        Map<String, String> headers = new HashMap<>(plain.headers());
        headers.putAll(valid.get().asHeaders());
        return new ApiRequest(plain.method(), plain.baseUrl(), headers, plain.query(), plain.body());
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
