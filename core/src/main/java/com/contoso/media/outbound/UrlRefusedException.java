package com.contoso.media.outbound;

/** A URL the service will not call (a webhook endpoint, an import source); {@code code} is the stable problem code the API answers with. */
public final class UrlRefusedException extends RuntimeException {

    private final String code;

    public UrlRefusedException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
