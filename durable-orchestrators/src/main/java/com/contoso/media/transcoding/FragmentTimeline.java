package com.contoso.media.transcoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Puts a chunk's fMP4 segments on the whole video's decode timeline. ffmpeg's HLS muxer starts every encode's
 * {@code tfdt} (the fragment's base media decode time) at zero and carries {@code -output_ts_offset} only in its
 * own init segment's edit list. Chunks share the first chunk's init segment, so without this every chunk would
 * restart at the first chunk's time: ffmpeg 4.4 sums durations and never noticed, but players and ffmpeg 5 and
 * later place a fragment by its {@code tfdt} and drop or overlap whole chunks. The shift is the chunk's start,
 * written into {@code tfdt} and into the {@code sidx} earliest presentation time, in each box's own timescale.
 */
final class FragmentTimeline {

    private FragmentTimeline() {
    }

    /** The media timescale of the (first) track of an init segment: its {@code mdhd}. */
    /** Every segment of what ffmpeg wrote in {@code dir}, moved to start at {@code seconds}. */
    static void shiftAll(Path dir, HlsPlaylist playlist, double seconds) {
        if (seconds <= 0) {
            return;
        }
        long timescale = mediaTimescale(dir.resolve(playlist.initFile()));
        for (String segment : playlist.segmentFiles()) {
            shift(dir.resolve(segment), seconds, timescale);
        }
    }

    static long mediaTimescale(Path init) {
        try (FileChannel file = FileChannel.open(init)) {
            ByteBuffer bytes = file.map(FileChannel.MapMode.READ_ONLY, 0, file.size());
            int mdhd = find(bytes, 0, bytes.limit(), "moov", "trak", "mdia", "mdhd");
            // version 1 has 64-bit creation and modification times before the timescale.
            return Integer.toUnsignedLong(bytes.getInt(mdhd + 8 + (bytes.get(mdhd + 8) == 1 ? 20 : 12)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code seconds} to every fragment's decode time and to the segment index's presentation time. */
    static void shift(Path segment, double seconds, long mediaTimescale) {
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = file.map(FileChannel.MapMode.READ_WRITE, 0, file.size());
            for (int at = 0; at + 8 <= bytes.limit(); at += boxSize(bytes, at)) {
                switch (type(bytes, at)) {
                    case "sidx" -> shiftSidx(bytes, at, seconds);
                    case "moof" -> {
                        for (int traf : children(bytes, at, "traf")) {
                            int tfdt = find(bytes, traf + 8, traf + boxSize(bytes, traf), "tfdt");
                            addTime(bytes, tfdt + 12, bytes.get(tfdt + 8) == 1, ticks(seconds, mediaTimescale));
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void shiftSidx(ByteBuffer bytes, int sidx, double seconds) {
        long timescale = Integer.toUnsignedLong(bytes.getInt(sidx + 16));
        addTime(bytes, sidx + 20, bytes.get(sidx + 8) == 1, ticks(seconds, timescale));
    }

    private static long ticks(double seconds, long timescale) {
        return Math.round(seconds * timescale);
    }

    private static void addTime(ByteBuffer bytes, int at, boolean wide, long ticks) {
        if (wide) {
            bytes.putLong(at, bytes.getLong(at) + ticks);
        } else {
            long shifted = Integer.toUnsignedLong(bytes.getInt(at)) + ticks;
            if (shifted > 0xFFFF_FFFFL) {
                throw new IllegalStateException("a 32-bit fragment time cannot hold " + shifted);
            }
            bytes.putInt(at, (int) shifted);
        }
    }

    /** The offset of the box at the end of {@code path}, searched from {@code from} to {@code to}. */
    private static int find(ByteBuffer bytes, int from, int to, String... path) {
        int at = from;
        int end = to;
        for (String wanted : path) {
            at = first(bytes, at, end, wanted);
            end = at + boxSize(bytes, at);
            at += 8;
        }
        return at - 8;
    }

    private static int first(ByteBuffer bytes, int from, int to, String wanted) {
        for (int at = from; at + 8 <= to; at += boxSize(bytes, at)) {
            if (type(bytes, at).equals(wanted)) {
                return at;
            }
        }
        throw new IllegalArgumentException("no " + wanted + " box where one is expected");
    }

    private static java.util.List<Integer> children(ByteBuffer bytes, int parent, String wanted) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        int end = parent + boxSize(bytes, parent);
        for (int at = parent + 8; at + 8 <= end; at += boxSize(bytes, at)) {
            if (type(bytes, at).equals(wanted)) {
                found.add(at);
            }
        }
        return found;
    }

    private static int boxSize(ByteBuffer bytes, int at) {
        long size = Integer.toUnsignedLong(bytes.getInt(at));
        if (size < 8 || at + size > bytes.limit()) {
            // Sizes 0 (to the end) and 1 (64-bit) are never written by ffmpeg's fragments; anything else is damage.
            throw new IllegalArgumentException("a box of size " + size + " at " + at + " does not fit the file");
        }
        return (int) size;
    }

    private static String type(ByteBuffer bytes, int at) {
        byte[] name = new byte[4];
        bytes.get(at + 4, name);
        return new String(name, StandardCharsets.US_ASCII);
    }
}
