package com.contoso.media.webhooks;

/** A webhook URL the service will not call; {@code code} is the stable problem code the API answers with. */
public final class WebhookUrlRefusedException extends RuntimeException {

    private final String code;

    public WebhookUrlRefusedException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
