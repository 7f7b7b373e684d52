package com.contoso.media.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalOnlySettingsTest {

    private static final Map<String, String> AZURE = Map.of("WEBSITE_INSTANCE_ID", "abc123",
            "AUTH_ISSUER", "https://login.microsoftonline.com/{tid}/v2.0", "AUTH_JWKS_URL",
            "https://login.microsoftonline.com/common/discovery/v2.0/keys", "WEBHOOK_ALLOW_LOOPBACK", "false",
            "WEBHOOK_SECRETS_KEY_ID", "https://kv-media.vault.azure.net/keys/webhook-secrets");

    @Test
    void aDeployedAppWithAzureSettingsStarts() {
        assertThat(LocalOnlySettings.refusedInAzure(new Settings(AZURE))).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "AUTH_PUBLIC_JWKS       | {\"keys\":[]}",
        "AUTH_ISSUER            | https://devhost.local/{tid}/v2.0",
        "AUTH_DEV_AUTO_ONBOARD  | true",
        "WEBHOOK_ALLOW_LOOPBACK | TRUE",
        "IMPORT_ALLOW_LOOPBACK  | true",
        "AzureWebJobsStorage    | UseDevelopmentStorage=true",
        "LOCAL_BUS_CHAOS        | true",
    })
    void eachLocalOnlySettingStopsTheStartNamingItButNotItsValue(String name, String value) {
        Map<String, String> values = new HashMap<>(AZURE);
        values.put(name, value);

        assertThatThrownBy(() -> LocalOnlySettings.requireNoneInAzure(new Settings(values)))
                .hasMessageContaining(name.equals("AzureWebJobsStorage") ? "Azurite" : name)
                .hasMessageNotContaining(value);
    }

    @Test
    void onADevelopersMachineTheyAreAllowed() {
        Map<String, String> local = Map.of("AUTH_PUBLIC_JWKS", "{\"keys\":[]}", "AUTH_DEV_AUTO_ONBOARD", "true",
                "WEBHOOK_ALLOW_LOOPBACK", "true");

        assertThat(LocalOnlySettings.refusedInAzure(new Settings(local))).isEmpty();
    }
}
