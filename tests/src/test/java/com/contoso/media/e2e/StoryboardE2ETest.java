package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A transcoded video's storyboard: its sprite sheet decodes at 10 × 10 tiles, and its WebVTT cues follow one another
 * from 0 to the video's end, each pointing at a tile inside the sheet.
 */
class StoryboardE2ETest {

    private static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d\\.\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d\\.\\d{3})\\n(sprite-\\d{3}\\.jpg)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String token = host.tokens().mint("storyboard-" + UUID.randomUUID().toString().substring(0, 8),
            Duration.ofMinutes(10));

    @Test
    void theSpriteDecodesAndTheCuesCoverTheWholeVideo() throws IOException {
        byte[] video = TestMedia.mp4(12, "640x360");
        JsonNode created = ApiClient.json(api.createUpload(token, "walk.mp4", "video/mp4", video.length));
        api.putBlob(created, video);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofMinutes(3));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");

        JsonNode sprite = ApiClient.output(done, "sprite");
        assertThat(sprite.get("label").asText()).isEqualTo("sprite-001.jpg");
        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(api.download(sprite.get("url").asText()).body()));
        assertThat(sheet.getWidth()).isEqualTo(1600);
        assertThat(sheet.getHeight()).isEqualTo(900);

        String vtt = new String(api.download(ApiClient.output(done, "storyboard").get("url").asText()).body(),
                StandardCharsets.UTF_8);
        assertThat(vtt).startsWith("WEBVTT");
        List<double[]> spans = new ArrayList<>();
        Matcher cue = CUE.matcher(vtt);
        while (cue.find()) {
            spans.add(new double[] {seconds(cue, 1), seconds(cue, 4)});
            assertThat(Integer.parseInt(cue.group(8)) + Integer.parseInt(cue.group(10))).isLessThanOrEqualTo(1600);
            assertThat(Integer.parseInt(cue.group(9)) + Integer.parseInt(cue.group(11))).isLessThanOrEqualTo(900);
        }
        assertThat(spans).hasSize(12);
        assertThat(spans.get(0)[0]).isZero();
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).isEqualTo(spans.get(i - 1)[1]);
        }
        assertThat(spans.get(spans.size() - 1)[1]).isCloseTo(done.at("/media/durationSeconds").asDouble(),
                within(0.1));
        // The last tiles are the video's, not black padding: the tile of second 11 is the picture at second 11.
        int lastTile = sheet.getRGB(160 + 80, 90 + 45);
        assertThat(lastTile & 0xffffff).as("tile 12 is drawn").isNotZero();
    }

    private static double seconds(Matcher cue, int group) {
        return Integer.parseInt(cue.group(group)) * 3600 + Integer.parseInt(cue.group(group + 1)) * 60
                + Double.parseDouble(cue.group(group + 2));
    }
}
