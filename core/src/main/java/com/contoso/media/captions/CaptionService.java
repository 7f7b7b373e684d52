package com.contoso.media.captions;

import com.contoso.media.auth.TenantPrincipal;
import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.http.ProblemException;
import com.contoso.media.logging.LogContext;
import com.contoso.media.transcoding.HlsPlaylist;
import com.contoso.media.uploads.CaptionTrack;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transcoded video's caption tracks. Adding one checks the file, writes it to the library as a whole WebVTT file
 * and as an HLS subtitles rendition cut on the video's segments ({@code hls/captions/{trackId}/}), records the
 * track, then rewrites the master playlist to list the record's tracks.
 *
 * <p>The record is the truth and the master playlist follows it. Recording a change sets {@code captionsPending};
 * whoever finds it set (this request, the next caption change, a read of the upload) rewrites the master from the
 * record's tracks and clears it. No change is recorded while it is set, so every rewrite in between writes the same
 * tracks, and a crash between the record and the master is mended by the next reader. A crash before the record
 * leaves an unlisted folder that nothing serves, removed with the upload.
 */
public final class CaptionService {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionService.class);
    /** Real subtitle files often run a little past the last frame; more than this is a wrong timing. */
    private static final long END_TOLERANCE_MILLIS = 1000;
    private static final int ATTEMPTS = 6;
    private static final String VTT = "text/vtt; charset=utf-8";
    private static final String PLAYLIST = "application/vnd.apple.mpegurl";
    /** Segment files are small and many; a few writes at once keep a long video's request short. */
    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "caption-writer");
        thread.setDaemon(true);
        return thread;
    });

    private final UploadRepository uploads;
    private final MediaStore store;
    private final BlobLayout layout;
    private final CaptionLimits limits;
    private final Clock clock;

    public CaptionService(UploadRepository uploads, MediaStore store, BlobLayout layout, CaptionLimits limits,
                          Clock clock) {
        this.uploads = uploads;
        this.store = store;
        this.layout = layout;
        this.limits = limits;
        this.clock = clock;
    }

    /** A track just added, and its upload as recorded with it. */
    public record Added(Upload upload, CaptionTrack track) {
    }

    public Added add(TenantPrincipal caller, String uploadId, NewCaptionTrack request, String body) {
        long size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > limits.maxFileBytes()) {
            throw new ProblemException(413, "caption_too_large", "The caption file is " + size + " bytes; the"
                    + " most a track may be is " + limits.maxFileBytes() + " bytes.");
        }
        try (LogContext ignored = LogContext.of(caller.tenantId(), uploadId, "-")) {
            Upload upload = transcodedVideo(caller, uploadId);
            CaptionFile file = CaptionFile.parse(body);
            checkWithin(file, upload);
            checkRoom(upload, request);
            String trackId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            long bytes = write(upload, trackId, file, StoredVideoTimeline.read(store, layout, upload));
            CaptionTrack track = new CaptionTrack(trackId, request.language(), request.label(),
                    request.defaultTrack(), file.cues().size(), bytes, clock.instant());
            Upload recorded;
            try {
                recorded = record(caller, uploadId, current -> {
                    checkRoom(current, request);
                    List<CaptionTrack> tracks = new ArrayList<>(current.captions().stream()
                            .map(other -> track.defaultTrack() ? other.asDefault(false) : other).toList());
                    tracks.add(track);
                    return tracks;
                });
            } catch (RuntimeException refused) {
                store.deleteAll(layout.mediaContainer(), folder(upload, trackId));
                throw refused;
            }
            Upload settled = settle(recorded);
            LOG.info("caption track {} added ({}, {} cues, {} bytes, from {})", trackId, track.language(),
                    track.cues(), bytes, file.format());
            return new Added(settled, track);
        }
    }

    /** The upload with its tracks, after mending a master playlist a crash left behind its record. */
    public Upload settled(TenantPrincipal caller, String uploadId) {
        return settle(find(caller, uploadId));
    }


    public void delete(TenantPrincipal caller, String uploadId, String trackId) {
        try (LogContext ignored = LogContext.of(caller.tenantId(), uploadId, "-")) {
            Upload after = record(caller, uploadId, current -> {
                if (current.captions().stream().noneMatch(track -> track.id().equals(trackId))) {
                    throw ProblemException.notFound("No caption track " + trackId + " on upload " + uploadId + ".");
                }
                return current.captions().stream().filter(track -> !track.id().equals(trackId)).toList();
            });
            settle(after);
            // After the master stopped listing it: a player never meets a track whose files are gone.
            store.deleteAll(layout.mediaContainer(), folder(after, trackId));
            LOG.info("caption track {} deleted", trackId);
        }
    }

    /**
     * The record once its master playlist lists exactly its tracks: a no-op unless {@code captionsPending} is set.
     * Every writer renders the record's own tracks, so concurrent settles write the same playlist.
     */
    public Upload settle(Upload upload) {
        Upload current = upload;
        for (int attempt = 1; attempt <= ATTEMPTS && current.captionsPending(); attempt++) {
            List<CaptionTrack> rendered = current.captions();
            BlobRef master = layout.library(current.tenantId(), current.id(), "hls/master.m3u8");
            store.write(master, MasterWithSubtitles.render(HlsPlaylist.text(store, master), rendered)
                    .getBytes(StandardCharsets.UTF_8), PLAYLIST);
            Upload latest = current;
            current = uploads.transition(current.tenantId(), current.id(),
                            now -> now.captionsPending() && now.captions().equals(rendered), Upload::captionsListed)
                    .or(() -> uploads.find(latest.tenantId(), latest.id()))
                    .orElse(latest);
        }
        return current;
    }

    /**
     * Records the tracks {@code next} computes from the current record (settling a pending master first), and
     * returns the record written, still pending.
     */
    private Upload record(TenantPrincipal caller, String uploadId, Function<Upload, List<CaptionTrack>> next) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Upload current = transcodedVideo(caller, uploadId);
            if (current.captionsPending()) {
                settle(current);
                continue;
            }
            try {
                return uploads.replace(current.withCaptions(next.apply(current), clock.instant()));
            } catch (ConcurrentUpdateException lostRace) {
                // Another change landed first: read it and decide again.
            }
        }
        throw new ProblemException(409, "captions_busy", "The captions of upload " + uploadId + " are being"
                + " changed by another request; try again in a moment.").withHeader("Retry-After", "1");
    }

    private long write(Upload upload, String trackId, CaptionFile file, StoredVideoTimeline timeline) {
        SubtitlePlaylist hls = SubtitlePlaylist.of(file.cues(), timeline.segmentSeconds(), timeline.startTicks());
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        writes.add(writeAsync(upload, trackId, "captions.vtt", WebVtt.file(file.cues()), VTT));
        for (Map.Entry<String, String> segment : hls.files().entrySet()) {
            writes.add(writeAsync(upload, trackId, segment.getKey(), segment.getValue(), VTT));
        }
        try {
            long bytes = writes.stream().mapToLong(CompletableFuture::join).sum();
            // The playlist last: it names the segments, so nothing may read it before they are there.
            return bytes + writeAsync(upload, trackId, "index.m3u8", hls.playlist(), PLAYLIST).join();
        } catch (RuntimeException failed) {
            store.deleteAll(layout.mediaContainer(), folder(upload, trackId));
            throw failed;
        }
    }

    private CompletableFuture<Long> writeAsync(Upload upload, String trackId, String name, String text,
                                               String contentType) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        BlobRef blob = layout.library(upload.tenantId(), upload.id(), "hls/" + folderPath(trackId) + name);
        return CompletableFuture.supplyAsync(() -> {
            store.write(blob, bytes, contentType);
            return (long) bytes.length;
        }, WRITERS);
    }

    /** The blob of a track's whole WebVTT file, for its download URL. */
    public BlobRef file(Upload upload, String trackId) {
        return layout.library(upload.tenantId(), upload.id(), "hls/" + folderPath(trackId) + "captions.vtt");
    }

    private String folder(Upload upload, String trackId) {
        return BlobLayout.uploadFolder(upload.tenantId(), upload.id()) + "hls/" + folderPath(trackId);
    }

    private static String folderPath(String trackId) {
        return "captions/" + trackId + "/";
    }

    private Upload find(TenantPrincipal caller, String uploadId) {
        return uploads.find(caller.tenantId(), uploadId).filter(upload -> upload.status() != UploadStatus.Deleted)
                .orElseThrow(() -> ProblemException.notFound("No upload " + uploadId + "."));
    }

    private Upload transcodedVideo(TenantPrincipal caller, String uploadId) {
        Upload upload = find(caller, uploadId);
        boolean hls = upload.outputs().stream().anyMatch(output -> output.kind().equals(UploadOutput.HLS_MASTER));
        if (upload.status() != UploadStatus.Succeeded || !upload.isVideo() || !hls || upload.media().isEmpty()) {
            throw new ProblemException(409, "captions_need_video", "Upload " + uploadId + " is not a transcoded"
                    + " video (it is " + upload.status() + (upload.isVideo() ? "" : ", " + upload.contentType())
                    + "); caption tracks are added to Succeeded videos.");
        }
        return upload;
    }

    private static void checkWithin(CaptionFile file, Upload upload) {
        long videoMillis = Math.round(upload.media().orElseThrow().durationSeconds() * 1000);
        file.cues().stream().filter(cue -> cue.startMillis() >= videoMillis
                        || cue.endMillis() > videoMillis + END_TOLERANCE_MILLIS).findFirst()
                .ifPresent(cue -> {
                    throw ProblemException.badRequest("caption_past_end", "A cue from "
                            + WebVtt.timestamp(cue.startMillis()) + " to " + WebVtt.timestamp(cue.endMillis())
                            + " lies past the end of the video (" + WebVtt.timestamp(videoMillis) + "); fix its"
                            + " timing or remove it.");
                });
    }

    private void checkRoom(Upload upload, NewCaptionTrack request) {
        if (upload.captions().size() >= limits.maxTracks()) {
            throw new ProblemException(409, "caption_limit_reached", "Upload " + upload.id() + " already has "
                    + upload.captions().size() + " caption tracks, the most a video may have; delete one first.");
        }
        if (upload.captions().stream().anyMatch(track -> track.label().equalsIgnoreCase(request.label()))) {
            throw new ProblemException(409, "duplicate_caption_label", "Upload " + upload.id() + " already has a"
                    + " caption track labelled '" + request.label() + "'; players list tracks by label, so give"
                    + " this one another (?label=...).");
        }
    }
}
