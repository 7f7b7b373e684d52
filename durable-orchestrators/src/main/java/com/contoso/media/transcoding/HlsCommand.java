package com.contoso.media.transcoding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ffmpeg arguments for HLS in fragmented MP4 (HLS v7): every current player plays it, and the static ffmpeg build
 * the app ships cannot demux MPEG-TS (it crashes reading .ts), while it reads fMP4.
 *
 * <p>Chunks are encoded apart and must play as one pass. Each chunk's timestamps are shifted to where it sits
 * in the whole ({@code -output_ts_offset}), so {@code tfdt} continues across chunks and one init segment serves
 * them all. Everything, audio included, is shifted a further {@link #TIMELINE_OFFSET_SECONDS}: with B-frames the
 * first chunk's decode times start below zero, and the MP4 muxer would then move that chunk alone forward by
 * the reorder delay, overlapping the next chunk by two frames (measured: 718 of 720 frames decoded). With every
 * chunk positive, no chunk is moved. Audio is its own rendition that every variant plays, encoded in stretches beside
 * the chunks ({@link AudioPlanner}), each with a pre-roll either side, so the stretches join without a gap or a click.
 */
public final class HlsCommand {

    static final int TIMELINE_OFFSET_SECONDS = 10;
    public static final int AUDIO_KBPS = 128;

    private HlsCommand() {
    }

    /**
     * One chunk of every given rung from one decode of the source. Seeking reads only the chunk's byte ranges
     * through the URL. The seek lands on the chunk's first frame, rounded down to the microsecond so that frame is
     * never missed (an earlier seek would be rounded up to a whole frame by the encoder, shifting the chunk), and
     * the frame count ends it, so each frame is in exactly one chunk.
     */
    public static List<String> forChunk(String source, Chunk chunk, List<Path> outputDirs,
                                        List<Rung> rungs, int segmentSeconds, int threads) {
        double seek = Math.floor(chunk.startSeconds() * 1e6) / 1e6;
        List<String> args = new ArrayList<>();
        if (seek > 0) {
            args.addAll(List.of("-ss", seconds(seek)));
        }
        if (!chunk.last() && chunk.frames() == 0) {
            args.addAll(List.of("-t", seconds(chunk.durationSeconds())));
        }
        // Frames keep their own timestamps: constant-rate output would repeat the first frame to fill the half frame
        // before it, and the frame count would then cut the chunk's real last frame.
        args.addAll(List.of("-i", source, "-filter_complex", scaleGraph(rungs), "-vsync", "passthrough"));
        for (int i = 0; i < rungs.size(); i++) {
            args.addAll(List.of("-map", "[out" + i + "]"));
            if (!chunk.last() && chunk.frames() > 0) {
                args.addAll(List.of("-frames:v", String.valueOf(chunk.frames())));
            }
            args.addAll(video(rungs.get(i), segmentSeconds));
            args.addAll(threads(threads));
            args.addAll(List.of("-output_ts_offset", seconds(TIMELINE_OFFSET_SECONDS + seek)));
            args.addAll(hls(outputDirs.get(i), segmentSeconds, chunk.firstSegment()));
        }
        return args;
    }

    /**
     * Step one of a stretch's audio ({@link AudioStretch}): the stretch and one grid step of the source on each side,
     * decoded, resampled and encoded to AAC, into an MP4. The step before feeds the resampler and the encoder's first
     * overlap, so the stretch's first frame is made from the sound before it, as a single pass would make it; at the
     * start of the file that step is silence, for the same reason (and so no stretch carries the encoder's priming).
     * The step after lets the stretch's last frame overlap the next stretch's first.
     */
    public static List<String> forAudioStretch(String source, AudioStretch stretch, Path part, int threads) {
        double preRoll = AudioPlanner.GRID_SECONDS;
        boolean fromTheTop = fromTheTop(stretch);
        List<String> args = new ArrayList<>();
        if (!fromTheTop) {
            args.addAll(List.of("-ss", seconds(stretch.startSeconds() - preRoll)));
        }
        if (!stretch.last()) {
            args.addAll(List.of("-t", seconds(fromTheTop ? stretch.startSeconds() + stretch.durationSeconds()
                    + preRoll : stretch.durationSeconds() + 2 * preRoll)));
        }
        // The sound where its timestamps put it: silence where it has none (a track that starts late, a gap), so
        // every stretch agrees with the picture and with its neighbours on where each sample lies.
        String timeline = "aresample=async=1:first_pts=0";
        args.addAll(List.of("-i", source, "-map", "0:a:0", "-vn", "-af", fromTheTop
                ? timeline + ",adelay=delays=" + Math.round(preRoll * 1000) + ":all=1" : timeline));
        args.addAll(aac());
        args.addAll(threads(threads));
        args.add(part.toString());
        return args;
    }

    /**
     * Step two: the stretch itself, cut out of the part by stream copy and segmented. Its ends are whole frames of
     * the part, so the cut keeps exactly the stretch's frames; its timestamps start at zero, and the caller moves
     * them to the stretch's start on the video's timeline.
     */
    public static List<String> forAudioSegments(Path part, AudioStretch stretch, Path outputDir, int segmentSeconds) {
        double startInPart = AudioPlanner.GRID_SECONDS + (fromTheTop(stretch) ? stretch.startSeconds() : 0);
        List<String> args = new ArrayList<>(List.of("-i", part.toString(), "-ss", seconds(startInPart)));
        if (!stretch.last()) {
            args.addAll(List.of("-t", seconds(stretch.durationSeconds())));
        }
        args.addAll(List.of("-map", "0:a:0", "-c", "copy",
                "-output_ts_offset", String.valueOf(TIMELINE_OFFSET_SECONDS)));
        args.addAll(hls(outputDir, segmentSeconds, stretch.firstSegment()));
        return args;
    }

    /**
     * Whether a stretch's part starts at the top of the file (after a step of silence) rather than a step before the
     * stretch: when the stretch starts within a step of the top.
     */
    private static boolean fromTheTop(AudioStretch stretch) {
        return stretch.startSeconds() < AudioPlanner.GRID_SECONDS;
    }

    /** AAC-LC stereo at 48 kHz: every rendition's sound. */
    private static List<String> aac() {
        return List.of("-c:a", "aac", "-b:a", AUDIO_KBPS + "k", "-ac", "2",
                "-ar", String.valueOf(AudioPlanner.SAMPLE_RATE));
    }

    /**
     * The encoder's share of the instance: x264 would otherwise start 1.5 threads per core for every run, and the
     * runs an instance makes side by side would fight over the same cores.
     */
    private static List<String> threads(int threads) {
        return List.of("-threads", String.valueOf(threads));
    }

    private static String scaleGraph(List<Rung> rungs) {
        StringBuilder graph = new StringBuilder("[0:v]split=" + rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            graph.append("[in").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            graph.append(";[in").append(i).append("]scale=").append(rungs.get(i).width()).append(':')
                    .append(rungs.get(i).height()).append("[out").append(i).append(']');
        }
        return graph.toString();
    }

    private static List<String> video(Rung rung, int segmentSeconds) {
        return List.of(
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-level:v", rung.h264Level(),
                "-pix_fmt", "yuv420p",
                "-b:v", rung.videoKbps() + "k", "-maxrate", rung.maxrateKbps() + "k", "-bufsize", rung.bufsizeKbps() + "k",
                // Keyframes on the same timestamps in every rung and every chunk, so players switch cleanly.
                "-force_key_frames", "expr:gte(t,n_forced*" + segmentSeconds + ")", "-sc_threshold", "0");
    }

    private static List<String> hls(Path outputDir, int segmentSeconds, int firstSegment) {
        return List.of("-f", "hls", "-hls_time", String.valueOf(segmentSeconds), "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
                "-start_number", String.valueOf(firstSegment),
                "-hls_segment_filename", outputDir.resolve("seg_%05d.m4s").toString(),
                outputDir.resolve("index.m3u8").toString());
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
