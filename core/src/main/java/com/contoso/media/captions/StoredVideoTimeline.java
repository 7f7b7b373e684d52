package com.contoso.media.captions;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.transcoding.HlsPlaylist;
import com.contoso.media.uploads.Upload;
import java.util.List;

/**
 * A transcoded video's segment boundaries and first timestamp, read from its HLS in the library: the first variant
 * of the master playlist, its segment durations, and the start of its first fragment. Caption tracks are cut on
 * these boundaries and mapped onto this timeline.
 *
 * @param segmentSeconds every segment's duration, in order
 * @param startTicks     the first fragment's timestamp in 90 kHz units
 */
record StoredVideoTimeline(List<Double> segmentSeconds, long startTicks) {

    private static final int BOX_HEAD_BYTES = 256 * 1024;

    static StoredVideoTimeline read(MediaStore store, BlobLayout layout, Upload upload) {
        String master = HlsPlaylist.text(store, hls(layout, upload, "master.m3u8"));
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
        HlsPlaylist playlist = HlsPlaylist.stored(store, hls(layout, upload, variant));
        if (playlist.segmentFiles().isEmpty()) {
            throw new IllegalStateException("the variant " + variant + " of upload " + upload.id()
                    + " has no media segment");
        }
        long startTicks = Fmp4Start.ticks(
                        store.readHead(hls(layout, upload, folder + playlist.initFile()), BOX_HEAD_BYTES),
                        store.readHead(hls(layout, upload, folder + playlist.segmentFiles().get(0)), BOX_HEAD_BYTES))
                .orElseThrow(() -> new IllegalStateException("no tfdt in the first segment of upload " + upload.id()));
        return new StoredVideoTimeline(playlist.segmentSeconds(), startTicks);
    }

    private static BlobRef hls(BlobLayout layout, Upload upload, String path) {
        return layout.library(upload.tenantId(), upload.id(), "hls/" + path);
    }
}
