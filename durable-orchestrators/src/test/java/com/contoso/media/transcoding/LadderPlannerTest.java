package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.uploads.MediaInfo;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LadderPlannerTest {

    private static final List<Rung> LADDER = TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER);

    @ParameterizedTest(name = "{0}x{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "1920 | 1080 | 1920x1080 1280x720 854x480 640x360",
        "1280 | 720  | 1280x720 854x480 640x360",
        "3840 | 2160 | 1920x1080 1280x720 854x480 640x360",
        "1080 | 1920 | 608x1080 406x720 270x480 202x360",
        "640  | 480  | 640x480 480x360",
        "426  | 240  | 426x240",
        "175  | 99   | 174x98",
    })
    void neverUpscalesKeepsTheAspectRatioAndUsesEvenSizes(int width, int height, String expected) {
        List<Rung> plan = LadderPlanner.plan(new MediaInfo(10, width, height, 30, true, 0), LADDER);

        assertThat(plan).extracting(r -> r.width() + "x" + r.height()).containsExactly(expected.split(" "));
        assertThat(plan).allSatisfy(rung -> {
            assertThat(rung.width() % 2).isZero();
            assertThat(rung.height() % 2).isZero();
            assertThat(rung.height()).isLessThanOrEqualTo(height);
            assertThat(rung.videoKbps()).isPositive();
        });
    }
}
