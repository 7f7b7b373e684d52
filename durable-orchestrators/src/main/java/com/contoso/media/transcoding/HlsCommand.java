package com.contoso.media.transcoding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ffmpeg arguments for one HLS VOD rendition in fragmented MP4 (HLS v7): every current player plays it, and
 * the static ffmpeg build the app ships cannot demux MPEG-TS (it crashes reading .ts), while it reads fMP4.
 */
public final class HlsCommand {

    private HlsCommand() {
    }

    /** One process per rung: what each EncodeRendition activity runs, so rungs can spread over instances. */
    public static List<String> forRung(Path source, Path outputDir, Rung rung, int segmentSeconds, boolean withAudio) {
        List<String> args = new ArrayList<>(List.of("-i", source.toString(), "-map", "0:v:0",
                "-vf", "scale=" + rung.width() + ":" + rung.height()));
        args.addAll(output(outputDir, rung, segmentSeconds, withAudio));
        return args;
    }

    /** One process, one decode, every rung as its own output: less work on a single machine. */
    public static List<String> forLadder(Path source, List<Path> outputDirs, List<Rung> rungs, int segmentSeconds,
                                         boolean withAudio) {
        StringBuilder graph = new StringBuilder("[0:v]split=" + rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            graph.append("[in").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            graph.append(";[in").append(i).append("]scale=").append(rungs.get(i).width()).append(':')
                    .append(rungs.get(i).height()).append("[out").append(i).append(']');
        }
        List<String> args = new ArrayList<>(List.of("-i", source.toString(), "-filter_complex", graph.toString()));
        for (int i = 0; i < rungs.size(); i++) {
            args.addAll(List.of("-map", "[out" + i + "]"));
            args.addAll(output(outputDirs.get(i), rungs.get(i), segmentSeconds, withAudio));
        }
        return args;
    }

    private static List<String> output(Path outputDir, Rung rung, int segmentSeconds, boolean withAudio) {
        List<String> args = new ArrayList<>(List.of(
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-level:v", rung.h264Level(),
                "-pix_fmt", "yuv420p",
                "-b:v", rung.videoKbps() + "k", "-maxrate", rung.maxrateKbps() + "k", "-bufsize", rung.bufsizeKbps() + "k",
                // Keyframes on the same timestamps in every rung, whatever the frame rate, so players switch cleanly.
                "-force_key_frames", "expr:gte(t,n_forced*" + segmentSeconds + ")", "-sc_threshold", "0"));
        if (withAudio) {
            args.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", rung.audioKbps() + "k", "-ac", "2", "-ar", "48000"));
        }
        args.addAll(List.of(
                "-f", "hls", "-hls_time", String.valueOf(segmentSeconds), "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", outputDir.resolve("seg_%05d.m4s").toString(),
                outputDir.resolve("index.m3u8").toString()));
        return args;
    }
}
