package com.contoso.media.transcoding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ffmpeg arguments for one HLS VOD rendition in fragmented MP4 (HLS v7): every current player plays it, and
 * the static ffmpeg build the app ships cannot demux MPEG-TS (it crashes reading .ts), while it reads fMP4.
 */
final class HlsCommand {

    private HlsCommand() {
    }

    static List<String> forRung(Path source, Path outputDir, Rung rung, int segmentSeconds, boolean withAudio) {
        List<String> args = new ArrayList<>(List.of(
                "-i", source.toString(),
                "-map", "0:v:0",
                "-vf", "scale=" + rung.width() + ":" + rung.height(),
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
