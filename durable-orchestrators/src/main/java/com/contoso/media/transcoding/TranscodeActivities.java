package com.contoso.media.transcoding;

import com.contoso.media.intake.MediaProbe;
import com.contoso.media.intake.UsableVideo;
import com.contoso.media.logging.LogContext;
import com.contoso.media.storage.BlobLayout;
import com.contoso.media.storage.BlobRef;
import com.contoso.media.storage.MediaStore;
import com.contoso.media.storage.TempFolder;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.LadderJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterPlaylistJob;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.RenditionJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transcoding activities. Each is idempotent: outputs go to deterministic paths under
 * {@code media/{tenant}/{uploadId}/} and a re-run overwrites them. The source is the original that intake
 * promoted into the library, so no client can change the bytes being transcoded. Files stream between Blob Storage and a
 * temp folder that is removed afterwards. An activity that finds its upload no longer Processing (deleted, or
 * failed by the watchdog) removes what it wrote, so a cancelled transcode leaves no blobs behind.
 */
public final class TranscodeActivities {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeActivities.class);
    private static final String M3U8 = "application/vnd.apple.mpegurl";

    private final MediaStore store;
    private final MediaProbe probe;
    private final UploadRepository uploads;
    private final Ffmpeg ffmpeg;
    private final BlobLayout layout;
    private final Clock clock;

    public TranscodeActivities(MediaStore store, MediaProbe probe, UploadRepository uploads, Ffmpeg ffmpeg,
                               BlobLayout layout, Clock clock) {
        this.store = store;
        this.probe = probe;
        this.uploads = uploads;
        this.ffmpeg = ffmpeg;
        this.layout = layout;
        this.clock = clock;
    }

    public ProbeOutcome probeSource(TranscodeRequest request) {
        try (LogContext ignored = log(request)) {
            // Range reads through a short-lived URL: probing never copies the (up to 2 GiB) source.
            MediaInfo media = probe.probe(store.readUrl(request.source(),
                    clock.instant().plus(MediaProbe.READ_URL_LIFETIME)));
            return UsableVideo.problemWith(media)
                    .map(problem -> new ProbeOutcome(false, media, problem.code(), problem.message()))
                    .orElseGet(() -> new ProbeOutcome(true, media, null, null));
        } catch (MediaProbe.UnreadableMediaException e) {
            UploadError unreadable = UsableVideo.unreadable(e);
            return new ProbeOutcome(false, null, unreadable.code(), unreadable.message());
        }
    }

    public RenditionOutput encodeRendition(RenditionJob job) {
        try (LogContext ignored = log(job.request()); TempFolder dir = TempFolder.create("rendition-")) {
            Path source = download(job.request(), dir);
            Path out = Files.createDirectories(dir.resolve(job.rung().name()));
            ffmpeg.run(HlsCommand.forRung(source, out, job.rung(), job.segmentSeconds(), job.withAudio()));
            RenditionOutput rendition = publish(job.request(), job.rung(), out, job.withAudio());
            sweepIfAbandoned(job.request());
            return rendition;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RenditionOutput[] encodeLadder(LadderJob job) {
        try (LogContext ignored = log(job.request()); TempFolder dir = TempFolder.create("ladder-")) {
            Path source = download(job.request(), dir);
            List<Path> outs = new ArrayList<>();
            for (Rung rung : job.rungs()) {
                outs.add(Files.createDirectories(dir.resolve(rung.name())));
            }
            ffmpeg.run(HlsCommand.forLadder(source, outs, job.rungs(), job.segmentSeconds(), job.withAudio()));
            RenditionOutput[] renditions = new RenditionOutput[job.rungs().size()];
            for (int i = 0; i < renditions.length; i++) {
                renditions[i] = publish(job.request(), job.rungs().get(i), outs.get(i), job.withAudio());
            }
            sweepIfAbandoned(job.request());
            return renditions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads one rendition's init segment, media segments and playlist, and measures what it advertises. */
    private RenditionOutput publish(TranscodeRequest request, Rung rung, Path out, boolean withAudio) throws IOException {
        HlsPlaylist playlist = HlsPlaylist.read(out.resolve("index.m3u8"));
        String folder = "hls/" + rung.name() + "/";
        store.upload(output(request, folder + playlist.initFile()), out.resolve(playlist.initFile()), "video/mp4");
        // Segments go up side by side: each is a separate blob, and per-request latency dominates their upload.
        playlist.segmentFiles().parallelStream().forEach(segment ->
                store.upload(output(request, folder + segment), out.resolve(segment), "video/iso.segment"));
        long bytes = Files.size(out.resolve(playlist.initFile()));
        for (String segment : playlist.segmentFiles()) {
            bytes += Files.size(out.resolve(segment));
        }
        // The playlist last: once it exists, everything it lists does too.
        BlobRef index = output(request, folder + "index.m3u8");
        store.upload(index, out.resolve("index.m3u8"), M3U8);
        bytes += Files.size(out.resolve("index.m3u8"));
        LOG.info("rendition {} done: {} segments, {} bytes", rung.name(), playlist.segmentFiles().size(), bytes);
        return new RenditionOutput(rung.name(), index, rung.width(), rung.height(), playlist.peakBitsPerSecond(out),
                playlist.averageBitsPerSecond(out), rung.codecs(withAudio), playlist.durationSeconds(), bytes);
    }

    private Path download(TranscodeRequest request, TempFolder dir) {
        Path source = dir.resolve("source");
        store.downloadTo(request.source(), source);
        return source;
    }

    public ThumbnailOutput createThumbnail(ThumbnailJob job) {
        try (LogContext ignored = log(job.request()); TempFolder dir = TempFolder.create("thumbnail-")) {
            // One frame needs no copy of the source: -ss before -i seeks through the index with range reads.
            String source = store.readUrl(job.request().source(), clock.instant().plus(MediaProbe.READ_URL_LIFETIME));
            Path jpeg = dir.resolve("thumbnail.jpg");
            ffmpeg.run(List.of("-ss", String.valueOf(job.atSeconds()), "-i", source, "-frames:v", "1",
                    "-vf", "scale=" + job.width() + ":" + job.height(), "-q:v", "3", jpeg.toString()));
            BlobRef blob = output(job.request(), "thumbnail.jpg");
            store.upload(blob, jpeg, "image/jpeg");
            sweepIfAbandoned(job.request());
            return new ThumbnailOutput(blob, job.width(), job.height(), Files.size(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MasterOutput writeMasterPlaylist(MasterPlaylistJob job) {
        try (LogContext ignored = log(job.request()); TempFolder dir = TempFolder.create("master-")) {
            Path file = dir.resolve("master.m3u8");
            Files.writeString(file, MasterPlaylist.render(job.renditions()), StandardCharsets.UTF_8);
            BlobRef blob = output(job.request(), "hls/master.m3u8");
            store.upload(blob, file, M3U8);
            sweepIfAbandoned(job.request());
            return new MasterOutput(blob, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void finalizeUpload(FinalizeJob job) {
        TranscodeRequest request = job.request();
        double duration = job.renditions().stream().mapToDouble(RenditionOutput::durationSeconds).max().orElse(0);
        List<UploadOutput> outputs = new ArrayList<>();
        outputs.add(new UploadOutput(UploadOutput.HLS_MASTER, "master", job.master().blob(), M3U8,
                job.master().bytes(), duration));
        for (RenditionOutput r : job.renditions()) {
            outputs.add(new UploadOutput(UploadOutput.HLS_RENDITION, r.name(), r.playlist(), M3U8, r.bytes(),
                    r.durationSeconds()));
        }
        outputs.add(new UploadOutput(UploadOutput.THUMBNAIL, job.thumbnail().width() + "x" + job.thumbnail().height(),
                job.thumbnail().blob(), "image/jpeg", job.thumbnail().bytes(), 0));
        try (LogContext ignored = log(request)) {
            // The promoted original is served too, named after the upload; intake put it at the request's source.
            uploads.update(request.tenantId(), request.uploadId(), current -> current.status() == UploadStatus.Processing
                    ? current.succeed(withOriginal(current, request, outputs), clock.instant()) : current);
            LOG.info("transcoding succeeded: {} renditions", job.renditions().size());
        }
    }

    private static List<UploadOutput> withOriginal(Upload upload, TranscodeRequest request, List<UploadOutput> outputs) {
        List<UploadOutput> all = new ArrayList<>(outputs);
        all.add(new UploadOutput(UploadOutput.ORIGINAL, upload.fileName(), request.source(), upload.contentType(),
                upload.sizeBytes(), upload.media().map(MediaInfo::durationSeconds).orElse(0.0)));
        return all;
    }

    public void endUpload(EndJob job) {
        UploadError reason = new UploadError(job.code(), job.message());
        TranscodeRequest request = job.request();
        try (LogContext ignored = log(request)) {
            uploads.update(request.tenantId(), request.uploadId(), current -> {
                if (current.status() != UploadStatus.Processing) {
                    return current;
                }
                return "Rejected".equals(job.status()) ? current.reject(reason, clock.instant())
                        : current.fail(reason, clock.instant());
            });
            LOG.info("transcoding ended {}: {} {}", job.status(), job.code(), job.message());
        }
    }

    /**
     * Removes everything the upload has in the library, the promoted original included: a rejected, failed or
     * deleted upload keeps no bytes, so nobody pays to store a file that is never served.
     */
    public void deleteOutputs(TranscodeRequest request) {
        int removed = store.deleteAll(layout.mediaContainer(), BlobLayout.uploadFolder(request.tenantId(),
                request.uploadId()));
        LOG.info("removed {} blobs of {} from the library", removed, request.uploadId());
    }

    /**
     * A DELETE, or the watchdog giving up on the upload, may land while an activity runs: outputs are only wanted
     * while the upload is Processing, so anything written after that must not outlive it.
     */
    private void sweepIfAbandoned(TranscodeRequest request) {
        boolean abandoned = uploads.find(request.tenantId(), request.uploadId())
                .map(upload -> upload.status() != UploadStatus.Processing).orElse(true);
        if (abandoned) {
            deleteOutputs(request);
        }
    }

    private BlobRef output(TranscodeRequest request, String path) {
        return layout.library(request.tenantId(), request.uploadId(), path);
    }

    private static LogContext log(TranscodeRequest request) {
        return LogContext.of(request.tenantId(), request.uploadId(), request.correlationId());
    }
}
