package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.TempFolder;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.logging.LogContext;
import com.contoso.media.transcoding.TranscodeJobs.DownloadOutput;
import com.contoso.media.transcoding.TranscodeJobs.DownloadsJob;
import com.contoso.media.transcoding.TranscodeJobs.SpriteOutput;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardJob;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is made from a finished transcode's encoded segments rather than from the source. The WriteDownloads
 * activity: progressive files made from the HLS by stream copy, never a re-encode. A rendition's init segment followed by its media segments is one fragmented MP4 (that is what fMP4 HLS
 * is), and its segments already sit on one timeline; ffmpeg copies that into a progressive MP4 with its index at
 * the front ({@code +faststart}), so a download starts playing before it is whole. The MP4 is the chosen rung with
 * the sound; the M4A the sound alone. The CreateStoryboard activity: the sprite sheets and WebVTT of
 * {@link Storyboard}, decoded from the lowest rung (a few hundred kilobits a second), not from the source.
 */
public final class RenditionPackager {

    private static final Logger LOG = LoggerFactory.getLogger(RenditionPackager.class);
    private static final String AUDIO = RenditionOutput.AUDIO;
    /** Segments fetched at once for a storyboard. */
    private static final int PARALLEL_FETCHES = 8;
    private static final String TILES = "tile-%05d.jpg";

    private final MediaStore store;
    private final Ffmpeg ffmpeg;
    private final BlobLayout layout;

    public RenditionPackager(MediaStore store, Ffmpeg ffmpeg, BlobLayout layout) {
        this.store = store;
        this.ffmpeg = ffmpeg;
        this.layout = layout;
    }

    public DownloadOutput[] writeDownloads(DownloadsJob job) {
        TranscodeRequest request = job.request();
        try (LogContext ignored = LogContext.of(request.tenantId(), request.uploadId(), request.correlationId());
             TempFolder dir = TempFolder.create("downloads-")) {
            Joined audio = job.hasAudio() ? joined(request, AUDIO, dir) : null;
            List<DownloadOutput> made = new ArrayList<>();
            if (job.mp4()) {
                Joined video = joined(request, job.rung(), dir);
                List<String> command = new ArrayList<>(List.of("-i", video.file().toString()));
                double seconds = video.seconds();
                if (audio != null) {
                    command.addAll(List.of("-i", audio.file().toString(), "-map", "0:v:0", "-map", "1:a:0"));
                    seconds = Math.max(seconds, audio.seconds());
                }
                made.add(remux(request, command, seconds, dir.resolve("download.mp4"), "mp4", "video/mp4"));
            }
            if (job.audioOnly() && audio != null) {
                made.add(remux(request, new ArrayList<>(List.of("-i", audio.file().toString(), "-map", "0:a:0")),
                        audio.seconds(), dir.resolve("audio.m4a"), "m4a", "audio/mp4"));
            }
            LOG.info("downloads written: {}", made.stream().map(DownloadOutput::kind).toList());
            return made.toArray(DownloadOutput[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StoryboardOutput writeStoryboard(StoryboardJob job) {
        TranscodeRequest request = job.request();
        try (LogContext ignored = LogContext.of(request.tenantId(), request.uploadId(), request.correlationId());
             TempFolder dir = TempFolder.create("storyboard-")) {
            Storyboard board = job.storyboard();
            String sprites = dir.resolve("sprite-%03d.jpg").toString();
            if (board.fromSegmentStarts()) {
                ffmpeg.run(List.of("-i", tilesFromSegmentStarts(request, job.rung(), board, dir), "-vf",
                        board.sheetFilter(), "-q:v", "5", sprites));
            } else {
                Path video = joined(request, job.rung(), dir).file();
                ffmpeg.run(List.of("-i", video.toString(), "-an", "-vf", board.filter(), "-q:v", "5", sprites));
            }
            List<SpriteOutput> sheets = new ArrayList<>();
            for (int sheet = 0; sheet < board.sheets(); sheet++) {
                Path file = dir.resolve(Storyboard.sheetName(sheet));
                if (!Files.exists(file)) {
                    throw new IllegalStateException("ffmpeg made no " + file.getFileName());
                }
                BlobRef blob = blob(request, "storyboard/" + file.getFileName());
                store.upload(blob, file, "image/jpeg");
                sheets.add(new SpriteOutput(blob, Files.size(file)));
            }
            Path vtt = dir.resolve("storyboard.vtt");
            Files.writeString(vtt, board.vtt(), StandardCharsets.UTF_8);
            BlobRef index = blob(request, "storyboard/storyboard.vtt");
            store.upload(index, vtt, "text/vtt");
            LOG.info("storyboard written: {} tiles every {} s in {} sheets", board.tiles(), board.intervalSeconds(),
                    sheets.size());
            return new StoryboardOutput(index, Files.size(vtt), sheets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each tile from the first frame of the segment that starts at its time (see {@link Storyboard}): one segment
     * fetched and one frame decoded per tile, behind the init segment fetched once. The segments are fetched side
     * by side, since a hundred small blobs cost their round trips rather than their bytes. Returns the tiles' file
     * pattern, for the sheets.
     */
    private String tilesFromSegmentStarts(TranscodeRequest request, String rung, Storyboard board, TempFolder dir)
            throws IOException {
        BlobRef index = blob(request, "hls/" + rung + "/index.m3u8");
        HlsPlaylist playlist = HlsPlaylist.stored(store, index);
        Path init = StoredHls.join(store, index, playlist, 0, dir.resolve("init.mp4"));
        ExecutorService fetches = Executors.newFixedThreadPool(PARALLEL_FETCHES);
        try {
            List<Future<Path>> parts = new ArrayList<>();
            for (int tile = 0; tile < board.tiles(); tile++) {
                String segment = playlist.segmentFiles().get(segmentStartingAt(playlist,
                        tile * board.intervalSeconds()));
                Path part = dir.resolve("segment-" + tile + ".mp4");
                parts.add(fetches.submit(() -> StoredHls.behind(init, store, index, segment, part)));
            }
            for (int tile = 0; tile < parts.size(); tile++) {
                // A JPEG of the best quality: the sheet is a JPEG too, and neither step leaves the YUV the video is in.
                ffmpeg.run(List.of("-y", "-i", fetched(parts.get(tile)).toString(), "-an", "-frames:v", "1",
                        "-vf", board.tileScale(), "-q:v", "2",
                        dir.resolve(String.format(Locale.ROOT, TILES, tile)).toString()));
            }
        } finally {
            fetches.shutdownNow();
        }
        return dir.resolve(TILES).toString();
    }

    private static Path fetched(Future<Path> part) throws IOException {
        try {
            return part.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a storyboard segment", e);
        }
    }

    /**
     * The segment that starts at {@code seconds}: its keyframe falls on the first frame at or after a whole number
     * of segments, so its start may be up to a frame later than the tile's time (half a second of slack).
     */
    static int segmentStartingAt(HlsPlaylist playlist, double seconds) {
        double start = 0;
        int found = 0;
        for (int i = 0; i < playlist.segmentFiles().size() && start <= seconds + 0.5; i++) {
            found = i;
            start += playlist.segmentSeconds().get(i);
        }
        return found;
    }

    /** A rendition joined into one fragmented MP4 file, and its length as its playlist gives it. */
    private record Joined(Path file, double seconds) {
    }

    private Joined joined(TranscodeRequest request, String rendition, TempFolder dir) throws IOException {
        BlobRef index = blob(request, "hls/" + rendition + "/index.m3u8");
        HlsPlaylist playlist = HlsPlaylist.stored(store, index);
        Path file = StoredHls.join(store, index, playlist, playlist.segmentFiles().size(),
                dir.resolve(rendition + "-joined.mp4"));
        return new Joined(file, playlist.segmentSeconds().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** A progressive copy of the inputs with its index at the front; its length is its playlists'. */
    private DownloadOutput remux(TranscodeRequest request, List<String> inputs, double seconds, Path out,
                                 String kind, String contentType) throws IOException {
        List<String> command = new ArrayList<>(inputs);
        command.addAll(List.of("-c", "copy", "-movflags", "+faststart", out.toString()));
        ffmpeg.run(command);
        BlobRef target = blob(request, "downloads/" + out.getFileName());
        store.upload(target, out, contentType);
        return new DownloadOutput(kind, target, contentType, Files.size(out), seconds);
    }

    private BlobRef blob(TranscodeRequest request, String path) {
        return layout.library(request.tenantId(), request.uploadId(), path);
    }
}
