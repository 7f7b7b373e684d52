package com.contoso.media.telemetry;

import com.azure.monitor.opentelemetry.autoconfigure.AzureMonitorAutoConfigure;
import com.azure.monitor.opentelemetry.autoconfigure.AzureMonitorAutoConfigureOptions;
import com.contoso.media.app.AzureClients;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the process's spans and metrics go, chosen by its settings:
 * <ul>
 *   <li>{@code APPLICATIONINSIGHTS_CONNECTION_STRING} (Azure; Bicep sets it): Application Insights, through the
 *       Azure Monitor OpenTelemetry exporter, signed in with the app's managed identity (the component accepts
 *       no keys). The agent the Functions image bundles is not relied on (docs/operations.md says why).</li>
 *   <li>{@code OTEL_EXPORTER_OTLP_ENDPOINT}: any OTLP collector (local runs).</li>
 *   <li>neither: the OpenTelemetry API's no-op implementation: nothing is recorded or exported, and a span
 *       costs a few allocations.</li>
 * </ul>
 * Logs are not exported here: they go through logback to the host, with the ids that join them to the trace.
 */
public final class TelemetryExport {

    private TelemetryExport() {
    }

    public static OpenTelemetry from(Settings settings) {
        Optional<String> appInsights = settings.find(AppSetting.APPLICATIONINSIGHTS_CONNECTION_STRING);
        Optional<String> otlp = settings.find(AppSetting.OTEL_EXPORTER_OTLP_ENDPOINT);
        if (appInsights.isEmpty() && otlp.isEmpty()) {
            return OpenTelemetry.noop();
        }
        AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder();
        appInsights.ifPresent(connectionString -> AzureMonitorAutoConfigure.customize(builder,
                new AzureMonitorAutoConfigureOptions().connectionString(connectionString)
                        .credential(AzureClients.credential(settings))));
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", settings.get(AppSetting.OTEL_SERVICE_NAME));
        properties.put("otel.logs.exporter", "none");
        otlp.ifPresent(endpoint -> properties.put("otel.exporter.otlp.endpoint", endpoint));
        // The SDK's default is gRPC (port 4317); collectors and the docs' 4318 speak OTLP over HTTP.
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        // Added after Azure Monitor's own, so these win where both speak; OTEL_* environment variables win over all.
        builder.addPropertiesSupplier(() -> properties);
        OpenTelemetrySdk sdk = builder.build().getOpenTelemetrySdk();
        // Flushes what the batch processors still hold when the process ends.
        Runtime.getRuntime().addShutdownHook(new Thread(sdk::close));
        return sdk;
    }
}
