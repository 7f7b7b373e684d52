package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of an fMP4 media playlist: the initialization segment ({@code EXT-X-MAP}) and the media segments with
 * their durations. Read from what ffmpeg wrote for one chunk (to upload it and measure bitrates), and from the
 * library (the activities that work from encoded segments, and caption tracks cut on a video's segments).
 */
public record HlsPlaylist(String initFile, List<String> segmentFiles, List<Double> segmentSeconds) {

    /** Playlists are small; anything past this is not one this service wrote. */
    private static final int MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
    private static final Pattern MAP_URI = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"");

    public static HlsPlaylist read(Path playlist) throws IOException {
        return parse(Files.readAllLines(playlist), playlist.toString());
    }

    /** A playlist as it lies in the library. */
    public static HlsPlaylist stored(MediaStore store, BlobRef index) {
        return parse(text(store, index).lines().toList(), index.name());
    }

    /** A playlist blob's text (a master or a media playlist). */
    public static String text(MediaStore store, BlobRef playlist) {
        return new String(store.readHead(playlist, MAX_PLAYLIST_BYTES), StandardCharsets.UTF_8);
    }

    /** A media playlist's text, as read from a blob; {@code where} names it in the error. */
    public static HlsPlaylist parse(List<String> lines, String where) {
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
}
