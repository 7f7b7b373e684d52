package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.BatchOutput;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.ProgressJob;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the orchestration knows of the encode so far: finished chunks, the audio, and how much of the preview is
 * published. Rebuilt identically on every replay from the results in the history. The preview is the lowest rung
 * from the first chunk up to the first one not done yet, and waits for the audio when the video has sound.
 */
final class EncodeTracker {

    private final TranscodePlan plan;
    private final boolean hasAudio;
    private final Instant startedAt;
    private final Map<Integer, ChunkOutput> chunks = new TreeMap<>();
    private RenditionOutput audio;
    private List<ThumbnailOutput> thumbnails = List.of();
    private int previewListed;
    private int previewOffered;

    EncodeTracker(TranscodePlan plan, boolean hasAudio, Instant startedAt) {
        this.plan = plan;
        this.hasAudio = hasAudio;
        this.startedAt = startedAt;
    }

    void batchDone(BatchOutput batch) {
        batch.chunks().forEach(chunk -> chunks.put(chunk.chunk(), chunk));
    }

    void audioDone(RenditionOutput encoded) {
        audio = encoded;
    }

    void thumbnailsDone(List<ThumbnailOutput> stills) {
        thumbnails = List.copyOf(stills);
    }

    /** Probing takes the first 5 %, packaging the last 10 %; the chunks share what lies between. */
    int percent() {
        return 5 + 85 * chunks.size() / plan.chunks().size();
    }

    TranscodeProgress progress(String stage, int percent, Instant now) {
        return progress(stage, percent, now, previewListed > 0);
    }

    private TranscodeProgress progress(String stage, int percent, Instant now, boolean previewReady) {
        int done = chunks.size();
        int total = plan.chunks().size();
        int eta = TranscodeProgress.UNKNOWN_ETA;
        if (done == total) {
            eta = 0;
        } else if (done > 0) {
            long elapsed = Duration.between(startedAt, now).toSeconds();
            eta = (int) Math.min(Integer.MAX_VALUE, elapsed * (total - done) / done);
        }
        int renditions = plan.rungs().size();
        return new TranscodeProgress(stage, done == total ? renditions : 0, renditions, percent, done, total, eta,
                previewReady);
    }

    /**
     * The progress write while transcoding, with the preview segments not listed yet (none until the audio is
     * there); its progress tells the preview is ready once this write lists a first segment.
     */
    ProgressJob progressJob(TranscodeRequest request, Instant now) {
        List<Segment> ready = previewReadySegments();
        List<Segment> fresh = ready.size() > previewListed ? ready.subList(previewListed, ready.size()) : List.of();
        previewOffered = ready.size();
        return new ProgressJob(request, progress("transcoding", percent(), now, previewOffered > 0),
                plan.previewRung(), audio, previewListed, List.copyOf(fresh), plan.segmentSeconds());
    }

    /** The last progress write succeeded: the preview lists what it offered. */
    void previewPublished() {
        previewListed = previewOffered;
    }

    boolean previewStarted() {
        return previewListed > 0;
    }

    private List<Segment> previewReadySegments() {
        List<Segment> ready = new ArrayList<>();
        if (hasAudio && audio == null) {
            return ready;
        }
        for (int chunk = 0; chunks.containsKey(chunk); chunk++) {
            chunks.get(chunk).rungs().stream().filter(r -> r.rung().equals(plan.previewRung().name()))
                    .forEach(r -> ready.addAll(r.segments()));
        }
        return ready;
    }

    /** Every rung's segments in timeline order, with the size of its init segment. */
    List<RungSegments> segmentsByRung() {
        List<RungSegments> all = new ArrayList<>();
        for (Rung rung : plan.rungs()) {
            long initBytes = 0;
            List<Segment> segments = new ArrayList<>();
            for (ChunkOutput chunk : chunks.values()) {
                for (RungSegments part : chunk.rungs()) {
                    if (part.rung().equals(rung.name())) {
                        initBytes += part.initBytes();
                        segments.addAll(part.segments());
                    }
                }
            }
            all.add(new RungSegments(rung.name(), initBytes, segments));
        }
        return all;
    }

    RenditionOutput audio() {
        return audio;
    }

    List<ThumbnailOutput> thumbnails() {
        return thumbnails;
    }
}
