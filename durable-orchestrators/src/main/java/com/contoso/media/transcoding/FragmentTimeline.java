package com.contoso.media.transcoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    /** The media timescale of the (first) track of an init segment: its {@code mdhd}. */
    static long mediaTimescale(Path init) {
        try (FileChannel file = FileChannel.open(init)) {
            return Mp4Boxes.mediaTimescale(file.map(FileChannel.MapMode.READ_ONLY, 0, file.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code seconds} to every fragment's decode time and to the segment index's presentation time. */
    static void shift(Path segment, double seconds, long mediaTimescale) {
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = file.map(FileChannel.MapMode.READ_WRITE, 0, file.size());
            for (int at = 0; at + 8 <= bytes.limit(); at += Mp4Boxes.boxSize(bytes, at)) {
                switch (Mp4Boxes.type(bytes, at)) {
                    case "sidx" -> shiftSidx(bytes, at, seconds);
                    case "moof" -> {
                        for (int traf : Mp4Boxes.children(bytes, at, "traf")) {
                            int tfdt = Mp4Boxes.find(bytes, traf + 8, traf + Mp4Boxes.boxSize(bytes, traf), "tfdt");
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
}
