package com.contoso.media.captions;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.uploads.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transcoded video's segment boundaries and first timestamp, read from its HLS in the library: the first variant
 * of the master playlist, its segment durations, and the start of its first fragment. Caption tracks are cut on
 * these boundaries and mapped onto this timeline.
 *
 * @param segmentSeconds every segment's duration, in order
 * @param startTicks     the first fragment's timestamp in 90 kHz units
 */
record StoredVideoTimeline(List<Double> segmentSeconds, long startTicks) {

    private static final int MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
    private static final int BOX_HEAD_BYTES = 256 * 1024;
    private static final Pattern MAP_URI = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"");

    static StoredVideoTimeline read(MediaStore store, BlobLayout layout, Upload upload) {
        String master = text(store, hls(layout, upload, "master.m3u8"));
        String variant = null;
        boolean next = false;
        for (String line : master.lines().toList()) {
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                next = true;
            } else if (next && !line.isBlank() && !line.startsWith("#")) {
                variant = line.strip();
                break;
            }
        }
        if (variant == null) {
            throw new IllegalStateException("the master playlist of upload " + upload.id() + " lists no variant");
        }
        String folder = variant.contains("/") ? variant.substring(0, variant.lastIndexOf('/') + 1) : "";
        List<Double> seconds = new ArrayList<>();
        String init = null;
        String firstSegment = null;
        for (String line : text(store, hls(layout, upload, variant)).lines().toList()) {
            Matcher map = MAP_URI.matcher(line);
            if (map.find()) {
                init = map.group(1);
            } else if (line.startsWith("#EXTINF:")) {
                int comma = line.indexOf(',');
                seconds.add(Double.parseDouble(line.substring(8, comma < 0 ? line.length() : comma)));
            } else if (!line.isBlank() && !line.startsWith("#") && firstSegment == null) {
                firstSegment = line.strip();
            }
        }
        if (init == null || firstSegment == null) {
            throw new IllegalStateException("the variant " + variant + " of upload " + upload.id()
                    + " has no initialization or media segment");
        }
        long startTicks = Fmp4Start.ticks(store.readHead(hls(layout, upload, folder + init), BOX_HEAD_BYTES),
                        store.readHead(hls(layout, upload, folder + firstSegment), BOX_HEAD_BYTES))
                .orElseThrow(() -> new IllegalStateException("no tfdt in the first segment of upload " + upload.id()));
        return new StoredVideoTimeline(seconds, startTicks);
    }

    private static BlobRef hls(BlobLayout layout, Upload upload, String path) {
        return layout.library(upload.tenantId(), upload.id(), "hls/" + path);
    }

    private static String text(MediaStore store, BlobRef blob) {
        return new String(store.readHead(blob, MAX_PLAYLIST_BYTES), StandardCharsets.UTF_8);
    }
}
