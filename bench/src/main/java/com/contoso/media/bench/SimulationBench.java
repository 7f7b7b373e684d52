package com.contoso.media.bench;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.uploads.MediaInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay simulator over the cases of docs/benchmarks.md ("Scale, replayed"): 1-, 5-, 20- and 120-minute
 * 1080p and 720p sources, 1, 10 and 40 started together, at today's limits and at the highest the platform allows.
 * Prints one row per case: wall time and realtime factor (the slowest of the batch), first preview, the longest
 * activity against the median chunk encode, activities, peak instances, and the largest history and payload of any
 * orchestration instance.
 */
public final class SimulationBench {

    /** The assumptions every case shares; the README of the figures names each one's source. */
    static final double CPU_SCALE = 1.0;
    static final double BLOB_MEGABYTES_PER_SECOND = 60;
    static final double BOOKKEEPING_SECONDS = 0.15;
    static final long SOURCE_BITS_PER_SECOND = 8_000_000;
    static final ReplaySimulator.DispatchLatency DISPATCH = new ReplaySimulator.DispatchLatency(0.05, 0.25);

    /** Today's configuration: host.json's maxConcurrentActivityFunctions, main.bicep's maximumInstanceCount. */
    public static final ReplaySimulator.Limits TODAY = new ReplaySimulator.Limits(2, 40, 4, Duration.ofSeconds(5),
            Duration.ofSeconds(5), DISPATCH);
    /** The highest the platform allows: Flex Consumption's 1,000 instances per app. */
    static final ReplaySimulator.Limits HIGHEST = new ReplaySimulator.Limits(2, 1000, 4, Duration.ofSeconds(5),
            Duration.ofSeconds(5), DISPATCH);

    void run(Path benchDir) throws Exception {
        ActivityRecorder.Recording recording = ActivityRecorder.Recording.load(benchDir);
        System.out.printf("replayed on a virtual clock from %s (recorded %s on %s)%n",
                ActivityRecorder.RECORDING, recording.date(), recording.machine());
        System.out.println("limits | source | videos | wall s | realtime x | first preview s | longest activity"
                + " (x median chunk) | activities | peak instances | largest history (events, KB) | largest payload KB"
                + " | failed");
        for (String limits : List.of("today", "highest")) {
            for (int height : new int[] {1080, 720}) {
                for (int minutes : new int[] {1, 5, 20, 120}) {
                    for (int videos : new int[] {1, 10, 40}) {
                        Case result = simulate(recording, limits.equals("today") ? TODAY : HIGHEST,
                                settings(limits.equals("today") ? 50 : 1000), height, minutes, videos);
                        System.out.println(limits + " | " + height + "p " + minutes + " min | " + result.row());
                    }
                }
            }
        }
    }

    /** The settings the app runs with, but {@code TRANSCODE_MAX_PARALLEL}. */
    public static TranscodeSettings settings(int maxParallel) {
        return TranscodeSettings.from(new Settings(Map.of(AppSetting.TRANSCODE_MAX_PARALLEL.settingName(),
                String.valueOf(maxParallel))));
    }

    public record Case(int videos, double videoSeconds, ReplaySimulator.Result result, double medianChunk) {

        String row() {
            ReplaySimulator.ActivityRun longest = result.longest();
            double longestSeconds = longest.ended() - longest.started();
            ReplaySimulator.InstanceSize history = result.sizes().stream()
                    .max((a, b) -> Integer.compare(a.historyBytes(), b.historyBytes())).orElseThrow();
            int payload = result.sizes().stream().mapToInt(ReplaySimulator.InstanceSize::largestPayloadBytes).max()
                    .orElse(0);
            double preview = result.firstPreviewAt().values().stream().mapToDouble(Double::doubleValue).max()
                    .orElse(Double.NaN);
            return String.format("%d | %.0f | %.1f | %.0f | %s %.1f s (%.2fx) | %d | %d | %d, %.0f | %.0f | %d", videos,
                    result.wallSeconds(), videoSeconds / result.wallSeconds(), preview, longest.name(),
                    longestSeconds, longestSeconds / medianChunk, result.activities().size(), result.peakInstances(),
                    history.historyEvents(), history.historyBytes() / 1024.0, payload / 1024.0, result.failed());
        }
    }

    public static Case simulate(ActivityRecorder.Recording recording, ReplaySimulator.Limits limits,
                         TranscodeSettings settings, int height, int minutes, int videos) {
        Map<String, MediaInfo> sources = new HashMap<>();
        List<TranscodeRequest> requests = new ArrayList<>();
        for (int i = 0; i < videos; i++) {
            String id = "video-" + i;
            sources.put(id, new MediaInfo(minutes * 60.0, height * 16 / 9, height, 30, true, 0));
            requests.add(new TranscodeRequest(id, "tenant-" + i, new BlobRef("uploads", "tenant-" + i + "/" + id
                    + "/source.mp4"), "corr-" + i));
        }
        StandInActivities activities = new StandInActivities(recording, sources, CPU_SCALE,
                BLOB_MEGABYTES_PER_SECOND, BOOKKEEPING_SECONDS, SOURCE_BITS_PER_SECOND);
        ReplaySimulator.Result result = new ReplaySimulator(ReplaySimulator.orchestrations(settings), activities,
                limits).run(requests);
        List<Double> chunks = result.activities().stream().filter(run -> run.name().equals("EncodeChunk"))
                .map(run -> run.ended() - run.started()).sorted().toList();
        return new Case(videos, minutes * 60.0, result, chunks.get(chunks.size() / 2));
    }
}
