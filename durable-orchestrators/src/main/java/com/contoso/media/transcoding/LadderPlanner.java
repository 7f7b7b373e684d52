package com.contoso.media.transcoding;

import com.contoso.media.uploads.MediaInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the rungs for one source. Pure and deterministic, so the orchestrator may call it directly:
 * never upscale, keep the source's display aspect ratio, even dimensions (x264 with yuv420p needs them),
 * and at least one rung for any valid source.
 */
public final class LadderPlanner {

    private LadderPlanner() {
    }

    public static List<Rung> plan(MediaInfo source, List<Rung> ladder) {
        int sourceHeight = source.height();
        double aspect = (double) source.width() / source.height();
        List<Rung> plan = new ArrayList<>();
        for (Rung rung : ladder) {
            if (rung.height() <= sourceHeight) {
                plan.add(sized(rung, rung.height(), aspect));
            }
        }
        if (plan.isEmpty()) {
            // Smaller than the lowest rung: one rendition at the source's own size, bitrate scaled by pixel count.
            Rung lowest = ladder.get(ladder.size() - 1);
            int height = even(sourceHeight);
            double scale = (double) height / lowest.height();
            int kbps = Math.max(100, (int) Math.round(lowest.videoKbps() * scale * scale));
            plan.add(sized(TranscodeSettings.rung(height, kbps), height, aspect));
        }
        return plan;
    }

    private static Rung sized(Rung rung, int height, double aspect) {
        int evenHeight = even(height);
        return new Rung(rung.name(), nearestEven(evenHeight * aspect), evenHeight, rung.videoKbps(),
                rung.maxrateKbps(), rung.bufsizeKbps(), rung.audioKbps(), rung.h264Level());
    }

    /** The even width closest to the exact one, so the aspect ratio drifts as little as possible (854x480). */
    private static int nearestEven(double value) {
        return Math.max(2, 2 * (int) Math.round(value / 2));
    }

    private static int even(int value) {
        return Math.max(2, value - value % 2);
    }
}
