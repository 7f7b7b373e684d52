package com.contoso.media.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TelemetryExportTest {

    @Test
    void withNoDestinationNothingIsRecorded() {
        assertThat(TelemetryExport.from(new Settings(Map.of()))).isSameAs(OpenTelemetry.noop());
    }

    @Test
    void withAnApplicationInsightsConnectionStringTheAzureMonitorExporterIsInstalled() {
        OpenTelemetry telemetry = TelemetryExport.from(new Settings(Map.of("APPLICATIONINSIGHTS_CONNECTION_STRING",
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")));

        assertThat(telemetry).isInstanceOf(OpenTelemetrySdk.class);
        assertThat(((OpenTelemetrySdk) telemetry).getSdkTracerProvider().toString()).contains("AzureMonitor");
        ((OpenTelemetrySdk) telemetry).close();
    }

    @Test
    void withAnOtlpEndpointSpansArePostedToItAsOtlpProtobuf() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.readAllBytes().length);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        collector.start();
        try {
            OpenTelemetry telemetry = TelemetryExport.from(new Settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:" + collector.getAddress().getPort())));
            telemetry.getTracer("test").spanBuilder("intake").startSpan().end();
            ((OpenTelemetrySdk) telemetry).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);

            assertThat(received).anySatisfy(request -> assertThat(request)
                    .startsWith("POST /v1/traces application/x-protobuf").doesNotEndWith(" 0"));
            ((OpenTelemetrySdk) telemetry).close();
        } finally {
            collector.stop(0);
        }
    }
}
