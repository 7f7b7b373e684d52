package com.contoso.media.captions;

import com.contoso.media.transcoding.Mp4Boxes;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Where a fragmented-MP4 rendition's timeline starts: the first fragment's {@code tfdt} (its base media decode
 * time) over the track's {@code mdhd} timescale (ISO/IEC 14496-12 §8.4.2, §8.8.12). That is the time hls.js takes as
 * the stream's zero. A transcoded video's first fragment is at 0 (the transcoder's timeline offset is an edit list
 * in the init segment, which fragment times do not include), and a clip's wherever its first copied segment lay in
 * its parent, so captions are mapped onto the times the files really carry rather than onto a constant.
 */
final class Fmp4Start {

    private Fmp4Start() {
    }

    /** The start in 90 kHz ticks, the unit of WebVTT's {@code X-TIMESTAMP-MAP}; empty when the boxes are not there. */
    static Optional<Long> ticks(byte[] initSegment, byte[] firstSegment) {
        try {
            long timescale = Mp4Boxes.mediaTimescale(ByteBuffer.wrap(initSegment));
            long base = Mp4Boxes.baseMediaDecodeTime(ByteBuffer.wrap(firstSegment));
            return timescale == 0 ? Optional.empty() : Optional.of(Math.round(base * 90_000.0 / timescale));
        } catch (IllegalArgumentException | IndexOutOfBoundsException missingOrDamaged) {
            return Optional.empty();
        }
    }
}
