package com.contoso.media.transcoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the audio into stretches, one beside each chunk of video, so that no audio encode grows with the video's
 * length. Pure and deterministic, so the orchestrator may call it.
 *
 * <p>A stretch starts on the first point of the <em>seam grid</em> at or after its chunk's start. Grid points are a
 * whole number of HLS segments and of {@value #GRID_FRAMES} AAC frames (0.32 s at 48 kHz) from the start:
 * <ul>
 *   <li>0.32 s is a whole number of samples at every common source rate (8 to 96 kHz), so where one encode stops
 *   and the next starts is the same sample for the resampler and the encoder alike;</li>
 *   <li>a whole number of frames means the stretch's frames are the ones a single pass would have made, so the
 *   decoder's overlap-add joins the two encodes without a gap or a click;</li>
 *   <li>a whole number of segments means no stretch ends in a runt segment.</li>
 * </ul>
 * At 4 s segments the grid is every 8 s. A stretch's audio ends at or after its chunk's video, so the preview never
 * lacks sound for a picture it lists. A chunk shorter than the grid step may get no stretch (its neighbour's covers
 * it); the last stretch runs to the end of the source. A video in one chunk has one stretch: the whole file.
 */
public final class AudioPlanner {

    /** The output rate, and the grid step in AAC frames of 1024 samples at it. */
    static final int SAMPLE_RATE = 48_000;
    static final int GRID_FRAMES = 15;
    private static final int FRAME_SAMPLES = 1024;
    private static final int GRID_SAMPLES = GRID_FRAMES * FRAME_SAMPLES;
    /** One AAC frame, in seconds: every stretch and clip piece starts a whole number of them in. */
    static final double FRAME_SECONDS = (double) FRAME_SAMPLES / SAMPLE_RATE;
    /** One step of the seam grid (0.32 s): also each stretch's pre-roll. */
    static final double GRID_SECONDS = (double) GRID_SAMPLES / SAMPLE_RATE;

    private AudioPlanner() {
    }

    /** One stretch per chunk that gets one, in timeline order. */
    public static List<AudioStretch> plan(List<Chunk> chunks, double durationSeconds, int segmentSeconds) {
        int gridSegments = gridSegments(segmentSeconds);
        // Each chunk's first grid point, or -1 when it has none of its own (its neighbour's stretch covers it).
        List<Integer> starts = new ArrayList<>();
        int previous = -1;
        for (Chunk chunk : chunks) {
            int start = ceilTo(chunk.firstSegment(), gridSegments);
            boolean pastTheEnd = (double) start * segmentSeconds >= durationSeconds;
            boolean own = start != previous && !pastTheEnd;
            starts.add(own ? start : -1);
            previous = own ? start : previous;
        }
        // The last stretch that has audio runs to the end; those that would start past it are none.
        int lastWithAudio = 0;
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) >= 0) {
                lastWithAudio = i;
            }
        }
        List<AudioStretch> stretches = new ArrayList<>();
        for (int i = 0; i <= lastWithAudio; i++) {
            int start = starts.get(i);
            if (start < 0) {
                continue;
            }
            boolean last = i == lastWithAudio;
            int end = last ? start : nextStart(starts, i);
            stretches.add(new AudioStretch(chunks.get(i).index(), (double) start * segmentSeconds,
                    last ? 0 : (double) (end - start) * segmentSeconds, start, last));
        }
        return stretches;
    }

    /** How many segments make one step of the seam grid: the least that is also a whole number of grid frames. */
    static int gridSegments(int segmentSeconds) {
        long samples = (long) segmentSeconds * SAMPLE_RATE;
        int segments = 1;
        while (samples * segments % GRID_SAMPLES != 0) {
            segments++;
        }
        return segments;
    }

    private static int nextStart(List<Integer> starts, int from) {
        for (int i = from + 1; i < starts.size(); i++) {
            if (starts.get(i) >= 0) {
                return starts.get(i);
            }
        }
        throw new IllegalStateException("a stretch before the last has no successor");
    }

    private static int ceilTo(int value, int step) {
        return (value + step - 1) / step * step;
    }
}
