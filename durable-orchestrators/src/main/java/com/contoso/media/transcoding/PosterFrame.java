package com.contoso.media.transcoding;

import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.LoopbackBlobServer.ServedBlob;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the frame that stands for a video in lists: the first of the frames at 10 %, 20 % … 90 % of its length
 * that is neither near black nor blank. A frame is near black when its mean luma is under {@value #DARKEST} (of 255,
 * video range starting at 16) and blank when the middle 80 % of its pixels span under {@value #FLATTEST} luma
 * levels (a fade, a title card of one colour). Starting at 10 % skips the black lead-in and the slate most videos
 * open with. When no candidate passes, the one with the most contrast is used. Each candidate costs a seek and
 * one decoded frame, never a pass over the video.
 */
final class PosterFrame {

    /** Posters are for lists: at most this wide. */
    static final int WIDTH = 480;
    static final double DARKEST = 32;
    static final double FLATTEST = 16;
    private static final Pattern STAT = Pattern.compile("lavfi\\.signalstats\\.(YAVG|YLOW|YHIGH)=([0-9.]+)");

    private PosterFrame() {
    }

    /** A poster's size for a picture of {@code width} × {@code height}: at most {@link #WIDTH} wide, even. */
    static int[] size(int width, int height) {
        int posterWidth = Math.min(WIDTH, width);
        return new int[] {posterWidth, Math.max(2, (int) Math.round((double) height * posterWidth / width / 2) * 2)};
    }

    /** The time of the poster frame, in seconds. */
    static double pick(Ffmpeg ffmpeg, ServedBlob source, double durationSeconds) {
        double best = durationSeconds * 0.1;
        double bestContrast = -1;
        for (int tenth = 1; tenth <= 9; tenth++) {
            double at = durationSeconds * tenth / 10;
            double[] luma = luma(ffmpeg, source, at);
            if (luma == null) {
                continue;
            }
            double contrast = luma[2] - luma[1];
            if (luma[0] >= DARKEST && contrast >= FLATTEST) {
                return at;
            }
            if (contrast > bestContrast) {
                bestContrast = contrast;
                best = at;
            }
        }
        return best;
    }

    /** Mean, 10th and 90th percentile luma of the frame at {@code at}; null when there is none there. */
    private static double[] luma(Ffmpeg ffmpeg, ServedBlob source, double at) {
        String stats = ffmpeg.runForOutput(List.of("-ss", String.format(Locale.ROOT, "%.3f", at), "-i", source.url(),
                "-frames:v", "1", "-vf", "signalstats,metadata=mode=print:file=-", "-f", "null", "-"));
        double[] luma = new double[3];
        int found = 0;
        Matcher stat = STAT.matcher(stats);
        while (stat.find()) {
            int index = switch (stat.group(1)) {
                case "YAVG" -> 0;
                case "YLOW" -> 1;
                default -> 2;
            };
            luma[index] = Double.parseDouble(stat.group(2));
            found++;
        }
        return found >= 3 ? luma : null;
    }
}
