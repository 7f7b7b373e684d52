package com.contoso.media.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.contoso.media.ffmpeg.FfmpegBinary;

/** Test files made on the fly (no binaries in the repository): real media comes from the shipped ffmpeg. */
public final class TestMedia {

    private TestMedia() {
    }

    /** The app's own bundled ffmpeg makes the test media, as the app would read it. */
    private static final String ENCODER = FfmpegBinary.resolve(Optional.empty()).path().toString();
    /**
     * A player stands in for a viewer's: it follows playlists to segment URLs on {@code localhost}, which the bundled
     * static build cannot resolve (it crashes on any host name), so Debian's ffmpeg plays ({@code .ci/run} installs it).
     */
    private static final String PLAYER = player();

    private static String player() {
        Path debian = Path.of(Optional.ofNullable(System.getenv("TEST_PLAYER_FFMPEG")).orElse("/usr/bin/ffmpeg"));
        if (!Files.isExecutable(debian)) {
            throw new IllegalStateException(debian + " is missing: the e2e suites play HLS from localhost URLs with a"
                    + " dynamically linked ffmpeg (apt-get install ffmpeg), which .ci/run installs");
        }
        return debian.toString();
    }

    static byte[] png() {
        byte[] bytes = new byte[4096];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        Arrays.fill(bytes, signature.length, bytes.length, (byte) 7);
        return bytes;
    }

    /** A real, decodable PNG (one testsrc2 frame), for what a browser must display. */
    static byte[] picture(String size) {
        try {
            Path file = Files.createTempFile("e2e-", ".png");
            run(List.of(ENCODER, "-y", "-loglevel", "error",
                    "-f", "lavfi", "-i", "testsrc2=size=" + size, "-frames:v", "1", file.toString()));
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        for (int i = header.length; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    /**
     * An mp4 whose index (moov, moved to the front) is intact but whose media data is cut off after its first
     * kilobyte: a probe reads it fine, decoding it cannot work.
     */
    static byte[] mp4WithoutMedia() {
        byte[] mp4 = mp4(2, "320x240", "+faststart");
        int offset = 0;
        while (offset + 8 <= mp4.length) {
            long size = ((mp4[offset] & 0xFFL) << 24) | ((mp4[offset + 1] & 0xFFL) << 16)
                    | ((mp4[offset + 2] & 0xFFL) << 8) | (mp4[offset + 3] & 0xFFL);
            String type = new String(mp4, offset + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("mdat")) {
                return Arrays.copyOf(mp4, offset + 8 + 1024);
            }
            offset += (int) size;
        }
        throw new IllegalStateException("no mdat box");
    }

    /** A short mp4 (testsrc2 video + sine audio), encoded by the same ffmpeg the app ships. */
    public static byte[] mp4(int seconds, String size) {
        return mp4(seconds, size, "+default_base_moof");
    }

    /** {@code blackSeconds} of black, then a moving picture, {@code seconds} in all, with sound. */
    static byte[] mp4WithBlackLeadIn(int blackSeconds, int seconds, String size) {
        return encode(List.of("-f", "lavfi", "-i", "color=black:size=" + size + ":rate=25:duration=" + blackSeconds,
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25:duration=" + (seconds - blackSeconds),
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"));
    }

    /** A short mp4 with a picture and no sound at all (no audio track). */
    static byte[] silentMp4(int seconds, String size) {
        return encode(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25", "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    }

    private static byte[] mp4(int seconds, String size, String movflags) {
        return encode(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-movflags", movflags));
    }

    private static byte[] encode(List<String> arguments) {
        try {
            Path file = Files.createTempFile("e2e-", ".mp4");
            List<String> command = new ArrayList<>(List.of(ENCODER, "-y",
                    "-loglevel", "error"));
            command.addAll(arguments);
            command.add(file.toString());
            run(command);
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a player gets from a stream: ffmpeg decodes every frame and reports duration and picture size. */
    record Decoded(double durationSeconds, int width, int height) {
    }

    static Decoded decode(String url) {
        try {
            String log = run(List.of(PLAYER, "-hide_banner", "-i", url,
                    "-map", "0:v:0", "-f", "null", "-"));
            Matcher duration = Pattern.compile("Duration: (\\d+):(\\d+):(\\d+\\.\\d+)").matcher(log);
            Matcher size = Pattern.compile("Video: .*?, (\\d{2,5})x(\\d{2,5})").matcher(log);
            if (!duration.find() || !size.find()) {
                throw new IllegalStateException("ffmpeg reported no duration or size: " + log);
            }
            double seconds = Integer.parseInt(duration.group(1)) * 3600 + Integer.parseInt(duration.group(2)) * 60
                    + Double.parseDouble(duration.group(3));
            return new Decoded(seconds, Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The container's duration as ffmpeg reads it, decoding the first audio stream to the end. */
    static double audioSeconds(String url) {
        try {
            String log = run(List.of(PLAYER, "-hide_banner", "-i", url, "-map", "0:a:0", "-f", "null", "-"));
            Matcher duration = Pattern.compile("Duration: (\\d+):(\\d+):(\\d+\\.\\d+)").matcher(log);
            if (!duration.find() || !log.contains("Audio:")) {
                throw new IllegalStateException("ffmpeg found no audio with a duration: " + log);
            }
            return Integer.parseInt(duration.group(1)) * 3600 + Integer.parseInt(duration.group(2)) * 60
                    + Double.parseDouble(duration.group(3));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every decoded frame's presentation time in seconds, as a player would show them: ffmpeg reads the playlist,
     * its init segment and every media segment through the URLs the API signed.
     */
    static List<Double> frameTimes(String url) {
        return shownFrames(url, "null");
    }

    /** The times of the frames that come out of {@code filter}. */
    private static List<Double> shownFrames(String url, String filter) {
        try {
            String log = run(List.of(PLAYER, "-hide_banner", "-i", url,
                    "-map", "0:v:0", "-vf", filter + ",showinfo", "-f", "null", "-"));
            List<Double> times = new ArrayList<>();
            Matcher frame = Pattern.compile("n: *\\d+ pts: *-?\\d+ +pts_time:(-?[0-9.]+)").matcher(log);
            while (frame.find()) {
                times.add(Double.parseDouble(frame.group(1)));
            }
            return times;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What ffmpeg complains about while decoding every stream of the playlist (empty: played cleanly). */
    static String decodeErrors(String url) {
        try {
            return run(List.of(PLAYER, "-hide_banner", "-v", "error",
                    "-i", url, "-map", "0", "-f", "null", "-")).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The playlist's first subtitles rendition as ffmpeg reads it, written back out as one WebVTT file: proof that a
     * player's demuxer finds the track in the master playlist and decodes its segments. ffmpeg's HLS demuxer reads
     * subtitles renditions only when told to accept experimental features (it warns "Can't support the subtitle"
     * otherwise and skips them).
     */
    static String subtitles(String url) {
        try {
            Path vtt = Files.createTempFile("e2e-subtitles-", ".vtt");
            try {
                run(List.of(PLAYER, "-hide_banner", "-y", "-strict", "experimental", "-i", url, "-map", "0:s:0",
                        "-c:s", "webvtt",
                        vtt.toString()));
                return Files.readString(vtt, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(vtt);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many frames are repeats of the one before (the source moves every frame, so none should be). */
    static int repeatedFrames(String url) {
        return frameTimes(url).size() - shownFrames(url, "mpdecimate").size();
    }

    /** The audio's near-silent runs (below -40 dB for 5 ms or more), as {start, end} in seconds. */
    static List<double[]> silences(String url) {
        try {
            String log = run(List.of(PLAYER, "-hide_banner", "-i", url,
                    "-map", "0:a:0", "-af", "silencedetect=n=-40dB:d=0.005", "-f", "null", "-"));
            List<double[]> runs = new ArrayList<>();
            Matcher start = Pattern.compile("silence_start: (-?[0-9.]+)").matcher(log);
            Matcher end = Pattern.compile("silence_end: (-?[0-9.]+)").matcher(log);
            while (start.find()) {
                runs.add(new double[] {Double.parseDouble(start.group(1)),
                        end.find() ? Double.parseDouble(end.group(1)) : Double.POSITIVE_INFINITY});
            }
            return runs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs ffmpeg for at most 60 s; its output goes to a file, so a hung run cannot block the read. */
    private static String run(List<String> command) throws IOException {
        Path log = Files.createTempFile("e2e-ffmpeg-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed" + (finished ? "" : " (killed after 60 s)") + ": " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * The mp4 with its movie, track and media headers (version 0) rewritten to claim {@code seconds}: what a
     * hostile client does to a small file to buy hours of encoding.
     */
    static byte[] claimingSeconds(byte[] mp4, long seconds) {
        byte[] patched = mp4.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched);
        for (int i = 4; i + 32 < patched.length; i++) {
            String box = new String(patched, i, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (patched[i + 4] != 0) {
                continue;
            }
            switch (box) {
                case "mvhd", "mdhd" -> buffer.putInt(i + 20, (int) (buffer.getInt(i + 16) * seconds));
                case "tkhd" -> buffer.putInt(i + 24, (int) (movieTimescale(buffer, patched) * seconds));
                default -> { }
            }
        }
        return patched;
    }

    private static long movieTimescale(ByteBuffer buffer, byte[] mp4) {
        for (int i = 4; i + 20 < mp4.length; i++) {
            if (mp4[i] == 'm' && mp4[i + 1] == 'v' && mp4[i + 2] == 'h' && mp4[i + 3] == 'd') {
                return buffer.getInt(i + 16);
            }
        }
        throw new IllegalArgumentException("no mvhd");
    }
}
