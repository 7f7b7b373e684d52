package com.contoso.media.clips;

import com.contoso.media.http.JsonBody;
import com.contoso.media.http.ProblemException;
import com.contoso.media.uploads.TenantMetadata;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The body of {@code POST /api/uploads/{id}/clips}: {@code start} and {@code end} in seconds of the parent's
 * timeline, {@code mode} {@code instant} (the default) or {@code accurate}, and the clip's own title, tags,
 * metadata and externalId. The bounds are checked against the parent's duration by {@link ClipService}.
 */
public record NewClip(double start, double end, boolean frameAccurate, TenantMetadata tenantMetadata) {

    /** Shorter clips are refused: a clip is at least a second of video. */
    public static final double MIN_SECONDS = 1.0;

    public static NewClip parse(String body) {
        JsonNode json = JsonBody.object(body);
        double start = seconds(json, "start");
        double end = seconds(json, "end");
        JsonNode mode = json.get("mode");
        String chosen = mode == null || mode.isNull() ? "instant" : mode.isTextual() ? mode.asText() : "";
        if (!chosen.equals("instant") && !chosen.equals("accurate")) {
            throw ProblemException.badRequest("invalid_clip_mode", "mode must be \"instant\" (cut at segment"
                    + " boundaries, ready in seconds) or \"accurate\" (cut on the frames asked for).");
        }
        return new NewClip(start, end, chosen.equals("accurate"), TenantMetadata.fromCreate(json));
    }

    /** Refuses bounds that do not make a clip of a video that lasts {@code durationSeconds}. */
    void checkWithin(double durationSeconds) {
        if (start < 0 || end <= start) {
            throw bounds("start must be 0 or more and end greater than start.");
        }
        if (end > durationSeconds) {
            throw bounds(String.format(Locale.ROOT, "end %.3f is past the end of the video (%.3f s).", end,
                    durationSeconds));
        }
        if (end - start < MIN_SECONDS) {
            throw bounds(String.format(Locale.ROOT, "A clip lasts at least %.0f second; this one would last %.3f s.",
                    MIN_SECONDS, end - start));
        }
    }

    private static double seconds(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw ProblemException.badRequest("missing_field", "Field '" + field + "' is required.");
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw bounds(field + " must be a number of seconds.");
        }
        return value.asDouble();
    }

    private static ProblemException bounds(String detail) {
        return ProblemException.badRequest("invalid_clip_bounds", detail);
    }
}
