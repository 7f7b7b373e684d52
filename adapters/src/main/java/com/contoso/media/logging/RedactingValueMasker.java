package com.contoso.media.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/**
 * Applies {@link Redaction} to every string value of every JSON log line (message, MDC fields, stack traces), so a
 * SAS signature or a bearer token that reached a log call by any path is still not written. Wired in the Function
 * App's and the local runtime's {@code logback.xml}.
 */
public final class RedactingValueMasker implements ValueMasker {

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (value instanceof CharSequence text) {
            String redacted = Redaction.redact(text.toString());
            // null tells the encoder to leave the value as it was.
            return redacted.contentEquals(text) ? null : redacted;
        }
        return null;
    }
}
