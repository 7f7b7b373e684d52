package com.contoso.media.functions;

import com.contoso.media.http.OpenApiDocument;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** The API's OpenAPI 3.1 document, without a token, for client generators and browsers. */
public class OpenApiFunction {

    @FunctionName("OpenApi")
    public HttpResponseMessage document(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "openapi.json",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
        return HttpAdapter.toResponse(request, OpenApiDocument.response());
    }
}
