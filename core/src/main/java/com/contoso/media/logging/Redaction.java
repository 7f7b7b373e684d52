package com.contoso.media.logging;

import java.util.regex.Pattern;

/**
 * The one rule for taking secrets out of text before it is kept anywhere (an upload's error, a log line, a Durable
 * history, an event): the signature and the signing-key fields of any SAS query, and bearer tokens. The rest of a
 * URL stays, so a log still says which blob was involved.
 */
public final class Redaction {

    public static final String MASK = "REDACTED";

    /**
     * {@code sig} is the secret; the {@code sk*} fields name the key and identity that signed a user-delegation SAS,
     * and {@code saoid}/{@code suoid}/{@code scid} the principals it was made for.
     */
    private static final Pattern SAS_FIELD = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_])(sig|skoid|sktid|skt|ske|sks|skv|saoid|suoid|scid)=[^&\\s\"'<>|]*");
    /** A JWT (header.payload.signature, each base64url): what a bearer token is here. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String withoutSas = SAS_FIELD.matcher(text).replaceAll("$1=" + MASK);
        return JWT.matcher(withoutSas).replaceAll(MASK);
    }
}
