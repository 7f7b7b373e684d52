package com.contoso.media.transcoding;

/**
 * How far a transcode has got, as the status endpoint and the list show it. The orchestration writes it onto the
 * upload record as work completes, so reading it costs no call to the Durable backend. {@code etaSeconds} is
 * -1 until a first chunk has finished; {@code previewReady} tells that the growing preview playlist exists.
 */
public record TranscodeProgress(String stage, int renditionsDone, int renditionsTotal, int percent, int chunksDone,
                                int chunksTotal, int etaSeconds, boolean previewReady) {

    public static final int UNKNOWN_ETA = -1;

    /** Whether this is newer news than {@code other}: progress only moves forward, whatever order writes land in. */
    public boolean isAheadOf(TranscodeProgress other) {
        return percent > other.percent || percent == other.percent
                && (chunksDone > other.chunksDone || previewReady && !other.previewReady);
    }
}
