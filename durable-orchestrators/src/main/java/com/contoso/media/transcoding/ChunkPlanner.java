package com.contoso.media.transcoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the source timeline into chunks. Pure and deterministic, so the orchestrator may call it. A chunk is a
 * whole number of HLS segments long, so segments never straddle two chunks and every chunk starts on a keyframe
 * every rung shares; its start is a frame's time, so the cut is exact. The whole video as one chunk is the
 * single-pass encode.
 */
public final class ChunkPlanner {

    private ChunkPlanner() {
    }

    /** Chunks of about {@code chunkSeconds}, rounded up to whole segments. */
    public static List<Chunk> plan(double durationSeconds, double frameRate, int segmentSeconds, int chunkSeconds) {
        int segmentsPerChunk = Math.max(1, (chunkSeconds + segmentSeconds - 1) / segmentSeconds);
        double length = (double) segmentsPerChunk * segmentSeconds;
        // A last chunk shorter than a segment joins the one before it rather than being encoded alone.
        int count = durationSeconds <= length ? 1 : (int) Math.floor((durationSeconds - segmentSeconds) / length) + 1;
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            long firstFrame = frameAt(i * length, frameRate);
            long endFrame = last ? frameAt(durationSeconds, frameRate) : frameAt((i + 1) * length, frameRate);
            double start = frameRate > 0 ? firstFrame / frameRate : i * length;
            double end = last ? durationSeconds : frameRate > 0 ? endFrame / frameRate : (i + 1) * length;
            chunks.add(new Chunk(i, start, end - start, frameRate > 0 ? endFrame - firstFrame : 0,
                    i * segmentsPerChunk, last));
        }
        return chunks;
    }

    private static long frameAt(double seconds, double frameRate) {
        return frameRate > 0 ? Math.round(seconds * frameRate) : 0;
    }
}
