package com.contoso.media.transcoding;

import com.contoso.media.http.ProblemException;
import com.contoso.media.transcoding.TranscodeOptions.RungChoice;
import com.contoso.media.transcoding.TranscodeOptions.ThumbnailChoice;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code transcode} object of {@code POST /api/uploads}. Anything unknown or out of bounds is a 400
 * {@code invalid_transcode_options} naming the field, before anything is stored: a client learns at create, not
 * minutes later from a failed transcode.
 */
public final class TranscodeOptionsParser {

    private static final String CODE = "invalid_transcode_options";

    private TranscodeOptionsParser() {
    }

    public static TranscodeOptions parse(JsonNode transcode, TranscodeLimits limits) {
        requireObject(transcode, "transcode");
        onlyFields(transcode, "transcode", Set.of("ladder", "thumbnails", "chunkSeconds", "mp4", "audioOnly"));
        return new TranscodeOptions(ladder(transcode.get("ladder"), limits), thumbnails(transcode.get("thumbnails")),
                chunkSeconds(transcode.get("chunkSeconds")), flag(transcode.get("mp4"), "transcode.mp4"),
                flag(transcode.get("audioOnly"), "transcode.audioOnly"));
    }

    private static List<RungChoice> ladder(JsonNode ladder, TranscodeLimits limits) {
        if (ladder == null) {
            return null;
        }
        if (!ladder.isArray() || ladder.isEmpty() || ladder.size() > TranscodeLimits.MAX_RUNGS) {
            throw refused("transcode.ladder must be an array of 1 to " + TranscodeLimits.MAX_RUNGS + " rungs.");
        }
        List<RungChoice> rungs = new ArrayList<>();
        Set<Integer> heights = new HashSet<>();
        for (int i = 0; i < ladder.size(); i++) {
            String field = "transcode.ladder[" + i + "]";
            JsonNode rung = ladder.get(i);
            requireObject(rung, field);
            onlyFields(rung, field, Set.of("height", "videoKbps"));
            int height = whole(rung.get("height"), field + ".height", TranscodeLimits.MIN_HEIGHT, limits.maxHeight());
            if (height % 2 != 0) {
                throw refused(field + ".height must be even (H.264 in 4:2:0 needs even sizes).");
            }
            if (!heights.add(height)) {
                throw refused(field + ".height " + height + " appears twice.");
            }
            rungs.add(new RungChoice(height, whole(rung.get("videoKbps"), field + ".videoKbps",
                    TranscodeLimits.MIN_VIDEO_KBPS, limits.maxVideoKbps())));
        }
        rungs.sort((a, b) -> Integer.compare(b.height(), a.height()));
        return rungs;
    }

    private static ThumbnailChoice thumbnails(JsonNode thumbnails) {
        if (thumbnails == null) {
            return null;
        }
        requireObject(thumbnails, "transcode.thumbnails");
        onlyFields(thumbnails, "transcode.thumbnails", Set.of("count", "intervalSeconds"));
        JsonNode count = thumbnails.get("count");
        JsonNode interval = thumbnails.get("intervalSeconds");
        if ((count == null) == (interval == null)) {
            throw refused("transcode.thumbnails needs exactly one of count or intervalSeconds.");
        }
        if (count != null) {
            return new ThumbnailChoice(whole(count, "transcode.thumbnails.count", 1, TranscodeLimits.MAX_THUMBNAILS),
                    null);
        }
        if (!interval.isNumber() || !Double.isFinite(interval.asDouble())
                || interval.asDouble() < TranscodeLimits.MIN_THUMBNAIL_INTERVAL_SECONDS) {
            throw refused("transcode.thumbnails.intervalSeconds must be a number of at least "
                    + TranscodeLimits.MIN_THUMBNAIL_INTERVAL_SECONDS + ".");
        }
        return new ThumbnailChoice(null, interval.asDouble());
    }

    private static Boolean flag(JsonNode flag, String field) {
        if (flag == null || flag.isNull()) {
            return null;
        }
        if (!flag.isBoolean()) {
            throw refused(field + " must be true or false.");
        }
        return flag.asBoolean();
    }

    private static Integer chunkSeconds(JsonNode chunkSeconds) {
        return chunkSeconds == null ? null : whole(chunkSeconds, "transcode.chunkSeconds",
                TranscodeLimits.MIN_CHUNK_SECONDS, TranscodeLimits.MAX_CHUNK_SECONDS);
    }

    private static int whole(JsonNode value, String field, int min, int max) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
                || value.asInt() < min || value.asInt() > max) {
            throw refused(field + " must be a whole number from " + min + " to " + max + ".");
        }
        return value.asInt();
    }

    private static void requireObject(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw refused(field + " must be an object.");
        }
    }

    private static void onlyFields(JsonNode node, String field, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw refused(field + " has an unknown field '" + name + "'; allowed: " + String.join(", ",
                        known.stream().sorted().toList()) + ".");
            }
        }
    }

    private static ProblemException refused(String message) {
        return ProblemException.badRequest(CODE, message);
    }
}
