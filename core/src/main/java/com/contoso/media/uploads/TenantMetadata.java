package com.contoso.media.uploads;

import com.contoso.media.http.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the tenant says about an upload, passed through untouched: a {@code title}, up to 20 {@code tags}, a
 * {@code metadata} object of string keys and values, and an {@code externalId} (the tenant's own id for it).
 * {@code revision} counts the edits: it is the upload's {@code ETag}, so two clients editing at once cannot
 * overwrite each other (progress and state changes do not move it, so an edit during a transcode is not refused
 * for nothing). Limits are documented in docs/api.md.
 */
public record TenantMetadata(Optional<String> title, List<String> tags, Map<String, String> metadata,
                             Optional<String> externalId, long revision) {

    public static final TenantMetadata NONE = new TenantMetadata(Optional.empty(), List.of(), Map.of(),
            Optional.empty(), 0);
    static final Set<String> FIELDS = Set.of("title", "tags", "metadata", "externalId");
    static final int MAX_TITLE = 200;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 64;
    static final int MAX_KEYS = 32;
    static final int MAX_KEY = 64;
    static final int MAX_VALUE = 512;
    static final int MAX_METADATA_BYTES = 8 * 1024;
    static final int MAX_EXTERNAL_ID = 128;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1," + MAX_KEY + "}");

    public TenantMetadata {
        title = title == null ? Optional.empty() : title;
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        externalId = externalId == null ? Optional.empty() : externalId;
    }

    /** The fields of a create request's body (absent ones stay empty). */
    public static TenantMetadata fromCreate(JsonNode body) {
        return NONE.merged(body);
    }

    /**
     * A JSON merge patch (RFC 7396) of these fields: a field present replaces the value, {@code null} clears it,
     * and inside {@code metadata} a key set to {@code null} is removed. Any other field is refused.
     */
    TenantMetadata patched(JsonNode patch) {
        patch.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw invalid("'" + name + "' cannot be changed; only title, tags, metadata and externalId can.");
            }
        });
        TenantMetadata merged = merged(patch);
        return new TenantMetadata(merged.title, merged.tags, merged.metadata, merged.externalId, revision + 1);
    }

    /** The ETag of this revision, quoted as HTTP wants it. */
    public String etag() {
        return "\"" + revision + "\"";
    }

    private TenantMetadata merged(JsonNode body) {
        Optional<String> newTitle = body.has("title") ? optionalText(body.get("title"), "title", MAX_TITLE) : title;
        List<String> newTags = body.has("tags") ? tags(body.get("tags")) : tags;
        Map<String, String> newMetadata = body.has("metadata") ? metadata(body.get("metadata")) : metadata;
        Optional<String> newExternalId = body.has("externalId")
                ? optionalText(body.get("externalId"), "externalId", MAX_EXTERNAL_ID) : externalId;
        return new TenantMetadata(newTitle, newTags, newMetadata, newExternalId, revision);
    }

    private static Optional<String> optionalText(JsonNode value, String field, int max) {
        if (value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(value, field, max));
    }

    private static List<String> tags(JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid("tags must be an array of strings.");
        }
        Set<String> distinct = new LinkedHashSet<>();
        value.forEach(tag -> distinct.add(text(tag, "a tag", MAX_TAG)));
        if (distinct.size() > MAX_TAGS) {
            throw invalid("At most " + MAX_TAGS + " tags are allowed; " + distinct.size() + " were given.");
        }
        return new ArrayList<>(distinct);
    }

    private Map<String, String> metadata(JsonNode value) {
        if (value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw invalid("metadata must be an object whose values are strings.");
        }
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KEY.matcher(field.getKey()).matches()) {
                throw invalid("metadata key '" + shortened(field.getKey()) + "' must be 1 to " + MAX_KEY
                        + " letters, digits, '_', '.' or '-'.");
            }
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.put(field.getKey(), text(field.getValue(), "metadata." + field.getKey(), MAX_VALUE));
            }
        }
        if (merged.size() > MAX_KEYS) {
            throw invalid("metadata may hold at most " + MAX_KEYS + " keys; this would make " + merged.size() + ".");
        }
        int bytes = merged.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue())).sum();
        if (bytes > MAX_METADATA_BYTES) {
            throw invalid("metadata may hold at most " + MAX_METADATA_BYTES + " bytes of keys and values; this would"
                    + " make " + bytes + ".");
        }
        return merged;
    }

    /** Text as the tenant wrote it (NFC), without control characters, trimmed, not blank, within {@code max}. */
    private static String text(JsonNode value, String field, int max) {
        if (!value.isTextual()) {
            throw invalid(field + " must be a string.");
        }
        String text = Normalizer.normalize(value.asText(), Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            throw invalid(field + " must not be blank.");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw invalid(field + " must be at most " + max + " characters.");
        }
        if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT)) {
            throw invalid(field + " must not contain control or invisible formatting characters.");
        }
        return text;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String shortened(String key) {
        return key.length() > 40 ? key.substring(0, 40) + "…" : key;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid_metadata", detail);
    }
}
