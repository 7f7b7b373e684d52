package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.ChunkJob;
import com.contoso.media.transcoding.TranscodeOptions.ThumbnailChoice;
import com.contoso.media.uploads.MediaInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the orchestration will do for one video, worked out up front from the probe, the settings and the
 * client's options. Pure, so the orchestrator may compute it on every replay.
 *
 * <p>The chunk jobs are grouped into at most {@value #MAX_BATCHES} batches, each one sub-orchestration: the
 * parent's history then stays the same size however long the video, and each batch's grows only with its share.
 * {@code batchWindow} batches run at once and each runs up to {@code jobWindow} jobs, so no more than
 * {@code maxParallel} encodes run together.
 */
public record TranscodePlan(List<Rung> rungs, List<Chunk> chunks, List<List<ChunkJob>> batches, int batchWindow,
                            int jobWindow, List<Double> thumbnailTimes, int segmentSeconds) {

    static final int MAX_BATCHES = 64;

    public static TranscodePlan of(TranscodeRequest request, MediaInfo media, TranscodeSettings settings) {
        Optional<TranscodeOptions> options = Optional.ofNullable(request.options());
        List<Rung> ladder = options.map(TranscodeOptions::ladder)
                .map(rungs -> rungs.stream().map(r -> TranscodeSettings.rung(r.height(), r.videoKbps())).toList())
                .orElse(settings.ladder());
        List<Rung> rungs = LadderPlanner.plan(media, ladder);
        int chunkSeconds = options.map(TranscodeOptions::chunkSeconds).orElse(settings.chunkSeconds());
        List<Chunk> chunks = ChunkPlanner.plan(media.durationSeconds(), media.frameRate(), settings.segmentSeconds(),
                chunkSeconds);

        List<ChunkJob> jobs = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (settings.oneDecode()) {
                jobs.add(new ChunkJob(request, chunk, rungs, settings.segmentSeconds()));
            } else {
                rungs.forEach(rung -> jobs.add(new ChunkJob(request, chunk, List.of(rung),
                        settings.segmentSeconds())));
            }
        }
        int jobsPerChunk = jobs.size() / chunks.size();
        int chunksPerBatch = (chunks.size() + MAX_BATCHES - 1) / MAX_BATCHES;
        int jobsPerBatch = chunksPerBatch * jobsPerChunk;
        List<List<ChunkJob>> batches = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += jobsPerBatch) {
            batches.add(List.copyOf(jobs.subList(from, Math.min(jobs.size(), from + jobsPerBatch))));
        }
        int parallel = Math.max(1, settings.maxParallel());
        return new TranscodePlan(rungs, chunks, batches, Math.max(1, parallel / jobsPerBatch),
                Math.min(jobsPerBatch, parallel), thumbnailTimes(media.durationSeconds(),
                        options.map(TranscodeOptions::thumbnails).orElse(null)), settings.segmentSeconds());
    }

    /** The video's length, as the chunks cover it. */
    public double durationSeconds() {
        Chunk last = chunks.get(chunks.size() - 1);
        return last.startSeconds() + last.durationSeconds();
    }

    /** The rung the preview plays: the lowest, the first whose chunks are all small and quick. */
    public Rung previewRung() {
        return rungs.get(rungs.size() - 1);
    }

    /** One still a second in (or half-way through a shorter video), or what the client asked for. */
    static List<Double> thumbnailTimes(double duration, ThumbnailChoice choice) {
        List<Double> times = new ArrayList<>();
        if (choice == null) {
            times.add(Math.min(1.0, duration / 2));
        } else if (choice.count() != null) {
            for (int i = 0; i < choice.count(); i++) {
                times.add(duration * (i + 0.5) / choice.count());
            }
        } else {
            for (int i = 0; i * choice.intervalSeconds() < duration && i < TranscodeLimits.MAX_THUMBNAILS; i++) {
                times.add(i * choice.intervalSeconds());
            }
        }
        return times;
    }
}
