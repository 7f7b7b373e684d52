package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Progressive downloads asked for at create ({@code transcode.mp4}, {@code transcode.audioOnly}): made from the
 * encoded segments by stream copy, downloadable under the upload's name, and as long as the source, frame for
 * frame.
 */
class DownloadsE2ETest {

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String token = host.tokens().mint("downloads-" + UUID.randomUUID().toString().substring(0, 8),
            Duration.ofMinutes(15));

    @Test
    void anMp4AndAnM4aArePlayableDownloadsAsLongAsTheSource() throws IOException {
        byte[] video = TestMedia.mp4(6, "640x360");
        JsonNode done = transcoded(video, Map.of("mp4", true, "audioOnly", true));

        JsonNode mp4 = ApiClient.output(done, "mp4");
        assertThat(mp4.get("contentType").asText()).isEqualTo("video/mp4");
        HttpResponse<byte[]> download = api.download(mp4.get("url").asText());
        assertThat(download.headers().firstValue("Content-Disposition")).isPresent().get().asString()
                .contains("attachment").contains("lecture.mp4");
        Path file = saved(download.body(), ".mp4");
        assertThat(TestMedia.frameTimes(file.toString())).hasSize(150);
        assertThat(TestMedia.decode(file.toString()).durationSeconds()).isCloseTo(6.0, within(0.1));
        assertThat(TestMedia.decodeErrors(file.toString())).isEmpty();
        assertThat(mp4.get("sizeBytes").asLong()).isEqualTo(download.body().length);
        assertThat(new String(download.body(), 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the index is at the front (faststart)").contains("moov");

        JsonNode m4a = ApiClient.output(done, "m4a");
        HttpResponse<byte[]> audio = api.download(m4a.get("url").asText());
        assertThat(audio.headers().firstValue("Content-Disposition")).get().asString().contains("lecture.m4a");
        assertThat(TestMedia.audioSeconds(saved(audio.body(), ".m4a").toString())).isCloseTo(6.0, within(0.1));
    }

    @Test
    void withoutTheOptionsThereAreNoDownloadsAndAVideoWithoutSoundGetsNoM4a() {
        assertThat(transcoded(TestMedia.mp4(2, "320x240"), Map.of()).get("outputs").findValuesAsText("kind"))
                .doesNotContain("mp4", "m4a");
        JsonNode silent = transcoded(TestMedia.silentMp4(2, "320x240"), Map.of("mp4", true, "audioOnly", true));
        List<String> kinds = silent.get("outputs").findValuesAsText("kind");
        assertThat(kinds).contains("mp4").doesNotContain("m4a");
    }

    private JsonNode transcoded(byte[] video, Map<String, Object> options) {
        String body = Json.write(Map.of("fileName", "lecture.mp4", "contentType", "video/mp4",
                "sizeBytes", video.length, "transcode", options));
        HttpResponse<String> created = api.createUpload(token, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode upload = ApiClient.json(created);
        api.putBlob(upload, video);
        JsonNode done = api.awaitTerminal(token, upload.get("statusUrl").asText(), Duration.ofMinutes(3));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        return done;
    }

    private static Path saved(byte[] bytes, String suffix) {
        try {
            Path file = Files.createTempFile("download-", suffix);
            Files.write(file, bytes);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
