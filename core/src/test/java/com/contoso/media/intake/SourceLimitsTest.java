package com.contoso.media.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.UploadError;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceLimitsTest {

    private final SourceLimits defaults = SourceLimits.from(new Settings(Map.of()));

    @Test
    void theDefaultsAcceptFourHoursOf4kAt120FramesInTwentySecondChunks() {
        assertThat(defaults).isEqualTo(new SourceLimits(14_400, 4096, 4096, 4096L * 2304, 120, 1800, 20));
        assertThat(defaults.problemWith(new MediaInfo(14_400, 4096, 2304, 120, true, 0), Optional.empty())).isEmpty();
        assertThat(defaults.problemWith(new MediaInfo(14_400, 2304, 4096, 120, true, 0), Optional.of(8)))
                .as("portrait 4k, at the shortest chunk").isEmpty();
    }

    @Test
    void oneStepPastEachLimitIsRejectedWithItsCode() {
        assertThat(code(new MediaInfo(14_400.5, 640, 360, 30, true, 0))).isEqualTo("duration_too_long");
        assertThat(code(new MediaInfo(10, 4097, 100, 30, true, 0))).isEqualTo("frame_too_large");
        assertThat(code(new MediaInfo(10, 100, 4097, 30, true, 0))).isEqualTo("frame_too_large");
        assertThat(code(new MediaInfo(10, 4096, 2305, 30, true, 0))).isEqualTo("too_many_pixels");
        assertThat(code(new MediaInfo(10, 640, 360, 120.01, true, 0))).isEqualTo("frame_rate_too_high");
    }

    @Test
    void theChunkCountFollowsTheUploadsOwnChunkLength() {
        SourceLimits fewChunks = new SourceLimits(14_400, 4096, 4096, 4096L * 2304, 120, 100, 20);
        MediaInfo hour = new MediaInfo(3600, 640, 360, 30, true, 0);

        assertThat(fewChunks.problemWith(hour, Optional.of(60))).isEmpty();
        UploadError error = fewChunks.problemWith(hour, Optional.of(10)).orElseThrow();
        assertThat(error.code()).isEqualTo("too_many_chunks");
        assertThat(error.message()).contains("360 chunks of 10 s", "most accepted is 100");
        assertThat(fewChunks.problemWith(hour, Optional.empty())).map(UploadError::code).contains("too_many_chunks");
    }

    @Test
    void thePlausibilityCheckLooksALittleBeforeTheClaimedEnd() {
        assertThat(SourceLimits.plausibilityCheckpoint(new MediaInfo(6, 640, 360, 30, true, 0))).isEqualTo(4);
        assertThat(SourceLimits.plausibilityCheckpoint(new MediaInfo(36_000, 640, 360, 30, true, 0))).isEqualTo(34_200);
        assertThat(SourceLimits.plausibilityCheckpoint(new MediaInfo(1, 640, 360, 30, true, 0))).isZero();
        assertThat(SourceLimits.implausibleDuration(new MediaInfo(36_000, 640, 360, 30, true, 0)).message())
                .isEqualTo("The file claims to last 10:00:00 (36000 s), but holds no video near its end.");
    }

    private String code(MediaInfo media) {
        return defaults.problemWith(media, Optional.empty()).map(UploadError::code).orElse("none");
    }
}
