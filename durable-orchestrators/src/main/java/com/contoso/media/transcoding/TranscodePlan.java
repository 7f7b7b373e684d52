package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.AudioChunkJob;
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
 * <p>The chunk jobs, and the audio stretches beside them ({@link AudioPlanner}), are grouped into at most
 * {@value #MAX_BATCHES} batches, each one sub-orchestration: the parent's history then stays the same size however
 * long the video, and each batch's grows only with its share. {@code batchWindow} batches run at once and each runs
 * up to {@code jobWindow} jobs, so no more than {@code maxParallel} encodes run together.
 *
 * <p>The {@code lead} runs before every batch, from the parent itself: the first chunk's job that makes the
 * preview's rung, and the sound beside it. With the batches, the preview waited for the slowest rung of the first
 * chunk, for whichever batch won the race to the activity queue, and then for its progress write to get through a
 * queue full of encodes: a 20-minute 1080p video's first preview came 34 s after intake in the simulator. Alone,
 * the lead and its write meet an empty queue; the batches start a few seconds later.
 */
public record TranscodePlan(List<Rung> rungs, List<Chunk> chunks, Batch lead, List<Batch> batches, int batchWindow,
                            int jobWindow, List<Double> thumbnailTimes, int segmentSeconds) {

    /** Some chunks' video jobs, and the audio stretches beside those chunks. */
    public record Batch(List<ChunkJob> video, List<AudioChunkJob> audio) {

        public int size() {
            return video.size() + audio.size();
        }
    }

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
        List<AudioChunkJob> audio = media.hasAudio()
                ? AudioPlanner.plan(chunks, media.durationSeconds(), settings.segmentSeconds()).stream()
                        .map(stretch -> new AudioChunkJob(request, stretch, settings.segmentSeconds())).toList()
                : List.of();
        Rung previewRung = rungs.get(rungs.size() - 1);
        Batch lead = new Batch(jobs.stream().filter(job -> job.chunk().index() == 0 && job.rungs().contains(previewRung))
                .toList(), audio.stream().filter(job -> job.stretch().chunk() == 0).toList());
        int chunksPerBatch = (chunks.size() + MAX_BATCHES - 1) / MAX_BATCHES;
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < chunks.size(); from += chunksPerBatch) {
            int first = from;
            int end = Math.min(chunks.size(), from + chunksPerBatch);
            Batch batch = new Batch(jobs.stream().filter(job -> inRange(job.chunk().index(), first, end)
                    && !lead.video().contains(job)).toList(), audio.stream().filter(job ->
                    inRange(job.stretch().chunk(), first, end) && !lead.audio().contains(job)).toList());
            if (batch.size() > 0) {
                batches.add(batch);
            }
        }
        int[] windows = windows(batches.stream().mapToInt(Batch::size).max().orElse(1),
                Math.max(1, settings.maxParallel()));
        return new TranscodePlan(rungs, chunks, lead, batches, windows[0], windows[1],
                thumbnailTimes(media.durationSeconds(), options.map(TranscodeOptions::thumbnails).orElse(null)),
                settings.segmentSeconds());
    }

    /**
     * How many batches run at once, and how many jobs each: as many encodes as {@code parallel} allows, never more.
     * Whole batches at a time, unless one more batch with fewer jobs each keeps more busy (of 50, two batches of 25
     * rather than one of 30).
     */
    static int[] windows(int jobsPerBatch, int parallel) {
        int jobs = Math.min(jobsPerBatch, parallel);
        int batchesAtOnce = parallel / jobs;
        int fewerJobs = parallel / (batchesAtOnce + 1);
        return fewerJobs * (batchesAtOnce + 1) > batchesAtOnce * jobs
                ? new int[] {batchesAtOnce + 1, fewerJobs} : new int[] {batchesAtOnce, jobs};
    }

    private static boolean inRange(int chunk, int from, int to) {
        return chunk >= from && chunk < to;
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
