package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A video that opens on four seconds of black gets a poster from past the black, small enough for a list, and the
 * list shows it (a signed URL on each item).
 */
class PosterE2ETest {

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String token = host.tokens().mint("poster-" + UUID.randomUUID().toString().substring(0, 8),
            Duration.ofMinutes(10));

    @Test
    void thePosterSkipsABlackLeadInAndIsListed() throws IOException {
        byte[] video = TestMedia.mp4WithBlackLeadIn(4, 10, "640x360");
        JsonNode created = ApiClient.json(api.createUpload(token, "dark-open.mp4", "video/mp4", video.length));
        api.putBlob(created, video);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofMinutes(3));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");

        JsonNode poster = ApiClient.output(done, "poster");
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(api.download(poster.get("url").asText()).body()));
        assertThat(picture.getWidth()).isEqualTo(480);
        assertThat(picture.getHeight()).isEqualTo(270);
        assertThat(meanLuma(picture)).as("not the black lead-in").isGreaterThan(40);
        JsonNode thumbnail = ApiClient.output(done, "thumbnail");
        assertThat(thumbnail).as("the thumbnails are still taken where they always were").isNotNull();

        JsonNode item = ApiClient.json(api.get(token, "/api/uploads")).get("items").get(0);
        assertThat(item.get("poster").asText()).startsWith("http");
        assertThat(api.download(item.get("poster").asText()).statusCode()).isEqualTo(200);
    }

    private static double meanLuma(BufferedImage picture) {
        double sum = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int rgb = picture.getRGB(x, y);
                sum += 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
            }
        }
        return sum / (picture.getWidth() * picture.getHeight());
    }
}
