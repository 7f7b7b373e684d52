package com.contoso.media.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings that make sense on a developer's machine and are dangerous in Azure: a trusted key from that machine, the
 * dev issuer, tenants let in on first sight, webhooks to loopback, Azurite's well-known account. A deployed app
 * (the Functions host sets {@code WEBSITE_INSTANCE_ID} there) refuses to start with any of them, and
 * {@code /api/health} names them, so a copied {@code local.settings.json} cannot open the service up.
 */
public final class LocalOnlySettings {

    private static final String DEV_ISSUER_HOST = "devhost.local";
    private static final String AZURITE_ACCOUNT = "devstoreaccount1";

    private LocalOnlySettings() {
    }

    /** What is wrong with these settings in Azure, one sentence each (names, never values); empty when fine. */
    public static List<String> refusedInAzure(Settings settings) {
        if (settings.find(AppSetting.RUNNING_IN_AZURE).isEmpty()) {
            return List.of();
        }
        List<String> refused = new ArrayList<>();
        if (settings.find(AppSetting.AUTH_PUBLIC_JWKS).isPresent()) {
            refused.add("AUTH_PUBLIC_JWKS is set: it trusts a signing key from a developer's machine; use AUTH_JWKS_URL.");
        }
        if (settings.find(AppSetting.AUTH_ISSUER).filter(issuer -> issuer.contains(DEV_ISSUER_HOST)).isPresent()) {
            refused.add("AUTH_ISSUER is the local runtime's dev issuer.");
        }
        if (enabled(settings, AppSetting.AUTH_DEV_AUTO_ONBOARD)) {
            refused.add("AUTH_DEV_AUTO_ONBOARD is on: it lets any directory in as a tenant.");
        }
        if (enabled(settings, AppSetting.WEBHOOK_ALLOW_LOOPBACK)) {
            refused.add("WEBHOOK_ALLOW_LOOPBACK is on: it lets webhooks call the instance itself.");
        }
        if (enabled(settings, AppSetting.IMPORT_ALLOW_LOOPBACK)) {
            refused.add("IMPORT_ALLOW_LOOPBACK is on: it lets imports fetch from the instance itself.");
        }
        if (settings.find(AppSetting.STORAGE_CONNECTION_STRING)
                .filter(c -> c.contains(AZURITE_ACCOUNT) || c.contains("UseDevelopmentStorage")).isPresent()) {
            refused.add("AzureWebJobsStorage points at Azurite's well-known development account.");
        }
        if (settings.find(AppSetting.WEBHOOK_SECRETS_KEY_ID).isEmpty()) {
            refused.add("WEBHOOK_SECRETS_KEY_ID is not set: webhook secrets would be sealed with a local key file.");
        }
        if (enabled(settings, AppSetting.LOCAL_BUS_CHAOS)) {
            refused.add("LOCAL_BUS_CHAOS is on: it is a test setting of the local runtime.");
        }
        return refused;
    }

    /** Stops the app from starting in Azure with a local-only setting, naming each. */
    public static void requireNoneInAzure(Settings settings) {
        List<String> refused = refusedInAzure(settings);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("Refusing to start in Azure with local-only settings: "
                    + String.join(" ", refused));
        }
    }

    private static boolean enabled(Settings settings, AppSetting setting) {
        return settings.find(setting).map(v -> v.trim().toLowerCase(Locale.ROOT)).filter("true"::equals).isPresent();
    }
}
