package com.contoso.media.bench;

import com.contoso.media.intake.FfmpegMediaProbe;
import com.contoso.media.transcoding.Ffmpeg;
import com.contoso.media.transcoding.HlsCommand;
import com.contoso.media.transcoding.LadderPlanner;
import com.contoso.media.transcoding.Rung;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.uploads.MediaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A 60 s 720p source transcoded to the same ladder three ways in one run:
 * the TranscodeVideo orchestration on the local runtime (PUT done → Succeeded, so intake's probe counts too),
 * raw ffmpeg with one process per rung (the orchestration's shape) on as many workers as the runtime has,
 * and raw ffmpeg decoding once and feeding every rung. Prints ratios (goals: orchestration/raw ≤ 1.10,
 * realtime factor ≥ 8 on 2 cores).
 */
final class TranscodeBench {

    private static final int SOURCE_SECONDS = 60;
    private static final int SEGMENT_SECONDS = 4;

    private final LocalRuntimeProcess runtime;
    private final Ffmpeg ffmpeg = new Ffmpeg(Optional.empty(), Duration.ofMinutes(20));
    private final int workers = Runtime.getRuntime().availableProcessors();

    TranscodeBench(LocalRuntimeProcess runtime) {
        this.runtime = runtime;
    }

    void run() throws Exception {
        Path dir = Files.createTempDirectory("transcode-bench");
        Path source = dir.resolve("source.mp4");
        ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", String.valueOf(SOURCE_SECONDS), "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", source.toString()));
        MediaInfo media = new FfmpegMediaProbe(Optional.empty()).probe(source.toUri().toString());
        List<Rung> plan = LadderPlanner.plan(media, TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER));

        double perRung = seconds(() -> perRung(source, dir.resolve("per-rung"), plan));
        double oneDecode = seconds(() -> oneDecode(source, dir.resolve("one-decode"), plan));
        double orchestration = orchestration(source);

        System.out.printf("transcode %d s 720p -> %d rungs + thumbnail on %d cores%n", SOURCE_SECONDS, plan.size(), workers);
        System.out.printf("  raw ffmpeg, one process per rung (%d at a time): %.1f s%n", workers, perRung);
        System.out.printf("  raw ffmpeg, one decode feeding every rung       : %.1f s (%.2fx the per-rung time)%n",
                oneDecode, oneDecode / perRung);
        System.out.printf("  TranscodeVideo orchestration, PUT -> Succeeded  : %.1f s%n", orchestration);
        // The local runtime encodes in one-decode mode, so the like-for-like ratio is against the one-decode run.
        System.out.printf("ratio orchestration/raw one-decode = %.3f (goal <= 1.10; like for like)%n", orchestration / oneDecode);
        System.out.printf("ratio orchestration/raw per-rung   = %.3f%n", orchestration / perRung);
        System.out.printf("realtime factor = %.1fx (goal >= 8x)%n", SOURCE_SECONDS / orchestration);
    }

    private void perRung(Path source, Path out, List<Rung> plan) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Rung rung : plan) {
                Path dir = Files.createDirectories(out.resolve(rung.name()));
                jobs.add(pool.submit(() -> ffmpeg.run(HlsCommand.forRung(source, dir, rung, SEGMENT_SECONDS, true))));
            }
            jobs.add(pool.submit(() -> ffmpeg.run(List.of("-ss", "1", "-i", source.toString(), "-frames:v", "1",
                    "-q:v", "3", out.resolve("thumbnail.jpg").toString()))));
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void oneDecode(Path source, Path out, List<Rung> plan) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (Rung rung : plan) {
            dirs.add(Files.createDirectories(out.resolve(rung.name())));
        }
        ffmpeg.run(HlsCommand.forLadder(source, dirs, plan, SEGMENT_SECONDS, true));
        ffmpeg.run(List.of("-ss", "1", "-i", source.toString(), "-frames:v", "1", "-q:v", "3",
                out.resolve("thumbnail.jpg").toString()));
    }

    private double orchestration(Path source) throws Exception {
        JsonNode created = runtime.createUpload("bench.mp4", "video/mp4", Files.size(source));
        runtime.put(created, source);
        long start = System.nanoTime();
        JsonNode done = runtime.awaitTerminal(created.get("statusUrl").asText());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!"Succeeded".equals(done.get("status").asText())) {
            throw new IllegalStateException("transcode ended " + done);
        }
        return seconds;
    }

    private static double seconds(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private interface Step {
        void run() throws Exception;
    }
}
