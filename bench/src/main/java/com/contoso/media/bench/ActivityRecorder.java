package com.contoso.media.bench;

import com.contoso.media.config.Settings;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.FfmpegMediaProbe;
import com.contoso.media.json.Json;
import com.contoso.media.transcoding.AudioStretch;
import com.contoso.media.transcoding.Chunk;
import com.contoso.media.transcoding.HlsCommand;
import com.contoso.media.transcoding.HlsPlaylist;
import com.contoso.media.transcoding.LadderPlanner;
import com.contoso.media.transcoding.Rung;
import com.contoso.media.transcoding.Storyboard;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.uploads.MediaInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records how long each activity kind takes on this machine, in the mode Azure runs ({@code per-rung}: one ffmpeg run
 * per chunk and rung), for the replay simulator: {@code bench/run.sh record} writes
 * {@code bench/recordings/activity-seconds.json}. Sources are generated 1080p and 720p, 30 fps, with a tone; each
 * ffmpeg run gets one thread, as each of the two activities an instance of 2 vCPU runs at once would
 * ({@code FFMPEG_THREADS} = cores ÷ {@code FFMPEG_CONCURRENT_RUNS}). What it records: each rung's chunk encode at two
 * chunk lengths, an audio stretch at two lengths (both of its steps), the probe, a still, and the storyboard both
 * ways over a 360p rendition. Every figure is the median of three runs.
 */
public final class ActivityRecorder {

    public static final Path RECORDING = Path.of("recordings", "activity-seconds.json");
    private static final int SOURCE_SECONDS = 40;
    private static final int SEGMENT_SECONDS = 4;
    private static final int[] CHUNK_SECONDS = {10, 20};
    private static final int RUNS = 3;
    /** Audio stretch lengths recorded: points of the 8 s seam grid at 4 s segments. */
    private static final int[] AUDIO_STRETCHES = {8, 24};

    private final Ffmpeg ffmpeg = Ffmpeg.fromSettings(new Settings(Map.of()), Duration.ofMinutes(30));

    /** What the simulator reads: seconds of work per second of media, by kind. */
    public record Recording(String machine, String date, String command, int threads,
                     Map<String, Double> encodeSecondsPerMediaSecond, Map<String, Double> audioStretchSeconds,
                     double probeSeconds, double thumbnailsSeconds, double storyboardSecondsPerMediaSecond,
                     double storyboardTileSeconds) {

        /**
         * One stretch of audio of {@code seconds}: on the line through the two recorded lengths (a fixed start-up
         * plus a cost per second of sound).
         */
        public double audioStretch(double seconds) {
            double shortest = audioStretchSeconds.get(stretchKey(AUDIO_STRETCHES[0]));
            double longest = audioStretchSeconds.get(stretchKey(AUDIO_STRETCHES[1]));
            double perSecond = (longest - shortest) / (AUDIO_STRETCHES[1] - AUDIO_STRETCHES[0]);
            return Math.max(0, shortest + perSecond * (seconds - AUDIO_STRETCHES[0]));
        }

        /** The recording committed under {@code benchDir} (the repository's {@code bench/}). */
        public static Recording load(Path benchDir) throws IOException {
            return Json.read(Files.readString(benchDir.resolve(RECORDING)), Recording.class);
        }
    }

    void run(Path benchDir) throws IOException {
        Path dir = Files.createTempDirectory("record");
        Map<String, Double> encode = new LinkedHashMap<>();
        Map<String, Double> audio = new LinkedHashMap<>();
        double probe = 0;
        double thumbnails = 0;
        double[] storyboard = new double[2];
        for (String size : List.of("1920x1080", "1280x720")) {
            Path source = dir.resolve("source-" + size + ".mp4");
            ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30", "-f", "lavfi", "-i",
                    "sine=frequency=440", "-t", String.valueOf(SOURCE_SECONDS), "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", source.toString()));
            int height = Integer.parseInt(size.split("x")[1]);
            MediaInfo media = new MediaInfo(SOURCE_SECONDS, Integer.parseInt(size.split("x")[0]), height, 30, true, 0);
            probe = median(() -> new FfmpegMediaProbe(null, ffmpeg).probeUrl(source.toUri().toString()));
            for (Rung rung : LadderPlanner.plan(media, TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER))) {
                for (int chunkSeconds : CHUNK_SECONDS) {
                    Chunk chunk = new Chunk(1, chunkSeconds, chunkSeconds, chunkSeconds * 30L, chunkSeconds
                            / SEGMENT_SECONDS, false);
                    Path out = Files.createDirectories(dir.resolve(rung.name() + "-" + chunkSeconds));
                    double seconds = median(() -> ffmpeg.run(HlsCommand.forChunk(source.toString(), chunk,
                            List.of(out), List.of(rung), SEGMENT_SECONDS, 1)));
                    encode.put(key(height, rung.height(), chunkSeconds), seconds / chunkSeconds);
                    System.out.printf("%dp source, %s rung, %d s chunk: %.2f s%n", height, rung.name(),
                            chunkSeconds, seconds);
                }
            }
            for (int stretchSeconds : AUDIO_STRETCHES) {
                AudioStretch stretch = new AudioStretch(1, 8, stretchSeconds, 2, false);
                Path part = dir.resolve("audio-" + height + "-" + stretchSeconds + ".mp4");
                Path out = Files.createDirectories(dir.resolve("audio-" + height + "-" + stretchSeconds));
                audio.put(stretchKey(stretchSeconds), median(() -> {
                    ffmpeg.run(HlsCommand.forAudioStretch(source.toString(), stretch, part, 1));
                    ffmpeg.run(HlsCommand.forAudioSegments(part, stretch, out, SEGMENT_SECONDS));
                }));
            }
            if (height == 720) {
                storyboard = storyboard(dir.resolve("360p-" + CHUNK_SECONDS[1]), dir);
            }
            Path still = dir.resolve("still-" + height + ".jpg");
            thumbnails = median(() -> ffmpeg.run(List.of("-ss", "10", "-i", source.toString(), "-frames:v", "1",
                    "-y", still.toString())));
        }
        Recording recording = new Recording(System.getProperty("os.name") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores", LocalDate.now().toString(),
                "bench/run.sh record", 1, encode, audio, probe, thumbnails, storyboard[0], storyboard[1]);
        Files.writeString(benchDir.resolve(RECORDING), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(recording) + "\n");
        System.out.println("wrote " + benchDir.resolve(RECORDING));
    }

    /**
     * The storyboard's two ways over a 360p rendition (one recorded chunk of it): the whole decoded into tiles, per
     * second of media; and one tile from a segment's first frame, as a long video's storyboard makes each.
     */
    private double[] storyboard(Path rendition, Path dir) throws IOException {
        HlsPlaylist playlist = HlsPlaylist.read(rendition.resolve("index.m3u8"));
        Path whole = dir.resolve("storyboard-whole.mp4");
        Path first = dir.resolve("storyboard-segment.mp4");
        try (OutputStream all = Files.newOutputStream(whole); OutputStream one = Files.newOutputStream(first)) {
            Files.copy(rendition.resolve(playlist.initFile()), all);
            Files.copy(rendition.resolve(playlist.initFile()), one);
            Files.copy(rendition.resolve(playlist.segmentFiles().get(0)), one);
            for (String segment : playlist.segmentFiles()) {
                Files.copy(rendition.resolve(segment), all);
            }
        }
        double seconds = playlist.segmentSeconds().stream().mapToDouble(Double::doubleValue).sum();
        Storyboard board = Storyboard.of(seconds, 640, 360, SEGMENT_SECONDS);
        double decoded = median(() -> ffmpeg.run(List.of("-y", "-i", whole.toString(), "-an", "-vf", board.filter(),
                "-q:v", "5", dir.resolve("sprite-%03d.jpg").toString())));
        double tile = median(() -> ffmpeg.run(List.of("-y", "-i", first.toString(), "-an", "-frames:v", "1", "-vf",
                board.tileScale(), "-q:v", "2", dir.resolve("tile.jpg").toString())));
        System.out.printf("storyboard: %.3f s per second of 360p decoded whole, %.3f s a tile%n", decoded / seconds,
                tile);
        return new double[] {decoded / seconds, tile};
    }

    private static String stretchKey(int seconds) {
        return seconds + "s";
    }

    static String key(int sourceHeight, int rungHeight, int chunkSeconds) {
        return sourceHeight + "p/" + rungHeight + "p/" + chunkSeconds + "s";
    }

    private static double median(Runnable step) {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            step.run();
            runs.add((System.nanoTime() - start) / 1e9);
        }
        runs.sort(Double::compare);
        return runs.get(RUNS / 2);
    }
}
