package com.contoso.media.transcoding;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How videos are transcoded, from app settings. The ladder is {@code height:videoKbps} pairs, highest first,
 * e.g. {@code 1080:5000,720:2800,480:1400,360:800}; widths follow each source's aspect ratio.
 * The source is cut into chunks of about {@code chunkSeconds}, encoded side by side, at most {@code maxParallel}
 * encode activities at once. {@code oneDecode} encodes every rung of a chunk in one ffmpeg process (one decode,
 * ~15% less CPU: the better choice on a single machine); otherwise each chunk of each rung is its own activity,
 * which Functions spreads over more instances. {@code queuePoll} is the longest wait between a queued video's checks
 * for a free slot. {@code mp4} and {@code audioOnly} are the downloads every video gets unless its upload chose.
 */
public record TranscodeSettings(List<Rung> ladder, int segmentSeconds, Duration stepTimeout, Duration deadline,
                                Duration firstRetry, boolean oneDecode, int chunkSeconds, int maxParallel,
                                Duration queuePoll, boolean mp4, boolean audioOnly) {

    public TranscodeSettings(List<Rung> ladder, int segmentSeconds, Duration stepTimeout, Duration deadline,
                             Duration firstRetry, boolean oneDecode, int chunkSeconds, int maxParallel,
                             Duration queuePoll) {
        this(ladder, segmentSeconds, stepTimeout, deadline, firstRetry, oneDecode, chunkSeconds, maxParallel,
                queuePoll, false, false);
    }

    public static final String PER_RUNG = "per-rung";
    public static final String ONE_DECODE = "one-decode";

    public static final String DEFAULT_LADDER = AppSetting.TRANSCODE_LADDER.defaultValue();

    public static TranscodeSettings from(Settings settings) {
        return new TranscodeSettings(
                parseLadder(settings.get(AppSetting.TRANSCODE_LADDER)),
                (int) settings.getLong(AppSetting.TRANSCODE_SEGMENT_SECONDS),
                Duration.ofMinutes(settings.getLong(AppSetting.TRANSCODE_STEP_TIMEOUT_MINUTES)),
                Duration.ofMinutes(settings.getLong(AppSetting.TRANSCODE_DEADLINE_MINUTES)),
                Duration.ofSeconds(settings.getLong(AppSetting.TRANSCODE_RETRY_FIRST_SECONDS)),
                encodeMode(settings.get(AppSetting.TRANSCODE_ENCODE_MODE)),
                (int) settings.getLong(AppSetting.TRANSCODE_CHUNK_SECONDS),
                (int) settings.getLong(AppSetting.TRANSCODE_MAX_PARALLEL),
                Duration.ofSeconds(Math.max(1, settings.getLong(AppSetting.TRANSCODE_QUEUE_POLL_SECONDS))),
                Boolean.parseBoolean(settings.get(AppSetting.TRANSCODE_MP4)),
                Boolean.parseBoolean(settings.get(AppSetting.TRANSCODE_AUDIO_ONLY)));
    }


    private static boolean encodeMode(String mode) {
        if (!mode.equals(PER_RUNG) && !mode.equals(ONE_DECODE)) {
            throw new IllegalStateException("TRANSCODE_ENCODE_MODE must be " + PER_RUNG + " or " + ONE_DECODE);
        }
        return mode.equals(ONE_DECODE);
    }

    public static List<Rung> parseLadder(String spec) {
        return Arrays.stream(spec.split(","))
                .map(String::trim)
                .map(pair -> pair.split(":"))
                .map(pair -> rung(Integer.parseInt(pair[0].trim()), Integer.parseInt(pair[1].trim())))
                .sorted((a, b) -> Integer.compare(b.height(), a.height()))
                .toList();
    }

    /** Peaks capped at 1.07x the average and a two-second buffer: common VOD practice for HLS ladders. */
    static Rung rung(int height, int videoKbps) {
        String level = height > 720 ? "4.0" : height > 480 ? "3.1" : "3.0";
        int audioKbps = height >= 720 ? 128 : 96;
        return new Rung(height + "p", 0, height, videoKbps, (int) Math.round(videoKbps * 1.07), videoKbps * 2,
                audioKbps, level);
    }
}
