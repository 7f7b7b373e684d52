package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.TempFolder;
import com.contoso.media.fairuse.SlotClaim;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.LoopbackBlobServer.ServedBlob;
import com.contoso.media.intake.MediaProbe;
import com.contoso.media.intake.UsableVideo;
import com.contoso.media.logging.LogContext;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.tracing.Tracing;
import com.contoso.media.transcoding.TranscodeJobs.AudioChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.DownloadOutput;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsJob;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsOutput;
import com.contoso.media.transcoding.TranscodeJobs.PreviewGrowth;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.ProgressJob;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeJobs.SpriteOutput;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transcoding activities. Each is idempotent: outputs go to deterministic paths under
 * {@code media/{tenant}/{uploadId}/} and a re-run overwrites them with the same names, so a retried or re-run
 * chunk never leaves a duplicate segment. The source is the original that intake promoted into the library, so
 * no client can change the bytes being transcoded; ffmpeg reads it with range requests through the loopback
 * endpoint ({@link com.contoso.media.ffmpeg.LoopbackBlobServer}), so a chunk reads only its own stretch. Work
 * files live in a temp folder removed afterwards. An activity that finds its upload no longer Processing (deleted, or failed by the watchdog) does no work and
 * removes what it wrote, so a cancelled transcode leaves no blobs behind.
 */
public final class TranscodeActivities {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeActivities.class);
    private static final String M3U8 = "application/vnd.apple.mpegurl";
    private static final String AUDIO = RenditionOutput.AUDIO;
    private static final String INDEX = "index.m3u8";
    private static final String PREVIEW = "preview.m3u8";

    private final MediaStore store;
    private final MediaProbe probe;
    private final UploadRepository uploads;
    private final TranscodeSlots slots;
    private final Ffmpeg ffmpeg;
    private final BlobLayout layout;
    private final Clock clock;
    private final Telemetry telemetry;

    public TranscodeActivities(MediaStore store, MediaProbe probe, UploadRepository uploads, TranscodeSlots slots,
                               Ffmpeg ffmpeg, BlobLayout layout, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.store = store;
        this.probe = probe;
        this.uploads = uploads;
        this.slots = slots;
        this.ffmpeg = ffmpeg;
        this.layout = layout;
        this.clock = clock;
    }

    /** The tenant's encoding slot for this video, or its place in line (see {@link TranscodeSlots#claim}). */
    public SlotClaim claimSlot(TranscodeRequest request) {
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.CLAIM_SLOT, request)) {
            SlotClaim claim = slots.claim(request.tenantId(), request.uploadId());
            LOG.info("transcoding slot: {}{}", claim.state(), claim.position() > 0 ? " at " + claim.position() : "");
            return claim;
        }
    }

    /**
     * Gives the slot to the next video in the tenant's line, once the upload has reached its final state; returns the
     * uploads given a slot, whose orchestrations the host wakes ({@link TranscodeControl#wake}).
     */
    public List<String> releaseSlot(TranscodeRequest request) {
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.RELEASE_SLOT, request)) {
            return slots.release(request.tenantId(), request.uploadId());
        }
    }

    public ProbeOutcome probeSource(TranscodeRequest request) {
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.PROBE, request)) {
            // Range reads where the source lies: probing never copies the (up to 2 GiB) source.
            MediaInfo media = probe.probe(request.source());
            return UsableVideo.problemWith(media)
                    .map(problem -> new ProbeOutcome(false, media, problem.code(), problem.message()))
                    .orElseGet(() -> new ProbeOutcome(true, media, null, null));
        } catch (MediaProbe.UnreadableMediaException e) {
            LOG.info("ffmpeg could not read the source: {}", e.getMessage());
            return unusable(UsableVideo.unreadable());
        } catch (MediaProbe.ProbeTimedOutException e) {
            return unusable(UsableVideo.probeTimedOut(e));
        }
    }

    private static ProbeOutcome unusable(UploadError why) {
        return new ProbeOutcome(false, null, why.code(), why.message());
    }

    /**
     * One chunk of one or more rungs. Its segments carry their final names and timestamps, so they go straight
     * into each rung's folder; only the first chunk uploads the rung's init segment, which every chunk shares.
     */
    public ChunkOutput encodeChunk(ChunkJob job) {
        TranscodeRequest request = job.request();
        try (ActivityScope ignored = work(EncodeChunksOrchestration.ENCODE_CHUNK, request);
             TempFolder dir = TempFolder.create("chunk-")) {
            if (abandoned(request)) {
                return new ChunkOutput(job.chunk().index(), List.of());
            }
            List<Path> outs = new ArrayList<>();
            for (Rung rung : job.rungs()) {
                outs.add(Files.createDirectories(dir.resolve(rung.name())));
            }
            try (ServedBlob source = serve(request)) {
                ffmpeg.runOn(source, HlsCommand.forChunk(source.url(), job.chunk(), outs, job.rungs(), job.segmentSeconds(),
                        ffmpeg.threads()));
            }
            List<RungSegments> written = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                written.add(publishSegments(request, job.rungs().get(i).name(), outs.get(i), job.chunk().startSeconds(),
                        job.chunk().index() == 0));
            }
            sweepIfAbandoned(request);
            LOG.info("chunk {} done: {} rungs", job.chunk().index(), written.size());
            return new ChunkOutput(job.chunk().index(), written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One stretch of the audio (see {@link AudioPlanner}): encoded with its pre-roll into a part, then cut out of it
     * by stream copy into segments with their final names, on the video's timeline. The stretch at the start uploads
     * the audio's init segment. A stretch past the end of a sound track shorter than the picture has no segments.
     */
    public ChunkOutput encodeAudioChunk(AudioChunkJob job) {
        TranscodeRequest request = job.request();
        AudioStretch stretch = job.stretch();
        try (ActivityScope ignored = work(EncodeChunksOrchestration.ENCODE_AUDIO_CHUNK, request);
             TempFolder dir = TempFolder.create("audio-")) {
            if (abandoned(request)) {
                return new ChunkOutput(stretch.chunk(), List.of());
            }
            Path part = dir.resolve("part.mp4");
            Path out = Files.createDirectories(dir.resolve(AUDIO));
            try (ServedBlob source = serve(request)) {
                ffmpeg.runOn(source, HlsCommand.forAudioStretch(source.url(), stretch, part, ffmpeg.threads()));
            }
            if (!hasTrack(part)) {
                return new ChunkOutput(stretch.chunk(), List.of(new RungSegments(AUDIO, 0, List.of())));
            }
            ffmpeg.run(HlsCommand.forAudioSegments(part, stretch, out, job.segmentSeconds()));
            int made = HlsPlaylist.read(out.resolve("index.m3u8")).segmentFiles().size();
            if (!stretch.last() && made != Math.round(stretch.durationSeconds() / job.segmentSeconds())) {
                // Its segment numbers would run into the next stretch's.
                throw new IllegalStateException("audio stretch " + stretch.chunk() + " made " + made + " segments");
            }
            RungSegments written = publishSegments(request, AUDIO, out, stretch.startSeconds(),
                    stretch.startSeconds() == 0);
            sweepIfAbandoned(request);
            return new ChunkOutput(stretch.chunk(), List.of(written));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasTrack(Path mp4) throws IOException {
        try (FileChannel file = FileChannel.open(mp4)) {
            return file.size() > 0 && Mp4Boxes.hasTrack(file.map(FileChannel.MapMode.READ_ONLY, 0, file.size()));
        }
    }

    /**
     * Uploads what ffmpeg wrote for one rung: its media segments, first shifted by {@code startSeconds} (where the
     * chunk starts) so the first chunk's init segment serves every chunk (see {@link FragmentTimeline}), and the init
     * segment when asked.
     */
    private RungSegments publishSegments(TranscodeRequest request, String rung, Path out, double startSeconds,
                                         boolean withInit) throws IOException {
        HlsPlaylist playlist = HlsPlaylist.read(out.resolve("index.m3u8"));
        FragmentTimeline.shiftAll(out, playlist, startSeconds);
        String folder = "hls/" + rung + "/";
        long initBytes = 0;
        if (withInit) {
            store.upload(output(request, folder + "init.mp4"), out.resolve(playlist.initFile()), "video/mp4");
            initBytes = Files.size(out.resolve(playlist.initFile()));
        }
        // Segments go up side by side: each is a separate blob, and per-request latency dominates their upload.
        playlist.segmentFiles().parallelStream().forEach(segment ->
                store.upload(output(request, folder + segment), out.resolve(segment), "video/iso.segment"));
        return new RungSegments(rung, initBytes, segments(playlist, out));
    }

    /** The playlist's segments with their sizes, as they lie in {@code dir}. */
    private static List<Segment> segments(HlsPlaylist playlist, Path dir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < playlist.segmentFiles().size(); i++) {
            String file = playlist.segmentFiles().get(i);
            segments.add(new Segment(file, playlist.segmentSeconds().get(i), Files.size(dir.resolve(file))));
        }
        return segments;
    }

    public ThumbnailOutput[] createThumbnails(ThumbnailJob job) {
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.THUMBNAILS, job.request());
             TempFolder dir = TempFolder.create("thumbnail-");
             ServedBlob source = serve(job.request())) {
            // A still needs no copy of the source: -ss before -i seeks through the index with range reads.
            ThumbnailOutput[] stills = new ThumbnailOutput[job.atSeconds().size()];
            for (int i = 0; i < stills.length; i++) {
                double at = job.atSeconds().get(i);
                Path jpeg = dir.resolve("still-" + i + ".jpg");
                ffmpeg.runOn(source, List.of("-ss", String.valueOf(at), "-i", source.url(), "-frames:v", "1",
                        "-vf", "scale=" + job.width() + ":" + job.height(), "-q:v", "3", jpeg.toString()));
                if (!Files.exists(jpeg)) {
                    // ffmpeg exits 0 with no frame when the seek lands past the last one.
                    throw new Ffmpeg.FfmpegException("no frame at " + at + " s for still " + (i + 1));
                }
                BlobRef blob = output(job.request(), i == 0 ? "thumbnail.jpg" : "thumbnail-" + (i + 1) + ".jpg");
                store.upload(blob, jpeg, "image/jpeg");
                stills[i] = new ThumbnailOutput(blob, job.width(), job.height(), Files.size(jpeg), at);
            }
            ThumbnailOutput[] all = Arrays.copyOf(stills, stills.length + 1);
            all[stills.length] = poster(job, source, dir);
            sweepIfAbandoned(job.request());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The poster: a frame neither black nor blank ({@link PosterFrame}), small enough for a list of many. */
    private ThumbnailOutput poster(ThumbnailJob job, ServedBlob source, TempFolder dir) throws IOException {
        double at = job.durationSeconds() > 0 ? PosterFrame.pick(ffmpeg, source, job.durationSeconds())
                : job.atSeconds().get(0);
        int[] size = PosterFrame.size(job.width(), job.height());
        int width = size[0];
        int height = size[1];
        Path jpeg = dir.resolve("poster.jpg");
        ffmpeg.runOn(source, List.of("-ss", String.valueOf(at), "-i", source.url(), "-frames:v", "1",
                "-vf", "scale=" + width + ":" + height, "-q:v", "4", jpeg.toString()));
        if (!Files.exists(jpeg)) {
            throw new Ffmpeg.FfmpegException("no frame at " + at + " s for the poster");
        }
        BlobRef blob = output(job.request(), "poster.jpg");
        store.upload(blob, jpeg, "image/jpeg");
        return new ThumbnailOutput(blob, width, height, Files.size(jpeg), at, true);
    }

    /**
     * Records how far the transcode got on the upload, and grows the preview. The preview playlist only ever
     * gains segments: a repeated call (a retried activity) finds them listed already and adds nothing.
     */
    public void publishProgress(ProgressJob job) {
        TranscodeRequest request = job.request();
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.PROGRESS, request);
             TempFolder dir = TempFolder.create("preview-")) {
            if (!job.video().segments().isEmpty()) {
                growPreview(job, dir);
            }
            uploads.update(request.tenantId(), request.uploadId(), current ->
                    current.withTranscodeProgress(job.progress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sound's preview first, then the picture's, then (once) the master naming both: the record says the
     * preview is ready only after this, so a player never finds the master without its playlists.
     */
    private void growPreview(ProgressJob job, TempFolder dir) throws IOException {
        TranscodeRequest request = job.request();
        Rung rung = job.previewRung();
        List<Segment> sound = job.audio() == null ? null : grow(request, AUDIO, job.audio(), job.segmentSeconds(), dir);
        List<Segment> picture = grow(request, rung.name(), job.video(), job.segmentSeconds(), dir);
        if (job.video().from() == 0) {
            RenditionOutput variant = RenditionOutput.measured(rung.name(), preview(request, rung.name()),
                    rung.width(), rung.height(), rung.codecs(sound != null), picture, 0);
            RenditionOutput audio = sound == null ? null : RenditionOutput.measured(AUDIO, preview(request, AUDIO), 0,
                    0, RenditionOutput.AUDIO_CODECS, sound, 0);
            write(output(request, "hls/preview.m3u8"), dir.resolve("preview-master.m3u8"),
                    MasterPlaylist.render(List.of(variant), audio, PREVIEW));
        }
    }

    /**
     * Appends a preview playlist's new segments to those it lists; returns what it lists now. A retried call finds
     * them listed already and writes nothing.
     */
    private List<Segment> grow(TranscodeRequest request, String rendition, PreviewGrowth growth, int segmentSeconds,
                               TempFolder dir) throws IOException {
        BlobRef blob = preview(request, rendition);
        List<Segment> listed = new ArrayList<>();
        if (store.describe(blob).isPresent()) {
            Path current = dir.resolve(rendition + "-current.m3u8");
            store.downloadTo(blob, current);
            HlsPlaylist existing = HlsPlaylist.read(current);
            for (int i = 0; i < existing.segmentFiles().size(); i++) {
                listed.add(new Segment(existing.segmentFiles().get(i), existing.segmentSeconds().get(i), 0));
            }
        }
        if (listed.size() < growth.from()) {
            throw new IllegalStateException("the " + rendition + " preview lists " + listed.size()
                    + " segments, expected " + growth.from());
        }
        List<Segment> next = new ArrayList<>(listed.subList(0, growth.from()));
        next.addAll(growth.segments());
        if (next.size() <= listed.size()) {
            return listed;
        }
        write(blob, dir.resolve(rendition + "-preview.m3u8"), MediaPlaylist.render(next, MediaPlaylist.Type.EVENT,
                false, segmentSeconds));
        return next;
    }

    private BlobRef preview(TranscodeRequest request, String rendition) {
        return output(request, "hls/" + rendition + "/" + PREVIEW);
    }

    /**
     * The final playlists: each rendition's VOD playlist (the rungs', and the sound's when it has any), the master
     * (variants plus the audio group), and the previews closed with EXT-X-ENDLIST. Each media playlist is written
     * after all its segments exist. The audio rendition comes last in what it returns.
     */
    public PlaylistsOutput writePlaylists(PlaylistsJob job) {
        TranscodeRequest request = job.request();
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.PLAYLISTS, request);
             TempFolder dir = TempFolder.create("playlists-")) {
            RungSegments sound = job.segments().stream()
                    .filter(s -> s.rung().equals(AUDIO) && !s.segments().isEmpty()).findFirst().orElse(null);
            RenditionOutput audio = sound == null ? null : RenditionOutput.measured(AUDIO, index(request, AUDIO), 0, 0,
                    RenditionOutput.AUDIO_CODECS, sound.segments(),
                    sound.initBytes() + mediaPlaylists(job, AUDIO, sound.segments(), dir));
            List<RenditionOutput> renditions = new ArrayList<>();
            for (Rung rung : job.rungs()) {
                RungSegments rungSegments = job.segments().stream().filter(s -> s.rung().equals(rung.name()))
                        .findFirst().orElseThrow();
                long bytes = mediaPlaylists(job, rung.name(), rungSegments.segments(), dir);
                renditions.add(RenditionOutput.measured(rung.name(), index(request, rung.name()), rung.width(),
                        rung.height(), rung.codecs(audio != null), rungSegments.segments(),
                        rungSegments.initBytes() + bytes));
            }
            BlobRef master = output(request, "hls/master.m3u8");
            long masterBytes = write(master, dir.resolve("master.m3u8"),
                    MasterPlaylist.render(renditions, audio, INDEX));
            sweepIfAbandoned(request);
            LOG.info("playlists written: {} renditions{}", renditions.size(), audio != null ? " + audio" : "");
            if (audio != null) {
                renditions.add(audio);
            }
            return new PlaylistsOutput(new MasterOutput(master, masterBytes), renditions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A rendition's VOD playlist and, when the preview was published, its preview closed (the lowest rung's and the
     * sound's); returns the VOD playlist's size.
     */
    private long mediaPlaylists(PlaylistsJob job, String rendition, List<Segment> segments, TempFolder dir)
            throws IOException {
        boolean previewed = rendition.equals(AUDIO) || rendition.equals(job.rungs().get(job.rungs().size() - 1).name());
        if (job.previewStarted() && previewed) {
            write(preview(job.request(), rendition), dir.resolve(rendition + "-preview.m3u8"),
                    MediaPlaylist.render(segments, MediaPlaylist.Type.EVENT, true, job.segmentSeconds()));
        }
        return write(index(job.request(), rendition), dir.resolve(rendition + ".m3u8"),
                MediaPlaylist.render(segments, MediaPlaylist.Type.VOD, true, job.segmentSeconds()));
    }

    private BlobRef index(TranscodeRequest request, String rendition) {
        return output(request, "hls/" + rendition + "/" + INDEX);
    }

    private long write(BlobRef blob, Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        store.upload(blob, file, M3U8);
        return Files.size(file);
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
        for (ThumbnailOutput still : job.thumbnails()) {
            outputs.add(new UploadOutput(still.poster() ? UploadOutput.POSTER : UploadOutput.THUMBNAIL,
                    still.width() + "x" + still.height(), still.blob(), "image/jpeg", still.bytes(), 0));
        }
        if (job.storyboard() != null) {
            outputs.add(new UploadOutput(UploadOutput.STORYBOARD, "vtt", job.storyboard().vtt(), "text/vtt",
                    job.storyboard().vttBytes(), duration));
            for (SpriteOutput sprite : job.storyboard().sprites()) {
                String name = sprite.blob().name().substring(sprite.blob().name().lastIndexOf('/') + 1);
                outputs.add(new UploadOutput(UploadOutput.SPRITE, name, sprite.blob(), "image/jpeg", sprite.bytes(),
                        0));
            }
        }
        for (DownloadOutput download : job.downloads()) {
            outputs.add(new UploadOutput(download.kind(), download.kind(), download.blob(), download.contentType(),
                    download.bytes(), download.durationSeconds()));
        }
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.FINALIZE, request)) {
            // The promoted original is served too, named after the upload; intake put it at the request's source.
            // A clip has none: it was cut from another upload's HLS.
            Optional<Upload> ended = uploads.update(request.tenantId(), request.uploadId(), current ->
                    current.status() == UploadStatus.Processing
                            ? request.clip() == null ? current.succeed(withOriginal(current, request, outputs),
                                    clock.instant())
                                    : current.withCutLength(duration).succeed(outputs, clock.instant())
                            : current);
            LOG.info("transcoding succeeded: {} renditions", job.renditions().size());
            ended.ifPresent(upload -> measure(upload, duration));
        }
    }

    /** The upload's outcome, and its speed: seconds of video per wall second since it started Processing. */
    private void measure(Upload ended, double videoSeconds) {
        if (ended.status() != UploadStatus.Succeeded) {
            return;
        }
        telemetry.metrics().uploadOutcome("succeeded");
        ended.history().stream().filter(change -> change.status() == UploadStatus.Processing).findFirst()
                .ifPresent(started -> telemetry.metrics().transcoded(videoSeconds,
                        Duration.between(started.at(), ended.updatedAt())));
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
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.END, request)) {
            uploads.update(request.tenantId(), request.uploadId(), current -> {
                if (current.status() != UploadStatus.Processing && current.status() != UploadStatus.Queued) {
                    return current;
                }
                // Only the probe rejects, and it runs once the video holds its slot (Processing).
                return "Rejected".equals(job.status()) && current.status() == UploadStatus.Processing
                        ? current.reject(reason, clock.instant())
                        : current.fail(reason, clock.instant());
            });
            LOG.info("transcoding ended {}: {} ({})", job.status(), job.code(), job.detail());
            telemetry.metrics().uploadOutcome("Rejected".equals(job.status()) ? "rejected" : "failed");
        }
    }

    /**
     * Removes everything the upload has in the library, the promoted original included: a rejected, failed or
     * deleted upload keeps no bytes, so nobody pays to store a file that is never served.
     */
    public void deleteOutputs(TranscodeRequest request) {
        try (ActivityScope ignored = work(TranscodeVideoOrchestration.CLEANUP, request)) {
            int removed = store.deleteAll(layout.mediaContainer(), BlobLayout.uploadFolder(request.tenantId(),
                    request.uploadId()));
            LOG.info("removed {} blobs of {} from the library", removed, request.uploadId());
        }
    }

    /** Outputs are only wanted while the upload is Processing: a DELETE or the watchdog may end it mid-way. */
    private boolean abandoned(TranscodeRequest request) {
        return uploads.find(request.tenantId(), request.uploadId())
                .map(upload -> upload.status() != UploadStatus.Processing).orElse(true);
    }

    /** Anything written after the upload stopped being Processing must not outlive it. */
    private void sweepIfAbandoned(TranscodeRequest request) {
        if (abandoned(request)) {
            deleteOutputs(request);
        }
    }


    /** The source on the loopback endpoint for one ffmpeg run: no SAS, no host name, no TLS in ffmpeg. */
    private ServedBlob serve(TranscodeRequest request) {
        return ffmpeg.serve(store, request.source());
    }

    private BlobRef output(TranscodeRequest request, String path) {
        return layout.library(request.tenantId(), request.uploadId(), path);
    }

    /**
     * An activity's log context and its span, under the span that started the transcode (the request's trace), so
     * every activity of every sub-orchestration is one more step of the upload's trace.
     */
    private ActivityScope work(String activity, TranscodeRequest request) {
        LogContext log = LogContext.of(request.tenantId(), request.uploadId(), request.correlationId());
        return new ActivityScope(log, telemetry.tracing().open(activity, SpanKind.INTERNAL,
                Optional.ofNullable(request.trace()), Tracing.upload(request.tenantId(), request.uploadId())));
    }

    private record ActivityScope(LogContext log, Tracing.Scope span) implements AutoCloseable {
        @Override
        public void close() {
            span.close();
            log.close();
        }
    }
}
