package com.contoso.media.bench;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.fairuse.SlotClaim;
import com.contoso.media.json.Json;
import com.contoso.media.transcoding.AudioStretch;
import com.contoso.media.transcoding.Chunk;
import com.contoso.media.transcoding.EncodeChunksOrchestration;
import com.contoso.media.transcoding.HlsCommand;
import com.contoso.media.transcoding.RenditionOutput;
import com.contoso.media.transcoding.Storyboard;
import com.contoso.media.transcoding.Rung;
import com.contoso.media.transcoding.TranscodeJobs.AudioChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsJob;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsOutput;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeJobs.SpriteOutput;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardJob;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardOutput;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.transcoding.TranscodeVideoOrchestration;
import com.contoso.media.uploads.MediaInfo;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each activity returns and how long it takes, without running it: the output has the shape and sizes the real
 * activity's would (segments of the rung's bitrate, one per segment length), and the time comes from a
 * {@link ActivityRecorder.Recording} of real runs, times {@code cpuScale}, plus the bytes it moves at
 * {@code blobMegabytesPerSecond}. Record-keeping activities (slots, progress, playlists, the record) take
 * {@code bookkeepingSeconds}: a few storage round trips.
 */
public final class StandInActivities {

    private static final DataConverter JSON = new JacksonDataConverter();
    private static final long INIT_BYTES = 900;

    /** An activity's result and duration. */
    record Outcome(String outputJson, double seconds) {
    }

    private final ActivityRecorder.Recording recording;
    private final Map<String, MediaInfo> sources;
    private final double cpuScale;
    private final double blobMegabytesPerSecond;
    private final double bookkeepingSeconds;
    private final long sourceBitsPerSecond;

    /** {@code sources}: each upload's media as the probe would find it. */
    public StandInActivities(ActivityRecorder.Recording recording, Map<String, MediaInfo> sources, double cpuScale,
                      double blobMegabytesPerSecond, double bookkeepingSeconds, long sourceBitsPerSecond) {
        this.recording = recording;
        this.sources = sources;
        this.cpuScale = cpuScale;
        this.blobMegabytesPerSecond = blobMegabytesPerSecond;
        this.bookkeepingSeconds = bookkeepingSeconds;
        this.sourceBitsPerSecond = sourceBitsPerSecond;
    }

    Outcome run(String name, String input) {
        return switch (name) {
            case TranscodeVideoOrchestration.CLAIM_SLOT -> new Outcome(JSON.serialize(SlotClaim.granted()),
                    bookkeepingSeconds);
            case TranscodeVideoOrchestration.PROBE -> {
                MediaInfo media = media(read(input, TranscodeRequest.class));
                yield new Outcome(JSON.serialize(new ProbeOutcome(true, media, null, null)),
                        recording.probeSeconds() * cpuScale);
            }
            case EncodeChunksOrchestration.ENCODE_CHUNK -> encode(read(input, ChunkJob.class));
            case EncodeChunksOrchestration.ENCODE_AUDIO_CHUNK -> audio(read(input, AudioChunkJob.class));
            case TranscodeVideoOrchestration.THUMBNAILS -> thumbnails(read(input, ThumbnailJob.class));
            case TranscodeVideoOrchestration.PLAYLISTS -> playlists(read(input, PlaylistsJob.class));
            case TranscodeVideoOrchestration.STORYBOARD -> storyboard(read(input, StoryboardJob.class));
            case TranscodeVideoOrchestration.PROGRESS, TranscodeVideoOrchestration.FINALIZE,
                    TranscodeVideoOrchestration.RELEASE_SLOT, TranscodeVideoOrchestration.END,
                    TranscodeVideoOrchestration.CLEANUP -> new Outcome("null", bookkeepingSeconds);
            default -> throw new IllegalArgumentException("no stand-in for activity " + name);
        };
    }

    /** One chunk of one rung (per-rung mode) or of several: the recorded cost per rung, plus reading the source. */
    private Outcome encode(ChunkJob job) {
        MediaInfo media = media(job.request());
        Chunk chunk = job.chunk();
        double seconds = 0;
        List<RungSegments> rungs = new ArrayList<>();
        for (Rung rung : job.rungs()) {
            seconds += costPerMediaSecond(media.height(), rung.height(), chunk.durationSeconds())
                    * chunk.durationSeconds() * cpuScale;
            List<Segment> segments = segments(chunk, job.segmentSeconds(), rung.videoKbps() + rung.audioKbps());
            rungs.add(new RungSegments(rung.name(), INIT_BYTES, segments));
            seconds += transfer(segments.stream().mapToLong(Segment::bytes).sum());
        }
        seconds += transfer((long) (chunk.durationSeconds() * sourceBitsPerSecond / 8));
        return new Outcome(JSON.serialize(new ChunkOutput(chunk.index(), rungs)), seconds);
    }

    /** One stretch of the audio: the recorded cost of a stretch that long, plus reading its share of the source. */
    private Outcome audio(AudioChunkJob job) {
        MediaInfo media = media(job.request());
        AudioStretch stretch = job.stretch();
        double seconds = stretch.last() ? media.durationSeconds() - stretch.startSeconds() : stretch.durationSeconds();
        Chunk span = new Chunk(stretch.chunk(), stretch.startSeconds(), seconds, 0, stretch.firstSegment(), true);
        List<Segment> segments = segments(span, job.segmentSeconds(), HlsCommand.AUDIO_KBPS);
        return new Outcome(JSON.serialize(new ChunkOutput(stretch.chunk(), List.of(new RungSegments(
                RenditionOutput.AUDIO, stretch.startSeconds() == 0 ? INIT_BYTES : 0, segments)))),
                recording.audioStretch(seconds) * cpuScale + transfer(segments.stream().mapToLong(Segment::bytes).sum())
                        + transfer((long) (seconds * sourceBitsPerSecond / 8)));
    }

    private Outcome thumbnails(ThumbnailJob job) {
        List<ThumbnailOutput> stills = new ArrayList<>();
        for (double at : job.atSeconds()) {
            stills.add(new ThumbnailOutput(blob(job.request(), "thumbnail.jpg"), job.width(), job.height(), 40_000, at));
        }
        stills.add(new ThumbnailOutput(blob(job.request(), "poster.jpg"), 480, 270, 20_000, 0, true));
        // A still per time, and the poster's candidates (up to nine seeks and one frame each).
        return new Outcome(JSON.serialize(stills), recording.thumbnailsSeconds() * (stills.size() + 9) * cpuScale);
    }

    private Outcome playlists(PlaylistsJob job) {
        MediaInfo media = media(job.request());
        boolean sound = job.segments().stream().anyMatch(s -> s.rung().equals(RenditionOutput.AUDIO));
        List<RenditionOutput> renditions = new ArrayList<>();
        for (Rung rung : job.rungs()) {
            long bps = (rung.videoKbps() + rung.audioKbps()) * 1000L;
            renditions.add(new RenditionOutput(rung.name(), blob(job.request(), rung.name() + "/index.m3u8"),
                    rung.width(), rung.height(), bps * 11 / 10, bps, rung.codecs(sound),
                    media.durationSeconds(), (long) (bps / 8 * media.durationSeconds())));
        }
        if (sound) {
            renditions.add(new RenditionOutput(RenditionOutput.AUDIO, blob(job.request(), "audio/index.m3u8"), 0, 0,
                    130_000, 128_000, "mp4a.40.2", media.durationSeconds(), (long) (16_000 * media.durationSeconds())));
        }
        return new Outcome(JSON.serialize(new PlaylistsOutput(new MasterOutput(blob(job.request(), "master.m3u8"),
                600), renditions)), bookkeepingSeconds * (1 + job.rungs().size()));
    }

    /**
     * A short video's storyboard decodes its lowest rung whole; a longer one's takes one frame from each tile's
     * segment, at the recorded cost of one tile, plus fetching the segments 8 at a time.
     */
    private Outcome storyboard(StoryboardJob job) {
        MediaInfo media = media(job.request());
        Storyboard board = job.storyboard();
        StoryboardOutput output = new StoryboardOutput(blob(job.request(), "storyboard/storyboard.vtt"), 4000,
                List.of(new SpriteOutput(blob(job.request(), "storyboard/sprite-001.jpg"), 120_000)));
        double seconds = board.fromSegmentStarts()
                ? board.tiles() * (recording.storyboardTileSeconds() * cpuScale + transfer(400_000))
                        + Math.ceil(board.tiles() / 8.0) * bookkeepingSeconds
                : recording.storyboardSecondsPerMediaSecond() * media.durationSeconds() * cpuScale;
        return new Outcome(JSON.serialize(output), seconds);
    }

    /** Recorded seconds of work per second of media, interpolated between the recorded chunk lengths. */
    double costPerMediaSecond(int sourceHeight, int rungHeight, double chunkSeconds) {
        int source = sourceHeight >= 1080 ? 1080 : 720;
        Double ten = recording.encodeSecondsPerMediaSecond().get(ActivityRecorder.key(source, rungHeight, 10));
        Double twenty = recording.encodeSecondsPerMediaSecond().get(ActivityRecorder.key(source, rungHeight, 20));
        if (ten == null || twenty == null) {
            throw new IllegalArgumentException("no recording for a " + rungHeight + "p rung of a " + source
                    + "p source");
        }
        // A chunk's fixed cost (starting ffmpeg, seeking, the encoder's lookahead) shows as a higher rate for 10 s.
        double fixed = Math.max(0, (ten - twenty) * 10 * 20 / (20 - 10));
        double perSecond = twenty - fixed / 20;
        return perSecond + fixed / chunkSeconds;
    }

    private static List<Segment> segments(Chunk chunk, int segmentSeconds, int kbps) {
        List<Segment> segments = new ArrayList<>();
        double left = chunk.durationSeconds();
        int index = chunk.firstSegment();
        while (left > 1e-6) {
            double seconds = Math.min(segmentSeconds, left);
            segments.add(new Segment(String.format(Locale.ROOT, "seg-%05d.m4s", index++), seconds,
                    (long) (kbps * 1000L / 8 * seconds)));
            left -= seconds;
        }
        return segments;
    }

    private double transfer(long bytes) {
        return bytes / (blobMegabytesPerSecond * 1024 * 1024);
    }

    private MediaInfo media(TranscodeRequest request) {
        return sources.get(request.uploadId());
    }

    private static BlobRef blob(TranscodeRequest request, String path) {
        return new BlobRef("media", request.tenantId() + "/" + request.uploadId() + "/hls/" + path);
    }

    private static <T> T read(String json, Class<T> type) {
        return Json.read(json, type);
    }
}
