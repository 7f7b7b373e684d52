package com.contoso.media.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the service refuses, carrying what RFC 9457 problem details need.
 * {@code code} is a stable machine-readable string clients may switch on.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not_found", detail);
    }

    /** A header the problem response carries, such as {@code Retry-After} on a 429. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
