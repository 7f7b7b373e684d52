package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.blobs.TempFolder;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.LoopbackBlobServer.ServedBlob;
import com.contoso.media.logging.LogContext;
import com.contoso.media.transcoding.TranscodeJobs.ClipOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CutClip activity: a clip's HLS, cut from its parent's. Every rendition keeps the segments that hold the
 * clip's span, chosen on the first video rendition's timeline (every rung has its keyframes, hence its segments,
 * at the same times; the audio keeps the segments whose middle falls among them). They are copied into the clip's
 * own folder (server-side copies: the clip owns its bytes and outlives the parent) under new media playlists and a
 * master measured from them. A frame-accurate clip re-encodes the first and last of those segments from the
 * parent's original, every rung from one decode and the audio alike, with the rung's own encoder settings: such a
 * segment plays under the rung's shared init segment, as every chunk's does, once its timestamps are moved to
 * where it sits ({@link FragmentTimeline}). Idempotent: a retry writes the same blobs again.
 */
public final class ClipCutter {

    private static final Logger LOG = LoggerFactory.getLogger(ClipCutter.class);
    private static final String M3U8 = "application/vnd.apple.mpegurl";
    private static final String AUDIO = "audio";
    private static final double EPSILON = 1e-3;
    private static final Pattern STREAM = Pattern.compile("RESOLUTION=(\\d+)x(\\d+).*CODECS=\"([^\"]+)\"");

    private final MediaStore store;
    private final UploadRepository uploads;
    private final Ffmpeg ffmpeg;
    private final BlobLayout layout;
    private final TranscodeSettings settings;

    public ClipCutter(MediaStore store, UploadRepository uploads, Ffmpeg ffmpeg, BlobLayout layout,
                      TranscodeSettings settings) {
        this.store = store;
        this.uploads = uploads;
        this.ffmpeg = ffmpeg;
        this.layout = layout;
        this.settings = settings;
    }

    /** A video rendition of the parent as its master lists it, or the audio (no size, its own codec). */
    private record Rendition(String name, int width, int height, String codecs) {
        boolean isAudio() {
            return name.equals(AUDIO);
        }
    }

    /** A segment of a rendition kept in the clip, where it sits on the parent's timeline. */
    private record Piece(String file, double start, double seconds) {
        double end() {
            return start + seconds;
        }
    }

    public ClipOutput cutClip(TranscodeRequest request) {
        ClipSpec clip = request.clip();
        try (LogContext ignored = LogContext.of(request.tenantId(), request.uploadId(), request.correlationId());
             TempFolder dir = TempFolder.create("clip-")) {
            Upload parent = uploads.find(request.tenantId(), clip.parentUploadId())
                    .filter(upload -> upload.status() == UploadStatus.Succeeded)
                    .orElseThrow(() -> new IllegalStateException("the clip's parent " + clip.parentUploadId()
                            + " is no longer a transcoded video"));
            List<Rendition> renditions = renditionsOf(parent);
            Map<String, HlsPlaylist> playlists = new LinkedHashMap<>();
            for (Rendition rendition : renditions) {
                playlists.put(rendition.name(), HlsPlaylist.stored(store, parentBlob(parent, rendition.name()
                        + "/index.m3u8")));
            }
            Map<String, List<Piece>> kept = keep(renditions, playlists, clip);
            Map<String, Path> reencoded = clip.frameAccurate()
                    ? reencodeEnds(request, parent, renditions, kept, dir) : Map.of();
            List<RenditionOutput> outputs = new ArrayList<>();
            for (Rendition rendition : renditions) {
                outputs.add(write(request, parent, rendition, playlists.get(rendition.name()),
                        kept.get(rendition.name()), reencoded, dir));
            }
            List<RenditionOutput> videos = outputs.stream().filter(r -> !r.name().equals(AUDIO)).toList();
            RenditionOutput audio = outputs.stream().filter(r -> r.name().equals(AUDIO)).findFirst().orElse(null);
            BlobRef master = clipBlob(request, "master.m3u8");
            long masterBytes = upload(master, dir.resolve("master.m3u8"), MasterPlaylist.render(videos, audio,
                    "index.m3u8"));
            LOG.info("clip cut: {} renditions, {} segments each, {}", outputs.size(),
                    kept.get(renditions.get(0).name()).size(), clip.frameAccurate() ? "ends re-encoded" : "instant");
            return new ClipOutput(new MasterOutput(master, masterBytes), outputs,
                    poster(request, renditions.get(0), dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The clip's poster: its first frame, from its top rung's init segment and first segment joined (one fMP4),
     * 480 pixels wide like every poster. A clip is short and chosen by a person, so its first frame stands for it.
     */
    private ThumbnailOutput poster(TranscodeRequest request, Rendition top, TempFolder dir) throws IOException {
        BlobRef index = clipBlob(request, top.name() + "/index.m3u8");
        Path joined = StoredHls.join(store, index, HlsPlaylist.stored(store, index), 1,
                dir.resolve("poster-source.mp4"));
        int[] size = PosterFrame.size(top.width(), top.height());
        int width = size[0];
        int height = size[1];
        Path jpeg = dir.resolve("poster.jpg");
        ffmpeg.run(List.of("-i", joined.toString(), "-frames:v", "1", "-vf", "scale=" + width + ":" + height,
                "-q:v", "4", jpeg.toString()));
        BlobRef blob = layout.library(request.tenantId(), request.uploadId(), "poster.jpg");
        store.upload(blob, jpeg, "image/jpeg");
        return new ThumbnailOutput(blob, width, height, Files.size(jpeg), 0, true);
    }

    /** The parent's renditions from its master playlist: video variants with their size and codecs, then audio. */
    private List<Rendition> renditionsOf(Upload parent) {
        List<Rendition> renditions = new ArrayList<>();
        Matcher stream = null;
        boolean audio = false;
        for (String line : HlsPlaylist.text(store, parentBlob(parent, "master.m3u8")).lines().toList()) {
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                stream = STREAM.matcher(line);
                stream = stream.find() ? stream : null;
            } else if (line.startsWith("#EXT-X-MEDIA:") && line.contains("TYPE=AUDIO")) {
                audio = true;
            } else if (!line.isBlank() && !line.startsWith("#") && stream != null) {
                renditions.add(new Rendition(line.substring(0, line.indexOf('/')), Integer.parseInt(stream.group(1)),
                        Integer.parseInt(stream.group(2)), stream.group(3)));
                stream = null;
            }
        }
        if (renditions.isEmpty()) {
            throw new IllegalStateException("the parent's master playlist lists no video rendition");
        }
        if (audio) {
            renditions.add(new Rendition(AUDIO, 0, 0, "mp4a.40.2"));
        }
        return renditions;
    }

    /**
     * The segments each rendition keeps: on the first video rendition, from the one holding {@code start} to the
     * one holding {@code end}; on every other, the segments whose middle lies in that span.
     */
    private static Map<String, List<Piece>> keep(List<Rendition> renditions, Map<String, HlsPlaylist> playlists,
                                                 ClipSpec clip) {
        List<Piece> reference = pieces(playlists.get(renditions.get(0).name()));
        int first = 0;
        while (first < reference.size() - 1 && reference.get(first).end() <= clip.startSeconds() + EPSILON) {
            first++;
        }
        int last = first;
        while (last < reference.size() - 1 && reference.get(last).end() < clip.endSeconds() - EPSILON) {
            last++;
        }
        double from = reference.get(first).start();
        double to = reference.get(last).end();
        Map<String, List<Piece>> kept = new LinkedHashMap<>();
        for (Rendition rendition : renditions) {
            // By its middle: audio segments end a few milliseconds off the video's (whole AAC frames), and one
            // that only grazes the span is not part of it.
            kept.put(rendition.name(), pieces(playlists.get(rendition.name())).stream()
                    .filter(piece -> piece.start() + piece.seconds() / 2 >= from
                            && piece.start() + piece.seconds() / 2 < to).toList());
        }
        return kept;
    }

    private static List<Piece> pieces(HlsPlaylist playlist) {
        List<Piece> pieces = new ArrayList<>();
        double at = 0;
        for (int i = 0; i < playlist.segmentFiles().size(); i++) {
            pieces.add(new Piece(playlist.segmentFiles().get(i), at, playlist.segmentSeconds().get(i)));
            at += playlist.segmentSeconds().get(i);
        }
        return pieces;
    }

    /**
     * Frame-accurate ends: the first kept segment from {@code start}, the last up to {@code end} (one segment when
     * both fall in it), re-encoded from the parent's original. Returns the re-encoded file of each segment by
     * {@code <rendition>/<file>}; an end that falls on a segment boundary needs none.
     */
    private Map<String, Path> reencodeEnds(TranscodeRequest request, Upload parent, List<Rendition> renditions,
                                           Map<String, List<Piece>> kept, TempFolder dir) throws IOException {
        ClipSpec clip = request.clip();
        MediaInfo media = parent.media().orElseThrow();
        TranscodePlan plan = TranscodePlan.of(request, media, settings);
        List<Rung> rungs = new ArrayList<>();
        for (Rendition rendition : renditions) {
            if (!rendition.isAudio()) {
                rungs.add(plan.rungs().stream().filter(r -> r.name().equals(rendition.name())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the ladder no longer has the parent's rung "
                                + rendition.name() + "; an accurate clip re-encodes with it")));
            }
        }
        BlobRef original = parent.outputs().stream().filter(UploadOutput::isOriginal).map(UploadOutput::blob)
                .findFirst().orElseThrow(() -> new IllegalStateException("the parent has no original"));
        Map<String, Path> reencoded = new LinkedHashMap<>();
        try (ServedBlob source = ffmpeg.serve(store, original)) {
            for (Rendition rendition : renditions) {
                List<Piece> pieces = kept.get(rendition.name());
                for (Piece end : ends(pieces, clip)) {
                    double from = Math.max(end.start(), clip.startSeconds());
                    double to = Math.min(end.end(), clip.endSeconds());
                    if (to - from < EPSILON) {
                        continue;
                    }
                    if (rendition.isAudio()) {
                        reencoded.put(AUDIO + "/" + end.file(), audioEnd(source, end, from, to, dir));
                    } else if (rendition == renditions.get(0)) {
                        // One decode feeds every rung; their segments of this end come out side by side.
                        reencoded.putAll(videoEnd(source, rungs, end, from, to, media, dir));
                    }
                }
            }
        }
        return reencoded;
    }

    /** The kept segments an accurate cut changes: the first and the last, unless the clip's bound is theirs. */
    private static List<Piece> ends(List<Piece> pieces, ClipSpec clip) {
        List<Piece> ends = new ArrayList<>();
        Piece first = pieces.get(0);
        Piece last = pieces.get(pieces.size() - 1);
        if (first.start() < clip.startSeconds() - EPSILON
                || first == last && last.end() > clip.endSeconds() + EPSILON) {
            ends.add(first);
        }
        if (last != first && last.end() > clip.endSeconds() + EPSILON) {
            ends.add(last);
        }
        return ends;
    }

    /**
     * One end of the clip's sound, made as an audio stretch is (pre-roll, then a stream-copy cut; see
     * {@link HlsCommand#forAudioStretch}), on the parent's frames so that it joins the copied segment beside it
     * without a gap or a click: from the parent segment's start when it joins the one before it, else from a whole
     * number of frames before where it joins the one after it (at most a frame before the clip's start).
     */
    private Path audioEnd(ServedBlob source, Piece end, double from, double to, TempFolder dir) throws IOException {
        double frame = AudioPlanner.FRAME_SECONDS;
        double start = from <= end.start() + EPSILON ? end.start()
                : to >= end.end() - EPSILON ? to - Math.ceil((to - from) / frame - 1e-6) * frame
                : Math.floor(from / frame + 1e-6) * frame;
        AudioStretch piece = new AudioStretch(0, start, to - start, 0, false);
        Path out = Files.createDirectories(dir.resolve("audio-" + end.file()));
        Path part = out.resolve("part.mp4");
        ffmpeg.runOn(source, HlsCommand.forAudioStretch(source.url(), piece, part, ffmpeg.threads()));
        ffmpeg.run(HlsCommand.forAudioSegments(part, piece, out, (int) Math.ceil(to - start) + 1));
        return only(out, start);
    }

    private Map<String, Path> videoEnd(ServedBlob source, List<Rung> rungs, Piece end, double from, double to,
                                       MediaInfo media, TempFolder dir) throws IOException {
        List<Path> outs = new ArrayList<>();
        for (Rung rung : rungs) {
            outs.add(Files.createDirectories(dir.resolve(rung.name() + "-" + end.file())));
        }
        // The frames whose times fall in [from, to): exactly those, so neither end shares a frame with its neighbour.
        double rate = media.frameRate();
        long frames = rate > 0 ? firstFrameAt(to, rate) - firstFrameAt(from, rate) : 0;
        boolean toTheEnd = to >= media.durationSeconds() - EPSILON;
        // One segment: keyframes and segments every so many seconds, longer than this piece.
        int oneSegment = (int) Math.ceil(to - from) + 1;
        ffmpeg.runOn(source, HlsCommand.forChunk(source.url(), new Chunk(0, from, to - from, frames, 0, toTheEnd), outs,
                rungs, oneSegment, ffmpeg.threads()));
        Map<String, Path> reencoded = new LinkedHashMap<>();
        for (int i = 0; i < rungs.size(); i++) {
            reencoded.put(rungs.get(i).name() + "/" + end.file(), only(outs.get(i), from));
        }
        return reencoded;
    }

    private static long firstFrameAt(double seconds, double frameRate) {
        return (long) Math.ceil(seconds * frameRate - 1e-6);
    }

    /** The one segment ffmpeg wrote in {@code out}, moved to {@code start} on the parent's timeline. */
    private static Path only(Path out, double start) throws IOException {
        HlsPlaylist written = HlsPlaylist.read(out.resolve("index.m3u8"));
        if (written.segmentFiles().size() != 1) {
            throw new IllegalStateException("expected one segment, ffmpeg wrote " + written.segmentFiles().size());
        }
        FragmentTimeline.shiftAll(out, written, start);
        return out.resolve(written.segmentFiles().get(0));
    }

    /** One rendition of the clip: its init and kept segments copied (or re-encoded), and its media playlist. */
    private RenditionOutput write(TranscodeRequest request, Upload parent, Rendition rendition, HlsPlaylist source,
                                  List<Piece> pieces, Map<String, Path> reencoded, TempFolder dir) throws IOException {
        String folder = rendition.name() + "/";
        long initBytes = copy(parent, request, folder + source.initFile());
        List<Segment> segments = new ArrayList<>();
        for (Piece piece : pieces) {
            Path redone = reencoded.get(folder + piece.file());
            if (redone == null) {
                segments.add(new Segment(piece.file(), piece.seconds(), copy(parent, request, folder + piece.file())));
            } else {
                HlsPlaylist written = HlsPlaylist.read(redone.resolveSibling("index.m3u8"));
                store.upload(clipBlob(request, folder + piece.file()), redone, "video/iso.segment");
                segments.add(new Segment(piece.file(), written.segmentSeconds().get(0), Files.size(redone)));
            }
        }
        BlobRef index = clipBlob(request, folder + "index.m3u8");
        long playlistBytes = upload(index, dir.resolve(rendition.name() + ".m3u8"),
                MediaPlaylist.render(segments, MediaPlaylist.Type.VOD, true, settings.segmentSeconds()));
        return RenditionOutput.measured(rendition.name(), index, rendition.width(), rendition.height(),
                rendition.codecs(), segments, initBytes + playlistBytes);
    }

    /** A server-side copy of the parent's blob at {@code path} under the clip's folder; returns its size. */
    private long copy(Upload parent, TranscodeRequest request, String path) {
        BlobRef from = parentBlob(parent, path);
        StoredBlob stored = store.describe(from)
                .orElseThrow(() -> new IllegalStateException("the parent's " + path + " is gone"));
        store.copy(from, stored.etag(), clipBlob(request, path), Map.of());
        return stored.sizeBytes();
    }


    private long upload(BlobRef blob, Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        store.upload(blob, file, M3U8);
        return Files.size(file);
    }

    private BlobRef parentBlob(Upload parent, String path) {
        return layout.library(parent.tenantId(), parent.id(), "hls/" + path);
    }

    private BlobRef clipBlob(TranscodeRequest request, String path) {
        return layout.library(request.tenantId(), request.uploadId(), "hls/" + path);
    }
}
