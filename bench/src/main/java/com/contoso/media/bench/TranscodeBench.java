package com.contoso.media.bench;

import com.contoso.media.config.Settings;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.FfmpegMediaProbe;
import com.contoso.media.transcoding.Chunk;
import com.contoso.media.transcoding.AudioPlanner;
import com.contoso.media.transcoding.AudioStretch;
import com.contoso.media.transcoding.ChunkPlanner;
import com.contoso.media.transcoding.HlsCommand;
import com.contoso.media.transcoding.LadderPlanner;
import com.contoso.media.transcoding.Rung;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.uploads.MediaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chunked against one-pass encoding of generated 720p sources (1, 5 and 20 minutes; {@code BENCH_TRANSCODE_MINUTES}
 * picks others), side by side in one run, with the very commands the activities run:
 * <ul>
 *   <li>one pass: the whole ladder from one decode of the whole file (the path before chunking), the audio in one
 *       stretch beside;</li>
 *   <li>chunked: 20 s chunks, each one decode feeding every rung (the local runtime's mode), on as many workers as
 *       there are cores, each chunk's audio stretch beside it.</li>
 * </ul>
 * It prints the wall-time ratio (goal ≤ 1.10 on 2 cores), the longest single activity against one chunk's encode
 * time (goal ≤ 2×, whatever the length), the time until the preview can start (first chunk and audio done), and the
 * wall time replayed from the recorded activity durations on P = 10 and P = 100 instances (goal for 20 minutes at
 * P = 100: under 10 % of the video's length). Then one chunk and its audio again, each alone on the idle machine,
 * as an instance of its own would run them. The 1-minute source also goes through the TranscodeVideo orchestration
 * on the local runtime (PUT done → Succeeded) twice, as one chunk and in 20 s chunks, with the time to its preview.
 */
final class TranscodeBench {

    private static final int SEGMENT_SECONDS = 4;
    private static final int CHUNK_SECONDS = 20;

    private final LocalRuntimeProcess runtime;
    private final Ffmpeg ffmpeg = Ffmpeg.fromSettings(new Settings(Map.of()), Duration.ofMinutes(60));
    private final int workers = Runtime.getRuntime().availableProcessors();

    TranscodeBench(LocalRuntimeProcess runtime) {
        this.runtime = runtime;
    }

    /** One activity as it ran: what it was and when it started and ended, in seconds from the run's start. */
    private record Activity(String name, double start, double end) {
        double seconds() {
            return end - start;
        }
    }

    void run() throws Exception {
        Path dir = Files.createTempDirectory("transcode-bench");
        String lengths = Optional.ofNullable(System.getenv("BENCH_TRANSCODE_MINUTES")).orElse("1,5,20");
        System.out.printf("transcode 720p sources, %d s chunks, %d workers on %d cores%n", CHUNK_SECONDS, workers,
                workers);
        System.out.println("minutes | one pass s | chunked s | chunked/one-pass | longest activity s (x one chunk)"
                + " | first preview s | P=10 s | P=100 s (% of video)");
        for (String minutes : lengths.split(",")) {
            int seconds = Integer.parseInt(minutes.trim()) * 60;
            Path source = generate(dir, seconds);
            MediaInfo media = new FfmpegMediaProbe(null, ffmpeg).probeUrl(source.toUri().toString());
            List<Rung> rungs = LadderPlanner.plan(media, TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER));

            List<Activity> onePass = encode(source, media, rungs, ChunkPlanner.plan(media.durationSeconds(),
                    media.frameRate(), SEGMENT_SECONDS, seconds + SEGMENT_SECONDS), dir.resolve("one-pass-" + seconds));
            List<Chunk> chunks = ChunkPlanner.plan(media.durationSeconds(), media.frameRate(), SEGMENT_SECONDS,
                    CHUNK_SECONDS);
            List<Activity> chunked = encode(source, media, rungs, chunks, dir.resolve("chunked-" + seconds));
            report(seconds, wall(onePass), chunked);
            alone(source, media, rungs, chunks, dir.resolve("alone-" + seconds));
            if (seconds == 60) {
                Orchestrated whole = orchestration(source, seconds + SEGMENT_SECONDS);
                Orchestrated inChunks = orchestration(source, CHUNK_SECONDS);
                System.out.printf("  through the TranscodeVideo orchestration on the local runtime (PUT -> Succeeded):"
                        + " one chunk %.1f s, %d s chunks %.1f s: %.2fx (goal <= 1.10); first preview after %.1f s%n",
                        whole.seconds(), CHUNK_SECONDS, inChunks.seconds(), inChunks.seconds() / whole.seconds(),
                        inChunks.firstPreview());
            }
            Files.delete(source);
        }
        System.out.println("P=10 and P=100 replay the recorded activity durations, measured two at a time on this"
                + " machine (slower than one per instance), with no dispatch overhead.");
    }

    private void report(int seconds, double onePass, List<Activity> chunked) {
        double[] chunks = chunked.stream().filter(a -> a.name().startsWith("chunk"))
                .mapToDouble(Activity::seconds).sorted().toArray();
        double median = chunks[chunks.length / 2];
        Activity longest = chunked.stream().max((a, b) -> Double.compare(a.seconds(), b.seconds())).orElseThrow();
        double firstPreview = chunked.stream().filter(a -> a.name().equals("chunk 0") || a.name().equals("audio 0"))
                .mapToDouble(Activity::end).max().orElseThrow();
        double p100 = replay(chunked, 100);
        System.out.printf("%7d | %10.1f | %9.1f | %16.2f | %7.1f %s (%.2fx) | %15.1f | %6.1f | %7.1f (%.1f %%)%n",
                seconds / 60, onePass, wall(chunked), wall(chunked) / onePass, longest.seconds(), longest.name(),
                longest.seconds() / median, firstPreview, replay(chunked, 10), p100, 100 * p100 / seconds);
    }

    /**
     * A middle chunk's audio stretch and video each on an otherwise idle machine, one after the other: what each
     * takes with an instance to itself, as on Flex Consumption, rather than sharing two cores with everything else.
     */
    private void alone(Path source, MediaInfo media, List<Rung> rungs, List<Chunk> chunks, Path out) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (Rung rung : rungs) {
            dirs.add(Files.createDirectories(out.resolve(rung.name())));
        }
        Chunk middle = chunks.get(chunks.size() / 2);
        AudioStretch stretch = AudioPlanner.plan(chunks, media.durationSeconds(), SEGMENT_SECONDS).stream()
                .filter(s -> s.chunk() >= middle.index()).findFirst().orElseThrow();
        double audioSeconds = seconds(() -> audio(source, stretch, out.resolve("audio")));
        double chunkSeconds = seconds(() -> ffmpeg.run(HlsCommand.forChunk(source.toString(), middle, dirs, rungs,
                SEGMENT_SECONDS, ffmpeg.threads())));
        System.out.printf("        each alone: audio stretch %d %.2f s, chunk %d %.1f s: audio = %.2fx a chunk%n",
                stretch.chunk(), audioSeconds, middle.index(), chunkSeconds, audioSeconds / chunkSeconds);
    }

    /** One audio stretch, both steps, as the EncodeAudioChunk activity runs them. */
    private void audio(Path source, AudioStretch stretch, Path out) {
        try {
            Path dir = Files.createDirectories(out.resolve("stretch-" + stretch.chunk()));
            Path part = dir.resolve("part.mp4");
            ffmpeg.run(HlsCommand.forAudioStretch(source.toString(), stretch, part, ffmpeg.threads()));
            ffmpeg.run(HlsCommand.forAudioSegments(part, stretch, dir, SEGMENT_SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each chunk's audio stretch, then its video, in timeline order, on a pool of {@code workers}. */
    private List<Activity> encode(Path source, MediaInfo media, List<Rung> rungs, List<Chunk> chunks, Path out)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        try {
            List<Future<Activity>> jobs = new ArrayList<>();
            List<AudioStretch> stretches = AudioPlanner.plan(chunks, media.durationSeconds(), SEGMENT_SECONDS);
            for (Chunk chunk : chunks) {
                stretches.stream().filter(stretch -> stretch.chunk() == chunk.index()).forEach(stretch ->
                        jobs.add(pool.submit(() -> timed("audio " + stretch.chunk(), start,
                                () -> audio(source, stretch, out.resolve("audio"))))));
                List<Path> dirs = new ArrayList<>();
                for (Rung rung : rungs) {
                    dirs.add(Files.createDirectories(out.resolve(rung.name())));
                }
                jobs.add(pool.submit(() -> timed("chunk " + chunk.index(), start, () -> ffmpeg.run(
                        HlsCommand.forChunk(source.toString(), chunk, dirs, rungs, SEGMENT_SECONDS, ffmpeg.threads())))));
            }
            List<Activity> done = new ArrayList<>();
            for (Future<Activity> job : jobs) {
                done.add(job.get());
            }
            return done;
        } finally {
            pool.shutdown();
        }
    }

    private static Activity timed(String name, long origin, Runnable work) {
        double start = (System.nanoTime() - origin) / 1e9;
        work.run();
        return new Activity(name, start, (System.nanoTime() - origin) / 1e9);
    }

    private static double wall(List<Activity> activities) {
        return activities.stream().mapToDouble(Activity::end).max().orElse(0);
    }

    /** List scheduling: each of {@code instances} takes the next activity (in the order they were queued) when free. */
    static double replay(List<Activity> activities, int instances) {
        PriorityQueue<Double> freeAt = new PriorityQueue<>();
        for (int i = 0; i < instances; i++) {
            freeAt.add(0.0);
        }
        double end = 0;
        for (Activity activity : activities) {
            double finish = freeAt.poll() + activity.seconds();
            freeAt.add(finish);
            end = Math.max(end, finish);
        }
        return end;
    }

    private Path generate(Path dir, int seconds) {
        Path source = dir.resolve("source-" + seconds + ".mp4");
        ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", source.toString()));
        return source;
    }

    /** One transcode through the local runtime: PUT done to Succeeded, and when its preview first appeared. */
    private record Orchestrated(double seconds, double firstPreview) {
    }

    private Orchestrated orchestration(Path source, int chunkSeconds) throws Exception {
        JsonNode created = runtime.createUpload(Map.of("fileName", "bench.mp4", "contentType", "video/mp4",
                "sizeBytes", Files.size(source), "transcode", Map.of("chunkSeconds", chunkSeconds)));
        runtime.put(created, source);
        long start = System.nanoTime();
        double[] preview = {Double.NaN};
        JsonNode done = runtime.awaitTerminal(created.get("statusUrl").asText(), status -> {
            if (status.has("preview") && Double.isNaN(preview[0])) {
                preview[0] = (System.nanoTime() - start) / 1e9;
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!"Succeeded".equals(done.get("status").asText())) {
            throw new IllegalStateException("transcode ended " + done);
        }
        return new Orchestrated(seconds, preview[0]);
    }

    private static double seconds(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
