package com.contoso.media.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;

/** HLS playlists for players; authorised by the read SAS in the URL, which storage itself verifies. */
public class PlaybackFunction {

    @FunctionName("Playback")
    public HttpResponseMessage playlist(
            @HttpTrigger(name = "req", methods = HttpMethod.GET, route = "playback/{tenant}/{id}/{*path}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("tenant") String tenant,
            @BindingName("id") String id,
            @BindingName("path") String path) {
        return HttpAdapter.toResponse(request,
                FunctionsBackend.get().playback().playlist(HttpAdapter.toApiRequest(request), tenant, id, path));
    }
}
