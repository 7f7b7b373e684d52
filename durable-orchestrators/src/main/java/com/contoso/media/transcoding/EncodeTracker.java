package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.BatchOutput;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.PreviewGrowth;
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
 * What the orchestration knows of the encode so far: finished chunks (each with its stretch of the audio, if it has
 * one) and how much of the preview is published. Rebuilt identically on every replay from the results in the
 * history. The preview is the lowest rung and the sound from the first chunk up to the first one not done yet; when
 * the video has sound, it starts once there is some.
 */
final class EncodeTracker {

    /** Where the preview's picture and sound are counted in {@code previewListed} and {@code previewOffered}. */
    private static final int VIDEO = 0;
    private static final int AUDIO = 1;

    private final TranscodePlan plan;
    private final boolean hasAudio;
    private final Instant startedAt;

    /** What each chunk has so far, by chunk: its rungs' and its sound's segments, as their jobs finish. */
    private final Map<Integer, List<RungSegments>> chunks = new TreeMap<>();
    private List<ThumbnailOutput> thumbnails = List.of();
    private final int[] previewListed = new int[2];
    private final int[] previewOffered = new int[2];

    EncodeTracker(TranscodePlan plan, boolean hasAudio, Instant startedAt) {
        this.plan = plan;
        this.hasAudio = hasAudio;
        this.startedAt = startedAt;
    }

    void batchDone(BatchOutput batch) {
        batch.chunks().forEach(this::partDone);
    }

    /** Some of a chunk's jobs: the lead's, or a batch's share of it. */
    void partDone(ChunkOutput part) {
        chunks.computeIfAbsent(part.chunk(), chunk -> new ArrayList<>()).addAll(part.rungs());
    }

    /** The chunks with every rung encoded. */
    private int chunksDone() {
        return (int) chunks.values().stream().filter(parts -> plan.rungs().stream()
                .allMatch(rung -> has(parts, rung.name()))).count();
    }

    private static boolean has(List<RungSegments> parts, String rendition) {
        return parts.stream().anyMatch(part -> part.rung().equals(rendition));
    }

    void thumbnailsDone(List<ThumbnailOutput> stills) {
        thumbnails = List.copyOf(stills);
    }

    /** Probing takes the first 5 %, packaging the last 10 %; the chunks share what lies between. */
    int percent() {
        return 5 + 85 * chunksDone() / plan.chunks().size();
    }

    TranscodeProgress progress(String stage, int percent, Instant now) {
        return progress(stage, percent, now, previewStarted());
    }

    private TranscodeProgress progress(String stage, int percent, Instant now, boolean previewReady) {
        int done = chunksDone();
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
     * The progress write while transcoding, with the preview segments not listed yet; its progress tells the
     * preview is ready once this write lists a first segment.
     */
    ProgressJob progressJob(TranscodeRequest request, Instant now) {
        List<Segment> video = ready(plan.previewRung().name());
        List<Segment> audio = hasAudio ? ready(RenditionOutput.AUDIO) : List.of();
        if (hasAudio && audio.isEmpty()) {
            video = List.of();
        }
        previewOffered[VIDEO] = video.size();
        previewOffered[AUDIO] = audio.size();
        return new ProgressJob(request, progress("transcoding", percent(), now, !video.isEmpty()), plan.previewRung(),
                growth(video, VIDEO), hasAudio ? growth(audio, AUDIO) : null, plan.segmentSeconds());
    }

    private PreviewGrowth growth(List<Segment> ready, int rendition) {
        int listed = previewListed[rendition];
        return new PreviewGrowth(listed, ready.size() > listed ? List.copyOf(ready.subList(listed, ready.size()))
                : List.of());
    }

    /** The last progress write succeeded: the preview lists what it offered. */
    void previewPublished() {
        previewListed[VIDEO] = previewOffered[VIDEO];
        previewListed[AUDIO] = previewOffered[AUDIO];
    }

    boolean previewStarted() {
        return previewListed[VIDEO] > 0;
    }

    /** A rendition's segments from the first chunk on, as far as the preview's rung is done without a gap. */
    private List<Segment> ready(String rendition) {
        List<Segment> ready = new ArrayList<>();
        for (int chunk = 0; chunks.containsKey(chunk) && has(chunks.get(chunk), plan.previewRung().name()); chunk++) {
            chunks.get(chunk).stream().filter(r -> r.rung().equals(rendition)).forEach(r -> ready.addAll(r.segments()));
        }
        return ready;
    }

    /** Every rendition's segments in timeline order, with the size of its init segment: the rungs', then the sound's. */
    List<RungSegments> segmentsByRendition() {
        List<String> renditions = new ArrayList<>(plan.rungs().stream().map(Rung::name).toList());
        if (hasAudio) {
            renditions.add(RenditionOutput.AUDIO);
        }
        List<RungSegments> all = new ArrayList<>();
        for (String rendition : renditions) {
            long initBytes = 0;
            List<Segment> segments = new ArrayList<>();
            for (List<RungSegments> parts : chunks.values()) {
                for (RungSegments part : parts) {
                    if (part.rung().equals(rendition)) {
                        initBytes += part.initBytes();
                        segments.addAll(part.segments());
                    }
                }
            }
            all.add(new RungSegments(rendition, initBytes, segments));
        }
        return all;
    }

    List<ThumbnailOutput> thumbnails() {
        return thumbnails;
    }
}
