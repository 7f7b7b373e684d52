package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Videos cut into short chunks (the upload's own {@code transcode.chunkSeconds}) on the local runtime: the stitched
 * HLS must play as if encoded in one pass, progress must move while the chunks finish, and the preview must grow.
 * ffmpeg plays the role of the player, through the very URLs the API hands out.
 */
class ChunkedTranscodeE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final double FPS = 25;
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "chunks-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void aVideoEncodedInThreeChunksPlaysAsOnePassWhileProgressAndPreviewGrow() {
        byte[] mp4 = TestMedia.mp4(24, "1280x720");
        JsonNode created = create("long.mp4", mp4.length, Map.of("chunkSeconds", 8));
        assertThat(api.putBlob(created, mp4).statusCode()).isEqualTo(201);

        Watched watched = watch("/api/uploads/" + created.get("uploadId").asText());

        JsonNode done = watched.last;
        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        assertThat(watched.chunksTotal).isEqualTo(3);
        assertThat(watched.percents).as("progress only moves forward, chunk by chunk").isSorted();
        assertThat(watched.percents.stream().distinct().count()).isGreaterThan(2);
        assertThat(watched.sawEta).isTrue();
        assertThat(watched.preview).as("a preview while processing").isNotNull();
        String preview = text(watched.preview);
        assertThat(preview).contains("360p/preview.m3u8", "TYPE=AUDIO");
        String previewVariant = text(variants(watched.preview, preview).get(0));
        assertThat(previewVariant).contains("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-ENDLIST");
        assertThat(previewVariant.lines().filter(line -> line.startsWith("#EXTINF:")).count())
                .as("at the end the preview lists every segment: %s", previewVariant).isEqualTo(6)
                .isGreaterThan(watched.previewSegments);
        assertThat(TestMedia.decodeErrors(watched.preview)).isEmpty();

        String master = ApiClient.output(done, "hls").get("url").asText();
        String masterText = text(master);
        assertThat(masterText).contains("#EXT-X-MEDIA:TYPE=AUDIO", "AUDIO=\"audio\"");
        assertThat(TestMedia.decodeErrors(master)).as("ffmpeg decodes every stream of the master cleanly").isEmpty();
        List<List<String>> segmentLengths = new ArrayList<>();
        for (String variant : variants(master, masterText)) {
            String playlist = text(variant);
            assertThat(playlist).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST")
                    .doesNotContain("DISCONTINUITY");
            segmentLengths.add(playlist.lines().filter(line -> line.startsWith("#EXTINF:")).toList());
            assertSeamless(TestMedia.frameTimes(variant), 24);
            assertThat(TestMedia.repeatedFrames(variant)).as("no frame repeated at a seam").isZero();
        }
        assertThat(segmentLengths).as("keyframes on the same times in every rung").allSatisfy(lengths ->
                assertThat(lengths).isEqualTo(segmentLengths.get(0)));
        assertThat(segmentLengths.get(0)).hasSize(6);
        // The tone never drops out, at a chunk boundary (every 8 s) or anywhere: the only quiet is the encoder's
        // priming before the first sample and its padding after the last.
        assertThat(TestMedia.silences(master)).allSatisfy(run ->
                assertThat(run[0] < 0.05 || run[0] >= 24).as("silent from %.3f to %.3f s", run[0], run[1]).isTrue());
    }

    @Test
    void perUploadOptionsChooseTheLadderTheStillsAndTheChunksNeverUpscaling() {
        byte[] mp4 = TestMedia.mp4(10, "1280x720");
        JsonNode created = create("options.mp4", mp4.length, Map.of(
                "ladder", List.of(Map.of("height", 1080, "videoKbps", 4000), Map.of("height", 360, "videoKbps", 600),
                        Map.of("height", 240, "videoKbps", 300)),
                "thumbnails", Map.of("count", 3),
                "chunkSeconds", 8));
        JsonNode done = putAndAwaitSuccess(created, mp4);

        assertThat(ApiClient.outputLabels(done)).containsExactlyInAnyOrder("hls:master", "rendition:360p", "rendition:240p",
                "rendition:audio", "thumbnail:640x360", "thumbnail:640x360", "thumbnail:640x360",
                "poster:480x270", "storyboard:vtt", "sprite:sprite-001.jpg", "original:options.mp4");
        String master = ApiClient.output(done, "hls").get("url").asText();
        List<Integer> heights = new ArrayList<>();
        for (String variant : variants(master, text(master))) {
            heights.add(TestMedia.decode(variant).height());
            assertSeamless(TestMedia.frameTimes(variant), 10);
        }
        assertThat(heights).containsExactly(360, 240);
        List<String> stills = new ArrayList<>();
        done.get("outputs").forEach(o -> {
            if (o.get("kind").asText().equals("thumbnail")) {
                byte[] jpeg = api.download(o.get("url").asText()).body();
                assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
                stills.add(URI.create(o.get("url").asText()).getPath());
            }
        });
        assertThat(stills).doesNotHaveDuplicates();
    }

    @Test
    void aVideoWithoutSoundHasNoAudioGroupAndStillPlaysAsOnePass() {
        byte[] mp4 = TestMedia.silentMp4(12, "640x360");
        JsonNode created = create("silent.mp4", mp4.length, Map.of("chunkSeconds", 8));
        JsonNode done = putAndAwaitSuccess(created, mp4);

        assertThat(ApiClient.outputLabels(done)).containsExactlyInAnyOrder("hls:master", "rendition:360p", "thumbnail:640x360",
                "poster:480x270", "storyboard:vtt", "sprite:sprite-001.jpg", "original:silent.mp4");
        String master = ApiClient.output(done, "hls").get("url").asText();
        String masterText = text(master);
        assertThat(masterText).doesNotContain("TYPE=AUDIO", "mp4a");
        assertThat(TestMedia.decodeErrors(master)).isEmpty();
        assertSeamless(TestMedia.frameTimes(variants(master, masterText).get(0)), 12);
    }

    @Test
    void optionsOutOfBoundsAre400sThatStoreNothing() {
        List<Object> refused = List.of(
                Map.of("chunkSeconds", 7),
                Map.of("chunkSeconds", 121),
                Map.of("chunkSeconds", "20"),
                Map.of("ladder", List.of()),
                Map.of("ladder", List.of(Map.of("height", 4320, "videoKbps", 4000))),
                Map.of("ladder", List.of(Map.of("height", 361, "videoKbps", 600))),
                Map.of("ladder", List.of(Map.of("height", 360, "videoKbps", 50))),
                Map.of("ladder", List.of(Map.of("height", 360, "videoKbps", 600), Map.of("height", 360, "videoKbps", 700))),
                Map.of("thumbnails", Map.of("count", 0)),
                Map.of("thumbnails", Map.of("count", 2, "intervalSeconds", 5)),
                Map.of("thumbnails", Map.of("intervalSeconds", 0.1)),
                Map.of("speed", "fast"),
                "fast");
        for (Object options : refused) {
            var response = api.createUpload(token, Json.write(Map.of("fileName", "v.mp4", "contentType", "video/mp4",
                    "sizeBytes", 1000, "transcode", options)));

            assertThat(response.statusCode()).as(Json.write(options)).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(ApiClient.json(response).get("code").asText()).isEqualTo("invalid_transcode_options");
            assertThat(ApiClient.json(response).get("detail").asText()).contains("transcode");
        }
        var picture = api.createUpload(token, Json.write(Map.of("fileName", "a.png", "contentType", "image/png",
                "sizeBytes", 1000, "transcode", Map.of("chunkSeconds", 10))));
        assertThat(picture.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(api.get(token, "/api/uploads")).get("items")).as("nothing was stored").isEmpty();
    }

    /** Frames one after another, 1/25 s apart, none missing or doubled, as long as the source. */
    private static void assertSeamless(List<Double> times, double sourceSeconds) {
        assertThat(times).as("decoded frames").hasSize((int) Math.round(sourceSeconds * FPS));
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("step before frame %d", i)
                    .isCloseTo(1 / FPS, Offset.offset(0.002));
        }
        double duration = times.get(times.size() - 1) - times.get(0) + 1 / FPS;
        assertThat(duration).isCloseTo(sourceSeconds, Offset.offset(1 / FPS));
    }

    private JsonNode putAndAwaitSuccess(JsonNode created, byte[] mp4) {
        api.putBlob(created, mp4);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        return done;
    }

    private JsonNode create(String fileName, long size, Map<String, Object> transcode) {
        var response = api.createUpload(token, Json.write(Map.of("fileName", fileName, "contentType", "video/mp4",
                "sizeBytes", size, "transcode", transcode)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ApiClient.json(response);
    }

    /** What a client polling the status saw until the end. */
    private static final class Watched {
        final List<Integer> percents = new ArrayList<>();
        int chunksTotal;
        boolean sawEta;
        String preview;
        long previewSegments;
        JsonNode last;
    }

    private Watched watch(String statusPath) {
        Watched watched = new Watched();
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            var response = api.get(token, statusPath);
            watched.last = ApiClient.json(response);
            if (response.statusCode() == 200) {
                return watched;
            }
            JsonNode progress = watched.last.get("progress");
            if ("Processing".equals(watched.last.get("status").asText()) && progress.has("chunksTotal")) {
                watched.percents.add(progress.get("percent").asInt());
                watched.chunksTotal = progress.get("chunksTotal").asInt();
                watched.sawEta |= progress.has("etaSeconds");
            }
            if (watched.preview == null && watched.last.has("preview")) {
                watched.preview = watched.last.get("preview").asText();
                String growing = text(variants(watched.preview, text(watched.preview)).get(0));
                assertThat(growing).contains("#EXT-X-PLAYLIST-TYPE:EVENT");
                watched.previewSegments = growing.lines().filter(line -> line.startsWith("#EXTINF:")).count();
                assertThat(watched.previewSegments).isPositive();
                JsonNode after = ApiClient.json(api.get(token, statusPath));
                if ("transcoding".equals(after.path("stage").asText())) {
                    assertThat(growing).as("still growing while transcoding").doesNotContain("#EXT-X-ENDLIST");
                }
            }
            ApiClient.sleep(50);
        }
        throw new AssertionError("no terminal status in time: " + watched.last);
    }

    private String text(String url) {
        var response = api.download(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return new String(response.body());
    }

    private static String resolve(String playlistUrl, String relative) {
        return URI.create(playlistUrl).resolve(relative).toString();
    }

    /** The variant URLs as a player resolves them: relative to the master, with the SAS the route put on them. */
    private static List<String> variants(String masterUrl, String master) {
        return master.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> resolve(masterUrl, line)).toList();
    }
}
