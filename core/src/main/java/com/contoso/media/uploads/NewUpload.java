package com.contoso.media.uploads;

import com.contoso.media.http.JsonBody;
import com.contoso.media.http.ProblemException;
import com.contoso.media.transcoding.TranscodeOptions;
import com.contoso.media.transcoding.TranscodeOptionsParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Optional;

/**
 * The body of {@code POST /api/uploads}, checked against the policy before anything is written. {@code transcode}
 * (videos only) carries the client's choices for this upload's transcode. With {@code sourceUrl} the service
 * fetches the file itself: then {@code sizeBytes} is optional (0 here: not declared) and {@code fileName} defaults
 * to the URL's last path segment.
 */
public record NewUpload(String fileName, String contentType, long sizeBytes, Optional<TranscodeOptions> transcode,
                        TenantMetadata tenantMetadata, Optional<String> sourceUrl) {

    public NewUpload(String fileName, String contentType, long sizeBytes) {
        this(fileName, contentType, sizeBytes, Optional.empty(), TenantMetadata.NONE, Optional.empty());
    }

    private static final int MAX_FILE_NAME_LENGTH = 255;
    private static final String IMPORTED_FILE_NAME = "imported";

    public static NewUpload parse(String body, UploadPolicy policy) {
        JsonNode json = JsonBody.object(body);
        Optional<String> sourceUrl = optionalText(json, "sourceUrl");
        String fileName = sourceUrl.isPresent() && !json.hasNonNull("fileName")
                ? fileNameOf(sourceUrl.get()) : text(json, "fileName");
        long sizeBytes = sourceUrl.isPresent() && !json.hasNonNull("sizeBytes") ? 0 : size(json);
        if (sizeBytes == 0 && json.hasNonNull("sizeBytes")) {
            throw ProblemException.badRequest("invalid_size", "sizeBytes must be greater than 0.");
        }
        // NFC: one spelling per name, so "é" typed two ways is one file name, in the blob path and in downloads.
        NewUpload upload = new NewUpload(Normalizer.normalize(fileName, Normalizer.Form.NFC),
                text(json, "contentType"), sizeBytes, Optional.empty(), TenantMetadata.fromCreate(json), sourceUrl);
        upload.checkAgainst(policy);
        JsonNode transcode = json.get("transcode");
        if (transcode == null || transcode.isNull()) {
            return upload;
        }
        if (!upload.contentType.startsWith("video/")) {
            throw ProblemException.badRequest("invalid_transcode_options",
                    "transcode applies to videos only, not to " + upload.contentType + ".");
        }
        return new NewUpload(upload.fileName, upload.contentType, upload.sizeBytes,
                Optional.of(TranscodeOptionsParser.parse(transcode, policy.transcodeLimits())), upload.tenantMetadata,
                sourceUrl);
    }

    /** The size the tenant declared; an import may leave it out. */
    public Optional<Long> declaredBytes() {
        return sizeBytes > 0 ? Optional.of(sizeBytes) : Optional.empty();
    }

    /**
     * An import's default name: the URL path's last segment, decoded, when it is a usable file name; else a fixed
     * one. The check that follows still applies to it, as to a name the tenant gave.
     */
    private static String fileNameOf(String url) {
        try {
            String path = Optional.ofNullable(new URI(url).getPath()).orElse("");
            String last = path.substring(path.lastIndexOf('/') + 1);
            return last.isBlank() || last.length() > MAX_FILE_NAME_LENGTH || last.equals(".") || last.equals("..")
                    ? IMPORTED_FILE_NAME : last;
        } catch (URISyntaxException e) {
            return IMPORTED_FILE_NAME;
        }
    }

    private static Optional<String> optionalText(JsonNode json, String field) {
        return json.hasNonNull(field) ? Optional.of(text(json, field)) : Optional.empty();
    }

    private void checkAgainst(UploadPolicy policy) {
        checkFileName(fileName);
        if (!policy.allowedContentTypes().contains(contentType)) {
            throw ProblemException.badRequest("unsupported_content_type", "contentType '" + contentType
                    + "' is not accepted; allowed: " + String.join(", ", policy.allowedContentTypes()) + ".");
        }
        if (sizeBytes < 0 || sizeBytes == 0 && sourceUrl.isEmpty()) {
            throw ProblemException.badRequest("invalid_size", "sizeBytes must be greater than 0.");
        }
        if (sizeBytes > policy.maxBytes()) {
            throw ProblemException.badRequest("file_too_large", "sizeBytes " + sizeBytes
                    + " exceeds the maximum of " + policy.maxBytes() + " bytes.");
        }
    }

    /**
     * The name becomes the last segment of a blob path and a download's name, so anything that could leave that
     * segment, or show one name while being another, is refused: bidirectional overrides that make
     * {@code cod.exe} read as {@code exe.doc}, zero-width characters that hide inside a name, C0 and C1 controls
     * (U+0085 is a line break to some readers), line separators, and trailing dots and spaces, which Windows drops
     * when it saves the download.
     */
    private static void checkFileName(String name) {
        String problem = null;
        if (name.isBlank()) {
            problem = "must not be blank";
        } else if (name.length() > MAX_FILE_NAME_LENGTH) {
            problem = "must be at most " + MAX_FILE_NAME_LENGTH + " characters";
        } else if (name.contains("/") || name.contains("\\")) {
            problem = "must not contain path separators";
        } else if (name.equals(".") || name.equals("..")) {
            problem = "must not be a relative path";
        } else if (name.chars().anyMatch(NewUpload::control)) {
            problem = "must not contain control characters (" + codePoint(name, NewUpload::control) + ")";
        } else if (name.chars().anyMatch(NewUpload::bidiControl)) {
            problem = "must not contain bidirectional text controls (" + codePoint(name, NewUpload::bidiControl) + ")";
        } else if (name.chars().anyMatch(NewUpload::invisible)) {
            problem = "must not contain invisible characters (" + codePoint(name, NewUpload::invisible) + ")";
        } else if (name.endsWith(".") || name.endsWith(" ")) {
            problem = "must not end with a dot or a space";
        }
        if (problem != null) {
            throw ProblemException.badRequest("invalid_file_name", "fileName " + problem + ".");
        }
    }

    /** C0, DEL and C1. */
    private static boolean control(int c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f;
    }

    private static boolean bidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /** Zero-width spaces and joiners, direction marks, the byte-order mark, and line and paragraph separators. */
    private static boolean invisible(int c) {
        return c >= 0x200B && c <= 0x200F || c == 0xFEFF || c == 0x2028 || c == 0x2029;
    }

    private static String codePoint(String name, java.util.function.IntPredicate refused) {
        return String.format("U+%04X", name.chars().filter(refused).findFirst().orElseThrow());
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw ProblemException.badRequest("missing_field", "Field '" + field + "' is required.");
        }
        if (!value.isTextual()) {
            throw ProblemException.badRequest("invalid_field", "Field '" + field + "' must be a string.");
        }
        return value.asText();
    }

    private static long size(JsonNode json) {
        JsonNode value = json.get("sizeBytes");
        if (value == null || value.isNull()) {
            throw ProblemException.badRequest("missing_field", "Field 'sizeBytes' is required.");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ProblemException.badRequest("invalid_size", "sizeBytes must be a whole number of bytes.");
        }
        return value.asLong();
    }
}
