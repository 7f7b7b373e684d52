package com.contoso.media.logging;

import java.util.Arrays;
import org.slf4j.MDC;

/**
 * Puts tenantId, uploadId and correlationId on every log line written inside the scope,
 * so the JSON logs of one upload can be followed across HTTP, intake and transcoding.
 */
public final class LogContext implements AutoCloseable {

    private final MDC.MDCCloseable[] entries;

    private LogContext(MDC.MDCCloseable... entries) {
        this.entries = entries;
    }

    public static LogContext of(String tenantId, String uploadId, String correlationId) {
        return new LogContext(
                MDC.putCloseable("tenantId", tenantId),
                MDC.putCloseable("uploadId", uploadId),
                MDC.putCloseable("correlationId", correlationId));
    }

    /**
     * The same scope with {@code securityEvent} on its lines, so alerts can select what looks like abuse (a write
     * nobody asked for) without parsing messages.
     */
    public LogContext withSecurityEvent(String kind) {
        MDC.MDCCloseable[] more = Arrays.copyOf(entries, entries.length + 1);
        more[entries.length] = MDC.putCloseable("securityEvent", kind);
        return new LogContext(more);
    }

    @Override
    public void close() {
        for (MDC.MDCCloseable entry : entries) {
            entry.close();
        }
    }
}
