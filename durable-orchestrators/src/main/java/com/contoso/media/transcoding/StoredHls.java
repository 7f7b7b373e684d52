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
        return join(store, index, playlist, playlist.segmentFiles().subList(0,
                Math.min(segments, playlist.segmentFiles().size())), target);
    }

    /** The init segment and the given media segments of {@code playlist}, in the order given. */
    static Path join(MediaStore store, BlobRef index, HlsPlaylist playlist, List<String> segments, Path target)
            throws IOException {
        String folder = index.name().substring(0, index.name().lastIndexOf('/') + 1);
        List<String> files = new ArrayList<>(List.of(playlist.initFile()));
        files.addAll(segments);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(target)) {
            for (String file : files) {
                store.downloadTo(new BlobRef(index.container(), folder + file), part);
                Files.copy(part, out);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }
}
