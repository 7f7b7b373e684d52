package com.contoso.media.captions;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Where a fragmented-MP4 rendition's timeline starts: the first fragment's {@code tfdt} (its base media decode
 * time) over the track's {@code mdhd} timescale (ISO/IEC 14496-12 §8.4.2, §8.8.12). That is the time hls.js takes as
 * the stream's zero. A transcoded video's first fragment is at 0 (the transcoder's timeline offset is an edit list
 * in the init segment, which fragment times do not include), and a clip's wherever its first copied segment lay in
 * its parent, so captions are mapped onto the times the files really carry rather than onto a constant.
 */
final class Fmp4Start {

    private static final List<String> INIT_PATH = List.of("moov", "trak", "mdia", "mdhd");
    private static final List<String> FRAGMENT_PATH = List.of("moof", "traf", "tfdt");

    private Fmp4Start() {
    }

    /** The start in 90 kHz ticks, the unit of WebVTT's {@code X-TIMESTAMP-MAP}; empty when the boxes are not there. */
    static Optional<Long> ticks(byte[] initSegment, byte[] firstSegment) {
        Optional<ByteBuffer> mdhd = find(ByteBuffer.wrap(initSegment), INIT_PATH, 0);
        Optional<ByteBuffer> tfdt = find(ByteBuffer.wrap(firstSegment), FRAGMENT_PATH, 0);
        if (mdhd.isEmpty() || tfdt.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer header = mdhd.get();
        int version = header.get(header.position()) & 0xff;
        long timescale = Integer.toUnsignedLong(header.getInt(header.position() + (version == 1 ? 20 : 12)));
        ByteBuffer decode = tfdt.get();
        long base = (decode.get(decode.position()) & 0xff) == 1 ? decode.getLong(decode.position() + 4)
                : Integer.toUnsignedLong(decode.getInt(decode.position() + 4));
        return timescale == 0 ? Optional.empty() : Optional.of(Math.round(base * 90_000.0 / timescale));
    }

    /** The payload of the box at {@code path}, looking inside each container on the way. */
    private static Optional<ByteBuffer> find(ByteBuffer boxes, List<String> path, int depth) {
        ByteBuffer at = boxes.slice();
        while (at.remaining() >= 8) {
            long size = Integer.toUnsignedLong(at.getInt(at.position()));
            String type = new String(new byte[] {at.get(at.position() + 4), at.get(at.position() + 5),
                    at.get(at.position() + 6), at.get(at.position() + 7)}, java.nio.charset.StandardCharsets.US_ASCII);
            int header = 8;
            if (size == 1 && at.remaining() >= 16) {
                size = at.getLong(at.position() + 8);
                header = 16;
            } else if (size == 0) {
                size = at.remaining();
            }
            if (size < header || size > at.remaining()) {
                // Cut short (only the head of a segment is read) or damaged: search what is there.
                size = at.remaining();
            }
            if (type.equals(path.get(depth))) {
                ByteBuffer payload = at.slice(at.position() + header, (int) size - header);
                return depth == path.size() - 1 ? Optional.of(payload) : find(payload, path, depth + 1);
            }
            at.position(at.position() + (int) size);
        }
        return Optional.empty();
    }
}
