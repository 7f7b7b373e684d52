package com.contoso.media.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthFunctionTest {

    @Test
    void inAzureWithALocalOnlySettingHealthSaysWhyAndBuildsNothing() {
        Settings copiedLocalSettings = new Settings(Map.of("WEBSITE_INSTANCE_ID", "instance-1",
                "AUTH_PUBLIC_JWKS", "{\"keys\":[{\"kty\":\"RSA\"}]}", "WEBHOOK_ALLOW_LOOPBACK", "true"));

        ApiResponse response = HealthFunction.answer(copiedLocalSettings, () -> {
            throw new AssertionError("the backend must not be built");
        });

        assertThat(response.status()).isEqualTo(503);
        JsonNode body = Json.read(response.body(), JsonNode.class);
        assertThat(body.get("status").asText()).isEqualTo("refused");
        assertThat(body.get("reasons").toString()).contains("AUTH_PUBLIC_JWKS", "WEBHOOK_ALLOW_LOOPBACK",
                "WEBHOOK_SECRETS_KEY_ID").doesNotContain("kty");
    }

    @Test
    void otherwiseItIsTheDependencyCheck() {
        ApiResponse healthy = ApiResponse.json(200, Map.of("status", "healthy"));

        assertThat(HealthFunction.answer(new Settings(Map.of()), () -> healthy)).isSameAs(healthy);
    }
}
