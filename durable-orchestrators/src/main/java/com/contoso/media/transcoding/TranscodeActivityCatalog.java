package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.AudioChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.DownloadsJob;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsJob;
import com.contoso.media.transcoding.TranscodeJobs.ProgressJob;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The activities by name, taking and returning JSON exactly as the Durable worker passes them, for a host that
 * dispatches activities itself (the local runtime). Under Functions each has its own trigger instead.
 */
public final class TranscodeActivityCatalog {

    private static final DataConverter JSON = new JacksonDataConverter();

    /** The activities that run ffmpeg: each keeps cores busy for as long as it runs. */
    public static final Set<String> ENCODES = Set.of(TranscodeVideoOrchestration.PROBE,
            EncodeChunksOrchestration.ENCODE_CHUNK, EncodeChunksOrchestration.ENCODE_AUDIO_CHUNK,
            TranscodeVideoOrchestration.THUMBNAILS, TranscodeVideoOrchestration.CUT_CLIP,
            TranscodeVideoOrchestration.STORYBOARD);

    private TranscodeActivityCatalog() {
    }

    /** {@code wake} is the host's {@link TranscodeControl#wake}, for the videos a released slot goes to. */
    public static Map<String, UnaryOperator<String>> of(TranscodeActivities activities, ClipCutter clips,
                                                        RenditionPackager packager, Consumer<String> wake) {
        Map<String, UnaryOperator<String>> catalog = new HashMap<>();
        add(catalog, TranscodeVideoOrchestration.DOWNLOADS, DownloadsJob.class, packager::writeDownloads);
        add(catalog, TranscodeVideoOrchestration.STORYBOARD, StoryboardJob.class, packager::writeStoryboard);
        add(catalog, TranscodeVideoOrchestration.CUT_CLIP, TranscodeRequest.class, clips::cutClip);
        add(catalog, TranscodeVideoOrchestration.CLAIM_SLOT, TranscodeRequest.class, activities::claimSlot);
        add(catalog, TranscodeVideoOrchestration.RELEASE_SLOT, TranscodeRequest.class, request -> {
            activities.releaseSlot(request).forEach(wake);
            return null;
        });
        add(catalog, TranscodeVideoOrchestration.PROBE, TranscodeRequest.class, activities::probeSource);
        add(catalog, EncodeChunksOrchestration.ENCODE_CHUNK, ChunkJob.class, activities::encodeChunk);
        add(catalog, EncodeChunksOrchestration.ENCODE_AUDIO_CHUNK, AudioChunkJob.class, activities::encodeAudioChunk);
        add(catalog, TranscodeVideoOrchestration.THUMBNAILS, ThumbnailJob.class, activities::createThumbnails);
        add(catalog, TranscodeVideoOrchestration.PROGRESS, ProgressJob.class, job -> {
            activities.publishProgress(job);
            return null;
        });
        add(catalog, TranscodeVideoOrchestration.PLAYLISTS, PlaylistsJob.class, activities::writePlaylists);
        add(catalog, TranscodeVideoOrchestration.FINALIZE, FinalizeJob.class, job -> {
            activities.finalizeUpload(job);
            return null;
        });
        add(catalog, TranscodeVideoOrchestration.END, EndJob.class, job -> {
            activities.endUpload(job);
            return null;
        });
        add(catalog, TranscodeVideoOrchestration.CLEANUP, TranscodeRequest.class, request -> {
            activities.deleteOutputs(request);
            return null;
        });
        return Map.copyOf(catalog);
    }

    private static <I> void add(Map<String, UnaryOperator<String>> catalog, String name, Class<I> input,
                                Function<I, ?> activity) {
        catalog.put(name, json -> {
            Object result = activity.apply(JSON.deserialize(json, input));
            return result == null ? null : JSON.serialize(result);
        });
    }
}
