package com.contoso.media.transcoding;

/**
 * One stretch of the source timeline, encoded on its own. {@code frames} is how many frames it holds when the
 * frame rate is known (0 otherwise), so consecutive chunks neither share nor skip a frame; the last chunk runs to
 * the end of the source whatever the probe said. {@code firstSegment} numbers its first HLS segment, so every
 * chunk's segments get their final names where they are made.
 */
public record Chunk(int index, double startSeconds, double durationSeconds, long frames, int firstSegment,
                   boolean last) {
}
