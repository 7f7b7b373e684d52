package com.contoso.media.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A response with a text body, made from a byte download or by hand, for the contract check and its tests. */
record CannedResponse(HttpRequest request, int statusCode, HttpHeaders headers, String body)
        implements HttpResponse<String> {

    static CannedResponse of(HttpResponse<byte[]> bytes) {
        return new CannedResponse(bytes.request(), bytes.statusCode(), bytes.headers(),
                new String(bytes.body(), StandardCharsets.UTF_8));
    }

    static CannedResponse of(HttpRequest request, int status, Map<String, List<String>> headers, String body) {
        return new CannedResponse(request, status, HttpHeaders.of(headers, (name, value) -> true), body);
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
