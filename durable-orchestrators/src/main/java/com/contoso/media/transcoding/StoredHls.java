package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An upload's HLS as it lies in the library, read back by the activities that work from encoded segments rather
 * than the source (clips, downloads, the storyboard): a rendition's init segment followed by its media segments as
 * one fragmented MP4 file, which is what fMP4 HLS is. Its playlists are read with {@link HlsPlaylist#stored}.
 */
final class StoredHls {

    private StoredHls() {
    }

    /**
     * The init segment and the first {@code segments} media segments of {@code playlist} (its index's blob),
     * downloaded one by one into {@code target}.
     */
    static Path join(MediaStore store, BlobRef index, HlsPlaylist playlist, int segments, Path target)
            throws IOException {
        List<String> files = new ArrayList<>(List.of(playlist.initFile()));
        files.addAll(playlist.segmentFiles().subList(0, Math.min(segments, playlist.segmentFiles().size())));
        try (OutputStream out = Files.newOutputStream(target)) {
            for (String file : files) {
                append(store, index, file, out, target);
            }
        }
        return target;
    }

    /**
     * One media segment of {@code index}'s rendition behind its init segment, fetched already to {@code init} (a
     * {@link #join} of no segments): a playable fMP4 of its own, for when many are wanted and one init serves all.
     */
    static Path behind(Path init, MediaStore store, BlobRef index, String segment, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            Files.copy(init, out);
            append(store, index, segment, out, target);
        }
        return target;
    }

    /** Downloads {@code file} of {@code index}'s folder beside {@code target}, and appends it to {@code out}. */
    private static void append(MediaStore store, BlobRef index, String file, OutputStream out, Path target)
            throws IOException {
        String folder = index.name().substring(0, index.name().lastIndexOf('/') + 1);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            store.downloadTo(new BlobRef(index.container(), folder + file), part);
            Files.copy(part, out);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
