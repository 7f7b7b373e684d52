package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clips cut from a transcoded 20-second video (4-second segments, 25 fps) through the local runtime: an instant clip
 * is the whole segments around the span, a frame-accurate one starts and ends on the frames asked for, both play
 * cleanly, both outlive their parent, and bad bounds or a parent that is not a transcoded video are refused with a
 * sentence and nothing made.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipsE2ETest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final double FRAME = 1 / 25.0;

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "clips-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(20));
    private String parentId;

    @BeforeAll
    void transcodeTheParent() {
        byte[] video = TestMedia.mp4(20, "640x360");
        JsonNode created = ApiClient.json(api.createUpload(token, "talk.mp4", "video/mp4", video.length));
        api.putBlob(created, video);
        JsonNode parent = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
        assertThat(parent.get("status").asText()).as(parent.toString()).isEqualTo("Succeeded");
        parentId = created.get("uploadId").asText();
    }

    @Test
    void anInstantClipIsTheWholeSegmentsAroundTheSpanAndPlays() {
        JsonNode clip = clip(Map.of("start", 5.3, "end", 10.6, "title", "The middle", "tags", List.of("clip")));

        assertThat(clip.get("fileName").asText()).isEqualTo("talk-clip-5.3-10.6.mp4");
        assertThat(clip.at("/clipOf/parentUploadId").asText()).isEqualTo(parentId);
        assertThat(clip.get("title").asText()).isEqualTo("The middle");
        String master = ApiClient.output(clip, "hls").get("url").asText();
        List<Double> frames = TestMedia.frameTimes(master);
        // Segments [4, 8) and [8, 12): 8 seconds, 200 frames.
        assertThat(frames).hasSize(200);
        assertThat(TestMedia.decodeErrors(master)).isEmpty();
        assertThat(ApiClient.output(clip, "hls").get("durationSeconds").asDouble()).isCloseTo(8.0, within(0.05));
        assertThat(clip.at("/media/durationSeconds").asDouble()).as("the length as cut").isCloseTo(8.0, within(0.05));
        assertThat(ApiClient.output(clip, "poster").get("label").asText()).as("its own first frame").isEqualTo("480x270");
        assertThat(api.download(ApiClient.output(clip, "poster").get("url").asText()).statusCode()).isEqualTo(200);
        assertThat(clip.get("outputs").findValuesAsText("kind")).doesNotContain("original");
    }

    @Test
    void aFrameAccurateClipStartsAndEndsOnTheFramesAskedFor() {
        JsonNode clip = clip(Map.of("start", 5.3, "end", 10.6, "mode", "accurate"));

        String master = ApiClient.output(clip, "hls").get("url").asText();
        List<Double> frames = TestMedia.frameTimes(master);
        assertThat((double) frames.size()).as("frames of a 5.3-second clip").isCloseTo(5.3 * 25, within(1.0));
        double shown = frames.get(frames.size() - 1) - frames.get(0) + FRAME;
        assertThat(shown).isCloseTo(5.3, within(FRAME));
        assertThat(TestMedia.decodeErrors(master)).isEmpty();
        assertThat(frames).as("one frame per time, none repeated or skipped").doesNotHaveDuplicates();
        // Both ends of the sound are re-encoded and meet at 8 s: the tone never drops out there, or anywhere but
        // before its first sample and after its last.
        assertThat(TestMedia.silences(master)).allSatisfy(run -> assertThat(run[0] < 0.05 || run[0] >= 5.3 - 0.05)
                .as("silent from %.3f to %.3f s", run[0], run[1]).isTrue());
    }

    @Test
    void clipsOutliveTheirParent() {
        JsonNode instant = clip(Map.of("start", 0, "end", 6));
        JsonNode accurate = clip(Map.of("start", 13.5, "end", 20, "mode", "accurate"));
        // A parent of its own, deleted: the other tests' parent stays.
        byte[] video = TestMedia.mp4(8, "320x240");
        JsonNode created = ApiClient.json(api.createUpload(token, "short.mp4", "video/mp4", video.length));
        api.putBlob(created, video);
        api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
        String ownParent = created.get("uploadId").asText();
        JsonNode ownClip = clipOf(ownParent, Map.of("start", 1, "end", 7, "mode", "accurate"));

        assertThat(api.delete(token, "/api/uploads/" + ownParent).statusCode()).isEqualTo(204);
        StoredBlobs.awaitGone("media", tenant + "/" + ownParent + "/hls/master.m3u8");

        JsonNode after = ApiClient.json(api.get(token, "/api/uploads/" + ownClip.get("uploadId").asText()));
        assertThat(after.get("status").asText()).isEqualTo("Succeeded");
        String master = ApiClient.output(after, "hls").get("url").asText();
        assertThat(TestMedia.frameTimes(master)).hasSize(150);
        assertThat(TestMedia.decodeErrors(master)).isEmpty();
        assertThat(instant.get("status").asText()).isEqualTo("Succeeded");
        assertThat(accurate.get("status").asText()).isEqualTo("Succeeded");
        // A clip of the clip whose parent is gone: instant works on its own segments; accurate has no original.
        JsonNode ofClip = clipOf(ownClip.get("uploadId").asText(), Map.of("start", 0, "end", 3));
        assertThat(TestMedia.decodeErrors(ApiClient.output(ofClip, "hls").get("url").asText())).isEmpty();
        HttpResponse<String> refused = post(ownClip.get("uploadId").asText(), Map.of("start", 0, "end", 3,
                "mode", "accurate"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(refused).get("code").asText()).isEqualTo("clip_needs_original");
    }

    @Test
    void badBoundsAndParentsThatAreNotTranscodedVideosAreRefusedAndNothingIsMade() {
        int before = ApiClient.json(api.get(token, "/api/uploads?limit=200")).get("items").size();
        Map<Map<String, Object>, String> refused = Map.of(
                Map.of("start", 5, "end", 5), "invalid_clip_bounds",
                Map.of("start", 8, "end", 4), "invalid_clip_bounds",
                Map.of("start", -1, "end", 4), "invalid_clip_bounds",
                Map.of("start", 10, "end", 20.5), "invalid_clip_bounds",
                Map.of("start", 10, "end", 10.5), "invalid_clip_bounds",
                Map.of("start", "1", "end", 4), "invalid_clip_bounds",
                Map.of("end", 4), "missing_field",
                Map.of("start", 1, "end", 4, "mode", "fast"), "invalid_clip_mode");
        refused.forEach((body, code) -> {
            HttpResponse<String> response = post(parentId, body);
            assertThat(response.statusCode()).as(body + " " + response.body()).isEqualTo(400);
            JsonNode problem = ApiClient.json(response);
            assertThat(problem.get("code").asText()).as(body.toString()).isEqualTo(code);
            assertThat(problem.get("detail").asText()).doesNotContain("Exception");
        });

        byte[] pdf = TestMedia.pdf(4_000);
        JsonNode document = ApiClient.json(api.createUpload(token, "notes.pdf", "application/pdf", pdf.length));
        api.putBlob(document, pdf);
        api.awaitTerminal(token, document.get("statusUrl").asText(), TIMEOUT);
        HttpResponse<String> notVideo = post(document.get("uploadId").asText(), Map.of("start", 0, "end", 2));
        assertThat(notVideo.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(notVideo).get("code").asText()).isEqualTo("clip_source_not_ready");
        assertThat(post(UUID.randomUUID().toString(), Map.of("start", 0, "end", 2)).statusCode()).isEqualTo(404);
        String otherTenant = host.tokens().mint("other-" + tenant, Duration.ofMinutes(5));
        assertThat(api.call("POST", otherTenant, "/api/uploads/" + parentId + "/clips",
                Json.write(Map.of("start", 0, "end", 2))).statusCode()).as("another tenant's video").isEqualTo(404);

        assertThat(ApiClient.json(api.get(token, "/api/uploads?limit=200")).get("items").size())
                .isEqualTo(before + 1);
    }

    private JsonNode clip(Map<String, Object> body) {
        return clipOf(parentId, body);
    }

    private JsonNode clipOf(String parent, Map<String, Object> body) {
        HttpResponse<String> created = post(parent, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode done = api.awaitTerminal(token, ApiClient.json(created).get("statusUrl").asText(), TIMEOUT);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        return done;
    }

    private HttpResponse<String> post(String parent, Map<String, Object> body) {
        return api.call("POST", token, "/api/uploads/" + parent + "/clips", Json.write(body));
    }
}
