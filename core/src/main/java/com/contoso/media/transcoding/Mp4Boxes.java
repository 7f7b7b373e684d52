package com.contoso.media.transcoding;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the boxes of an ISO BMFF (MP4) file as ffmpeg writes fMP4 HLS: a box is a 32-bit size and a 4-letter type,
 * containers hold boxes. Offsets are of the box's start (its size field). Sizes 0 (to the end) and 1 (64-bit) are
 * never written by ffmpeg's init segments and fragments; a box that does not fit is damage and is refused.
 */
public final class Mp4Boxes {

    private Mp4Boxes() {
    }

    /**
     * The offset of the box at the end of {@code path}, searched from {@code from} to {@code to}.
     *
     * @throws IllegalArgumentException when a box on the path is missing or damaged
     */
    public static int find(ByteBuffer bytes, int from, int to, String... path) {
        int at = from;
        int end = to;
        for (String wanted : path) {
            at = first(bytes, at, end, wanted);
            end = at + boxSize(bytes, at);
            at += 8;
        }
        return at - 8;
    }

    /** The offsets of the boxes of type {@code wanted} directly inside the box at {@code parent}. */
    public static List<Integer> children(ByteBuffer bytes, int parent, String wanted) {
        List<Integer> found = new ArrayList<>();
        int end = parent + boxSize(bytes, parent);
        for (int at = parent + 8; at + 8 <= end; at += boxSize(bytes, at)) {
            if (type(bytes, at).equals(wanted)) {
                found.add(at);
            }
        }
        return found;
    }

    /** The media timescale of an init segment's (first) track: its {@code mdhd} (ISO/IEC 14496-12 §8.4.2). */
    public static long mediaTimescale(ByteBuffer init) {
        int mdhd = find(init, 0, init.limit(), "moov", "trak", "mdia", "mdhd");
        // version 1 has 64-bit creation and modification times before the timescale.
        return Integer.toUnsignedLong(init.getInt(mdhd + 8 + (init.get(mdhd + 8) == 1 ? 20 : 12)));
    }

    /**
     * The first fragment's {@code tfdt} (its base media decode time, ISO/IEC 14496-12 §8.8.12), in the track's
     * timescale: where players place it on the timeline.
     */
    public static long baseMediaDecodeTime(ByteBuffer fragment) {
        int tfdt = find(fragment, 0, fragment.limit(), "moof", "traf", "tfdt");
        // version 1 holds it in 64 bits.
        return fragment.get(tfdt + 8) == 1 ? fragment.getLong(tfdt + 12)
                : Integer.toUnsignedLong(fragment.getInt(tfdt + 12));
    }

    /** Whether a (whole, non-fragmented) MP4 holds a track: ffmpeg writes one with none when no packet came. */
    public static boolean hasTrack(ByteBuffer mp4) {
        try {
            return !children(mp4, find(mp4, 0, mp4.limit(), "moov"), "trak").isEmpty();
        } catch (IllegalArgumentException noMovie) {
            return false;
        }
    }

    public static int boxSize(ByteBuffer bytes, int at) {
        long size = Integer.toUnsignedLong(bytes.getInt(at));
        if (size < 8 || at + size > bytes.limit()) {
            throw new IllegalArgumentException("a box of size " + size + " at " + at + " does not fit the file");
        }
        return (int) size;
    }

    public static String type(ByteBuffer bytes, int at) {
        byte[] name = new byte[4];
        bytes.get(at + 4, name);
        return new String(name, StandardCharsets.US_ASCII);
    }

    private static int first(ByteBuffer bytes, int from, int to, String wanted) {
        for (int at = from; at + 8 <= to; at += boxSize(bytes, at)) {
            if (type(bytes, at).equals(wanted)) {
                return at;
            }
        }
        throw new IllegalArgumentException("no " + wanted + " box where one is expected");
    }
}
