package com.contoso.media.bench;

import com.contoso.media.config.Settings;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real runs on this machine, against the local runtime in its own JVM (no simulation):
 * <ul>
 *   <li>upload to {@code Succeeded} latency, p50 and p95, for 1, 8 and 32 short videos created together, and for
 *   200 PDFs and images: from the end of each file's PUT to the time its record says it became terminal;</li>
 *   <li>the runtime's resident memory (RSS, from {@code /proc}) and Java heap in use ({@code jcmd GC.heap_info}),
 *   at rest before the runs and the peak sampled every 250 ms during each;</li>
 *   <li>{@code scripts/run-local.sh} from cold (build included, Azurite already up) to the first {@code 200} from
 *   {@code /api/health}.</li>
 * </ul>
 */
final class LoadBench {

    private static final int VIDEO_SECONDS = 6;
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(20);
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final LocalRuntimeProcess runtime;
    private final Ffmpeg ffmpeg = Ffmpeg.fromSettings(new Settings(Map.of()), Duration.ofMinutes(10));

    LoadBench(LocalRuntimeProcess runtime) {
        this.runtime = runtime;
    }

    void run() throws Exception {
        Path dir = Files.createTempDirectory("load-bench");
        Path video = dir.resolve("short.mp4");
        ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", String.valueOf(VIDEO_SECONDS), "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", video.toString()));
        Path picture = dir.resolve("picture.png");
        ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360", "-frames:v", "1", picture.toString()));
        Path pdf = dir.resolve("document.pdf");
        Files.writeString(pdf, "%PDF-1.7\n" + "x".repeat(50_000) + "\n%%EOF\n", StandardCharsets.US_ASCII);
        Thread.sleep(2000);
        Footprint rest = footprint();
        System.out.printf("local runtime at rest: RSS %.0f MB, heap used %.0f MB of %.0f MB committed%n",
                rest.rssMb(), rest.heapUsedMb(), rest.heapTotalMb());
        System.out.println("batch | files | p50 s | p95 s | max s | wall s | peak RSS MB | peak heap used MB");
        for (int videos : new int[] {1, 8, 32}) {
            batch(videos + " short videos (" + VIDEO_SECONDS + " s, 640x360)", List.of(
                    new Kind(video, "video/mp4", "clip.mp4", videos)));
        }
        batch("200 PDFs and images", List.of(new Kind(pdf, "application/pdf", "document.pdf", 100),
                new Kind(picture, "image/png", "picture.png", 100)));
        coldStart();
    }

    /** Files of one kind in a batch. */
    private record Kind(Path file, String contentType, String fileName, int count) {
    }

    private record Footprint(double rssMb, double heapUsedMb, double heapTotalMb) {
    }

    /** Creates every upload of the batch at once, PUTs them side by side, and waits for all to be terminal. */
    private void batch(String name, List<Kind> kinds) throws Exception {
        List<JsonNode> created = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Kind kind : kinds) {
            for (int i = 0; i < kind.count(); i++) {
                created.add(runtime.createUpload(kind.fileName(), kind.contentType(), Files.size(kind.file())));
                files.add(kind.file());
            }
        }
        Map<String, Instant> putDone = new ConcurrentHashMap<>();
        List<Double> peakRss = new ArrayList<>(List.of(0.0));
        List<Double> peakHeap = new ArrayList<>(List.of(0.0));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Footprint now = footprint();
                peakRss.set(0, Math.max(peakRss.get(0), now.rssMb()));
                peakHeap.set(0, Math.max(peakHeap.get(0), now.heapUsedMb()));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            JsonNode upload = created.get(i);
            Path file = files.get(i);
            puts.add(pool.submit(() -> {
                runtime.put(upload, file);
                putDone.put(upload.get("uploadId").asText(), Instant.now());
                return null;
            }));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        List<Double> latencies = new ArrayList<>();
        for (JsonNode upload : created) {
            JsonNode done = awaitTerminal(upload.get("statusUrl").asText());
            if (!"Succeeded".equals(done.get("status").asText())) {
                throw new IllegalStateException(upload.get("uploadId").asText() + " ended " + done);
            }
            // The record's own time of its last change: the poll's interval does not add to the figure.
            Instant ended = Instant.parse(done.get("updatedAt").asText());
            latencies.add(Duration.between(putDone.get(upload.get("uploadId").asText()), ended).toMillis() / 1000.0);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        pool.shutdown();
        Collections.sort(latencies);
        System.out.printf("%s | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f%n", name, latencies.size(),
                percentile(latencies, 50), percentile(latencies, 95), latencies.get(latencies.size() - 1), wall,
                peakRss.get(0), peakHeap.get(0));
    }

    private JsonNode awaitTerminal(String statusUrl) throws Exception {
        Instant deadline = Instant.now().plus(BATCH_TIMEOUT);
        HttpRequest poll = HttpRequest.newBuilder(URI.create(statusUrl))
                .header("Authorization", "Bearer " + runtime.token).build();
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = runtime.http.send(poll, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return com.contoso.media.json.Json.read(response.body(), JsonNode.class);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(statusUrl + " not terminal after " + BATCH_TIMEOUT);
    }

    /** RSS from /proc, heap from jcmd (bounded: a stuck jcmd must not stall the run). */
    private Footprint footprint() {
        try {
            double rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + runtime.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(runtime.pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String heap = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(10, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
            Matcher used = HEAP_USED.matcher(heap);
            return used.find() ? new Footprint(rss, Long.parseLong(used.group(2)) / 1024.0,
                    Long.parseLong(used.group(1)) / 1024.0) : new Footprint(rss, 0, 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Footprint(0, 0, 0);
        }
    }

    /**
     * {@code scripts/run-local.sh} as a newcomer runs it (the web app and the runtime built, Azurite already up), on
     * its own port and data folder, until {@code /api/health} answers 200; twice, the second with warm builds.
     */
    private void coldStart() throws Exception {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(here.resolve("scripts/run-local.sh")) ? here : here.getParent();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int run = 1; run <= 2; run++) {
            Path data = Files.createTempDirectory("cold-start");
            ProcessBuilder launcher = new ProcessBuilder(root.resolve("scripts/run-local.sh").toString())
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(data.resolve("run.log").toFile());
            launcher.environment().put("DEVHOST_PORT", "7183");
            launcher.environment().put("DEVHOST_DATA_DIR", data.toString());
            long start = System.nanoTime();
            Process process = launcher.start();
            try {
                double seconds = Double.NaN;
                for (int i = 0; i < 1200 && Double.isNaN(seconds); i++) {
                    try {
                        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:7183/api/health")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            seconds = (System.nanoTime() - start) / 1e9;
                        }
                    } catch (IOException starting) {
                        Thread.sleep(250);
                    }
                }
                System.out.printf("scripts/run-local.sh to the first 200 from /api/health, run %d: %.1f s%n", run,
                        seconds);
            } finally {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
