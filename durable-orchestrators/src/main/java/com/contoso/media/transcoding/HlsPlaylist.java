package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a media playlist ffmpeg wrote: the fMP4 initialization segment ({@code EXT-X-MAP}) and the media
 * segments with their durations, to upload them and measure bitrates. It reads what ffmpeg wrote for one chunk.
 */
record HlsPlaylist(String initFile, List<String> segmentFiles, List<Double> segmentSeconds) {

    private static final Pattern MAP_URI = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"");

    static HlsPlaylist read(Path playlist) throws IOException {
        return parse(Files.readAllLines(playlist), playlist.toString());
    }

    /** A media playlist's text, as read from a blob; {@code where} names it in the error. */
    static HlsPlaylist parse(List<String> lines, String where) {
        List<String> files = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        String init = null;
        double pending = 0;
        for (String line : lines) {
            Matcher map = MAP_URI.matcher(line);
            if (map.find()) {
                init = map.group(1);
            } else if (line.startsWith("#EXTINF:")) {
                pending = Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                files.add(line.trim());
                seconds.add(pending);
            }
        }
        if (init == null) {
            throw new IllegalStateException("no EXT-X-MAP initialization segment in " + where);
        }
        return new HlsPlaylist(init, files, seconds);
    }

    /** The segments with their sizes, as they lie in {@code dir}. */
    List<Segment> segments(Path dir) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < segmentFiles.size(); i++) {
            segments.add(new Segment(segmentFiles.get(i), segmentSeconds.get(i), size(dir.resolve(segmentFiles.get(i)))));
        }
        return segments;
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
