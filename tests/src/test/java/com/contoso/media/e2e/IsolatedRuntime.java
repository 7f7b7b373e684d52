package com.contoso.media.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/**
 * Settings for a local runtime of a suite's own on the shared Azurite: containers, tables and bus queues named
 * afresh each run, so neither the shared runtime's pumps nor anything an earlier run left can reach it.
 */
final class IsolatedRuntime {

    private IsolatedRuntime() {
    }

    static Map<String, String> settings(String prefix, String dataDirPrefix) {
        String run = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try {
            return Map.ofEntries(
                    Map.entry("DEVHOST_PORT", "0"),
                    Map.entry("DEVHOST_DATA_DIR", Files.createTempDirectory(dataDirPrefix).toString()),
                    Map.entry("UPLOADS_CONTAINER", run + "-uploads"), Map.entry("MEDIA_CONTAINER", run + "-media"),
                    Map.entry("UPLOADS_TABLE", run + "uploads"), Map.entry("REPORTS_TABLE", run + "reports"),
                    Map.entry("WEBHOOKS_TABLE", run + "webhooks"), Map.entry("STORAGE_TABLE", run + "storage"),
                    Map.entry("LOCAL_BUS_PREFIX", run),
                    Map.entry("DEVHOST_RECONCILE_ON_START", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
