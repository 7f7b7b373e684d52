package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.contoso.media.bench.ActivityRecorder;
import com.contoso.media.bench.ReplaySimulator;
import com.contoso.media.bench.SimulationBench;
import com.contoso.media.bench.StandInActivities;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.uploads.MediaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The replay simulator against a real run of the same orchestration: a 20 s 720p video transcoded by the local
 * runtime in Azure's per-rung mode, one encode at a time with one ffmpeg thread (as recorded), then simulated with
 * the recorded durations on one place. The activities run must be the same ones, in the same order of dependencies,
 * and the wall time must agree within 40 % (the recordings are medians of a different source on a shared box).
 */
class ReplaySimulatorE2ETest {

    private static final double WALL_TOLERANCE = 0.40;

    /** One activity as a history shows it: scheduled and answered, in seconds from the orchestration's start. */
    record Run(String name, double scheduled, double ended) {
    }

    @Test
    void theSimulatorRunsTheSameActivitiesInTheSameOrderAsARealRunAndAgreesOnItsWallTime() throws Exception {
        Path data = Files.createTempDirectory("devhost-replay");
        Map<String, String> settings = new HashMap<>(Map.of("DEVHOST_PORT", "0", "DEVHOST_DATA_DIR", data.toString(),
                "TRANSCODE_ENCODE_MODE", TranscodeSettings.PER_RUNG, "TRANSCODE_CHUNK_SECONDS", "10",
                "DEVHOST_ACTIVITY_WORKERS", "1", "FFMPEG_THREADS", "1", "FFMPEG_CONCURRENT_RUNS", "1",
                // Containers of its own: the suite's shared runtime watches the default inbox on the same Azurite,
                // and its intake would take this upload into its own driver.
                "UPLOADS_CONTAINER", "replay-uploads", "MEDIA_CONTAINER", "replay-media"));
        byte[] video = TestMedia.mp4(20, "1280x720");
        double realSeconds;
        String uploadId;
        try (DevHost host = DevHost.start(new Settings(settings))) {
            ApiClient api = new ApiClient(host.baseUrl());
            String token = host.tokens().mint("replay-" + System.nanoTime(), Duration.ofMinutes(10));
            JsonNode created = ApiClient.json(api.createUpload(token, Json.write(Map.of("fileName", "replay.mp4",
                    "contentType", "video/mp4", "sizeBytes", video.length))));
            uploadId = created.get("uploadId").asText();
            api.putBlob(created, video);
            JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofMinutes(5));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
            // The record turns Succeeded at FinalizeUpload; the orchestration still gives its slot back after it.
            awaitCompleted(data.resolve("orchestrations").resolve(uploadId + ".json"));
        }
        List<Run> real = realRuns(data.resolve("orchestrations"), uploadId);
        realSeconds = real.stream().mapToDouble(Run::ended).max().orElseThrow();

        ActivityRecorder.Recording recording = ActivityRecorder.Recording.load(Path.of("..", "bench"));
        MediaInfo media = new MediaInfo(20, 1280, 720, 25, true, 0);
        StandInActivities standIns = new StandInActivities(recording, Map.of(uploadId, media), 1.0, 200, 0.05,
                (long) video.length * 8 / 20);
        ReplaySimulator simulator = new ReplaySimulator(ReplaySimulator.orchestrations(TranscodeSettings.from(
                new Settings(settings))), standIns, new ReplaySimulator.Limits(1, 1, 1, Duration.ofSeconds(1),
                Duration.ZERO, new ReplaySimulator.DispatchLatency(0.01, 0.02)));
        ReplaySimulator.Result simulated = simulator.run(List.of(new TranscodeRequest(uploadId, "t",
                new BlobRef("uploads", "t/" + uploadId + "/replay.mp4"), "c")));
        List<Run> sim = simulated.activities().stream()
                .map(run -> new Run(run.name(), run.scheduled(), run.ended())).toList();

        List<Double> dispatch = dispatchLatencies(data.resolve("orchestrations"), uploadId);
        System.out.printf("replay check: real %.1f s, simulated %.1f s, %d activities; the local driver's dispatch"
                + " (an answer to the episode it wakes) p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d episodes%n",
                realSeconds, simulated.wallSeconds(), sim.size(), percentile(dispatch, 50) * 1000,
                percentile(dispatch, 95) * 1000, dispatch.get(dispatch.size() - 1) * 1000, dispatch.size());
        assertThat(simulated.failed()).isZero();
        assertThat(counts(sim)).as("the same activities, as many times each").isEqualTo(counts(real));
        assertOrder(real);
        assertOrder(sim);
        assertThat(simulated.wallSeconds()).as("simulated against real (%.1f s)", realSeconds)
                .isCloseTo(realSeconds, within(realSeconds * WALL_TOLERANCE));
    }

    /**
     * A 2-hour 1080p video at today's limits: every orchestration instance stays within what Durable documents (a
     * custom status of at most 16 KB of UTF-16 JSON) and within this app's own bounds: at most 2,000 history events
     * per instance (the chunk encodes are split over EncodeChunks sub-orchestrations so that none grows with the
     * video) and no payload over 1 MiB (larger messages go to blobs in the Azure Storage provider, which works but
     * costs a blob round trip on every replay).
     */
    @Test
    void aTwoHourVideosOrchestrationsStayWithinDurablesLimits() throws Exception {
        ActivityRecorder.Recording recording = ActivityRecorder.Recording.load(Path.of("..", "bench"));

        SimulationBench.Case twoHours = SimulationBench.simulate(recording, SimulationBench.TODAY,
                SimulationBench.settings(50), 1080, 120, 1);

        assertThat(twoHours.result().failed()).isZero();
        assertThat(twoHours.result().sizes()).hasSizeGreaterThan(1).allSatisfy(size -> {
            assertThat(size.largestCustomStatusUtf16Bytes()).as(size.instanceId()).isLessThanOrEqualTo(16 * 1024);
            assertThat(size.historyEvents()).as(size.instanceId()).isLessThanOrEqualTo(2000);
            assertThat(size.largestPayloadBytes()).as(size.instanceId()).isLessThanOrEqualTo(1024 * 1024);
        });
    }

    /** Waits (at most 60 s) until the driver has saved the orchestration as completed. */
    private static void awaitCompleted(Path state) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!(Files.exists(state) && Files.readString(state).contains("\"COMPLETED\""))) {
            assertThat(Instant.now()).as("the orchestration did not complete").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The dependencies the orchestration promises, whoever ran it. */
    private static void assertOrder(List<Run> runs) {
        double probed = ended(runs, "ProbeSource");
        assertThat(first(runs, "ClaimTranscodeSlot").scheduled()).isLessThanOrEqualTo(probed);
        runs.stream().filter(run -> run.name().equals("EncodeChunk") || run.name().equals("EncodeAudioChunk"))
                .forEach(run -> assertThat(run.scheduled()).as(run.name()).isGreaterThanOrEqualTo(probed));
        double encoded = runs.stream().filter(run -> run.name().equals("EncodeChunk") || run.name().equals(
                "EncodeAudioChunk")).mapToDouble(Run::ended).max().orElseThrow();
        assertThat(first(runs, "WritePlaylists").scheduled()).isGreaterThanOrEqualTo(encoded);
        assertThat(first(runs, "FinalizeUpload").scheduled()).isGreaterThanOrEqualTo(ended(runs, "WritePlaylists"))
                .isGreaterThanOrEqualTo(ended(runs, "CreateStoryboard"));
        assertThat(first(runs, "ReleaseTranscodeSlot").scheduled()).isGreaterThanOrEqualTo(
                ended(runs, "FinalizeUpload"));
    }

    private static Run first(List<Run> runs, String name) {
        return runs.stream().filter(run -> run.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no " + name + " in " + counts(runs)));
    }

    private static double ended(List<Run> runs, String name) {
        return first(runs, name).ended();
    }

    private static Map<String, Long> counts(List<Run> runs) {
        Map<String, Long> counts = new TreeMap<>();
        runs.forEach(run -> counts.merge(run.name(), 1L, Long::sum));
        return counts;
    }

    /** Every activity in the upload's orchestration and its sub-orchestrations, from the driver's saved histories. */
    private static List<Run> realRuns(Path folder, String uploadId) throws IOException {
        List<HistoryEvent> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(uploadId)
                    && f.toString().endsWith(".pb")).toList()) {
                List<HistoryEvent> history = OrchestratorRequest.parseFrom(Files.readAllBytes(file)).getPastEventsList();
                Map<Integer, HistoryEvent> scheduled = new HashMap<>();
                for (HistoryEvent event : history) {
                    if (event.hasTaskScheduled()) {
                        scheduled.put(event.getEventId(), event);
                    } else if (event.hasTaskCompleted()) {
                        all.add(scheduled.get(event.getTaskCompleted().getTaskScheduledId()));
                        all.add(event);
                    }
                }
            }
        }
        Instant start = all.stream().map(ReplaySimulatorE2ETest::time).min(Instant::compareTo).orElseThrow();
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            runs.add(new Run(all.get(i).getTaskScheduled().getName(), seconds(start, time(all.get(i))),
                    seconds(start, time(all.get(i + 1)))));
        }
        return runs;
    }

    /**
     * How long each answer (an activity's completion, a sub-orchestration's end, a timer) waited for the episode that
     * replays it: the episode's OrchestratorStarted time minus the answer's own time, for every episode of the upload's
     * instances. Sorted, in seconds.
     */
    private static List<Double> dispatchLatencies(Path folder, String uploadId) throws IOException {
        List<Double> latencies = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(uploadId)
                    && f.toString().endsWith(".pb")).toList()) {
                List<HistoryEvent> history = OrchestratorRequest.parseFrom(Files.readAllBytes(file)).getPastEventsList();
                Instant episode = null;
                for (HistoryEvent event : history) {
                    if (event.hasOrchestratorStarted()) {
                        episode = time(event);
                    } else if (episode != null && (event.hasTaskCompleted() || event.hasSubOrchestrationInstanceCompleted()
                            || event.hasTimerFired())) {
                        latencies.add(Math.max(0, seconds(time(event), episode)));
                    }
                }
            }
        }
        latencies.sort(Double::compare);
        return latencies;
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Instant time(HistoryEvent event) {
        return Instant.ofEpochSecond(event.getTimestamp().getSeconds(), event.getTimestamp().getNanos());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
