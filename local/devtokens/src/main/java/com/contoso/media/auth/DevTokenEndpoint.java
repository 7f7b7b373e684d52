package com.contoso.media.auth;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.ProblemException;
import com.contoso.media.http.Problems;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/dev/token {"tenantId":"tenant-a"}}: the web app's dev sign-in. Only the local runtime has it,
 * and it mints with the dev key the local runtime alone trusts; in Azure the page signs in with Entra ID.
 */
public final class DevTokenEndpoint {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Duration LIFETIME = Duration.ofHours(8);
    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9a-f:.]+)](?::\\d{1,5})?");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private final DevTokenIssuer issuer;
    private final Clock clock;

    public DevTokenEndpoint(DevTokenIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    public ApiResponse mint(ApiRequest request) {
        return Problems.handle(() -> {
            if (!fromLoopbackName(request.header("Host").orElse(""))) {
                // A page on another site that rebinds its DNS name to 127.0.0.1 still sends its own name here.
                throw new ProblemException(403, "dev_token_refused", "Dev tokens are minted only for requests"
                        + " addressed to localhost or a loopback address.");
            }
            JsonNode body;
            try {
                body = Json.read(request.body().isBlank() ? "{}" : request.body(), JsonNode.class);
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("malformed_json", "Request body is not valid JSON.");
            }
            String tenant = body.path("tenantId").asText("");
            if (!TENANT.matcher(tenant).matches()) {
                throw ProblemException.badRequest("invalid_tenant",
                        "tenantId must be 1 to 64 letters, digits, '.', '_' or '-'.");
            }
            return ApiResponse.json(200, Map.of("tenantId", tenant, "token", issuer.mint(tenant, LIFETIME),
                    "expiresAt", clock.instant().plus(LIFETIME)));
        });
    }

    /** The Host header names this machine: {@code localhost} or a loopback literal, with any port. */
    static boolean fromLoopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT).trim();
        Matcher bracketed = BRACKETED.matcher(name);
        if (bracketed.matches()) {
            return bracketed.group(1).equals("::1");
        }
        name = name.replaceFirst(":\\d{1,5}$", "");
        return name.equals("localhost") || LOOPBACK_V4.matcher(name).matches();
    }
}
