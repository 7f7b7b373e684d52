package com.contoso.media.http;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cross-origin rules for browser front-ends, from {@code CORS_ALLOWED_ORIGINS}: a comma-separated list of origins,
 * where {@code *} as the port means any port ({@code http://localhost:*}) and a lone {@code *} means any origin.
 * The default allows any local dev server: Vite, the runtime itself, a page opened from another port.
 * In Azure the Functions platform applies the same list (Bicep sets {@code siteConfig.cors} from the parameter that
 * also sets Blob Storage's CORS); the local runtime applies it here.
 */
public final class Cors {

    static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, x-correlation-id";
    /** What scripts may read: the polling contract (Location, Retry-After) and the correlation id. */
    static final String EXPOSED_HEADERS = "Location, Retry-After, x-correlation-id, Content-Disposition, ETag";

    private final List<Pattern> origins;

    Cors(List<String> allowed) {
        this.origins = allowed.stream().map(String::trim).filter(origin -> !origin.isEmpty()).map(Cors::pattern).toList();
    }

    public static Cors from(Settings settings) {
        return new Cors(List.of(settings.get(AppSetting.CORS_ALLOWED_ORIGINS).split(",")));
    }

    /** The answer to a preflight: the grant when the origin is allowed, else a bare 204 the browser will refuse. */
    public ApiResponse preflight(ApiRequest request) {
        ApiResponse empty = ApiResponse.noContent();
        return allowedOrigin(request).map(origin -> empty
                .withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .withHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .withHeader("Access-Control-Max-Age", "3600")
                .withHeader("Vary", "Origin"))
                .orElse(empty.withHeader("Vary", "Origin"));
    }

    /** The response with the CORS grant added when the request comes from an allowed origin. */
    public ApiResponse decorate(ApiRequest request, ApiResponse response) {
        return allowedOrigin(request).map(origin -> response
                .withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS)
                .withHeader("Vary", "Origin"))
                .orElse(response);
    }

    private Optional<String> allowedOrigin(ApiRequest request) {
        return request.header("Origin").filter(origin -> origins.stream().anyMatch(p -> p.matcher(origin).matches()));
    }

    private static Pattern pattern(String origin) {
        if (origin.equals("*")) {
            return Pattern.compile(".+");
        }
        if (origin.endsWith(":*")) {
            return Pattern.compile(Pattern.quote(origin.substring(0, origin.length() - 2)) + ":\\d{1,5}");
        }
        return Pattern.compile(Pattern.quote(origin));
    }
}
